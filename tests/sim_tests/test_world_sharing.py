"""One world, many runs (issue 16): a seed's follower graph and population are built once and
shared read-only by every run that plays on them; a run on a shared world, after others have
played on it, is the run it would be alone, bit for bit; the key of a world is what shapes it;
a sweep gives the same rows with worlds shared or not, serially or on two workers."""

from __future__ import annotations

import numpy as np
import pytest

from sim.engine import model as model_module
from sim.engine.world.world import build_world, recipe_of
from sim.lab import Axis, SweepPlan, sweep
from sim.lab.batch import by_world
from sim.lab.plan import expand
from sim.outcome import against_unanswered
from sim.protocol import load_protocol
from sim.session import Session, baseline, world_key
from sim.session.baseline import unanswered_outcome
from sim.session.kept import KeptOutcomes
from sim.session.worlds import shared_world
from sim.spec.loader import load_scenario
from tests.tiny import TINY

SHORT = ("turns.horizon_days=0.5",)


def _spec(*overrides: str):
    return load_scenario(TINY, (*SHORT, *overrides))


def _played(spec, seed: int, protocol: str, shared: bool) -> tuple[str, dict]:
    session = Session(spec, seed, protocol=load_protocol(protocol), shared_world=shared)
    try:
        outcome = session.finish()
        return outcome.model_dump_json(), session.run_record().series
    finally:
        session.close()


def test_a_run_on_a_world_others_played_on_is_the_run_alone():
    spec = _spec()
    alone = _played(spec, 5, "fast-transparent", shared=False)
    for protocol in ("deny-then-apologise", "silent", "fast-transparent"):
        _played(spec, 5, protocol, shared=True)
    again = _played(spec, 5, "fast-transparent", shared=True)
    assert again[0] == alone[0]
    assert again[1] == alone[1]


def test_sessions_of_one_world_share_one_build():
    spec = _spec()
    assert shared_world(spec, 3) is shared_world(_spec("crisis.severity=0.9"), 3)
    assert shared_world(spec, 3) is not shared_world(spec, 4)


def test_a_built_world_cannot_be_written():
    world = build_world(recipe_of(_spec()), 2)
    arrays = [world.followers.data, world.followers.indices, world.followers.indptr]
    arrays += [world.listening.data, world.listening.indices, world.listening.indptr]
    arrays += list(vars(world.publics).values())
    for array in arrays:
        with pytest.raises(ValueError, match="read-only"):
            array[0] = array[0]


@pytest.mark.parametrize(
    "override",
    [
        "graph.users=240",
        "graph.reciprocity=0.3",
        "population.active_share=0.5",
        "population.brand_follower_share=0.1",
        "crisis.prior_reputation=0.1",
        "crisis.cluster=preventable",
        "crisis.history=true",
        "crisis.responsibility_noise=0.2",
    ],
)
def test_what_shapes_the_world_is_in_its_key(override):
    assert world_key(_spec(override), 1) != world_key(_spec(), 1)
    assert not _same(build_world(recipe_of(_spec(override)), 1), build_world(recipe_of(_spec()), 1))


def _same(one, other) -> bool:
    same_graph = (
        one.followers.shape == other.followers.shape and not (one.followers != other.followers).nnz
    )
    return same_graph and all(
        np.array_equal(getattr(one.publics, name), getattr(other.publics, name))
        for name in vars(one.publics)
    )


@pytest.mark.parametrize(
    "override", ["crisis.severity=0.9", "crisis.anger_gain=2.0", "attitude.slow_share=0.5"]
)
def test_what_leaves_the_world_alone_is_not_in_its_key(override):
    assert world_key(_spec(override), 1) == world_key(_spec(), 1)
    assert _same(build_world(recipe_of(_spec(override)), 1), build_world(recipe_of(_spec()), 1))


def test_a_model_refuses_a_world_built_for_another_seed():
    from sim.engine.model import CrisisModel

    with pytest.raises(ValueError, match="not built for this scenario"):
        CrisisModel(_spec(), 1, world=build_world(recipe_of(_spec()), 2))


def test_a_run_that_answers_nothing_is_the_unanswered_run(monkeypatch):
    """A shared session that queued nothing leaves its outcome as the seed's unanswered run:
    it must be the run a fresh unanswered model plays."""
    monkeypatch.setattr(baseline, "_kept", KeptOutcomes(64))
    for scenario in (TINY, "offensive-post"):
        spec = load_scenario(scenario, SHORT)
        session = Session(spec, 9, protocol=load_protocol("silent"))
        played = session.finish()
        fresh = unanswered_outcome(spec, 9)
        assert played.model_dump_json() == against_unanswered(fresh, fresh).model_dump_json()


def test_a_shared_run_that_answers_nothing_spares_the_next_protocol_its_baseline(monkeypatch):
    monkeypatch.setattr(baseline, "_kept", KeptOutcomes(64))
    spec = _spec()
    Session(spec, 6, protocol=load_protocol("silent"), shared_world=True).finish()
    monkeypatch.setattr(baseline, "_unanswered", _not_played)
    Session(spec, 6, protocol=load_protocol("fast-transparent"), shared_world=True).finish()


def test_a_sessions_unanswered_run_and_silent_twin_play_on_its_own_world(monkeypatch):
    """An exercise or `stormdrill run` that answered plays the unanswered run at its end, and
    the facilitator's console a silent twin as it goes: both on the session's world, which the
    seed would build again bit for bit, so the world is built once."""
    monkeypatch.setattr(baseline, "_kept", KeptOutcomes(64))
    builds = []

    def counted(recipe, seed):
        builds.append(seed)
        return build_world(recipe, seed)

    monkeypatch.setattr(model_module, "build_world", counted)
    spec = _spec()
    session = Session(spec, 8, protocol=load_protocol("fast-transparent"))
    session.end_turn()
    session.against_silence()
    outcome = session.finish()
    assert builds == [8]
    on_a_world_of_its_own = baseline._unanswered(spec, 8, (), None)
    assert outcome.unanswered_aware_damage == on_a_world_of_its_own.aware_damage
    assert outcome.unanswered_negative_reach == on_a_world_of_its_own.negative_reach


def test_the_facilitators_silent_twin_plays_on_to_the_horizon_as_the_unanswered_run(
    monkeypatch,
):
    """At the end of an exercise whose facilitator asked how it compares, the silent twin is
    carried on to the horizon: the outcome is the one a fresh unanswered run gives, and no
    unanswered run is played from the first hour."""
    spec = _spec()
    monkeypatch.setattr(baseline, "_kept", KeptOutcomes(64))
    fresh = Session(spec, 8, protocol=load_protocol("fast-transparent")).finish()
    monkeypatch.setattr(baseline, "_kept", KeptOutcomes(64))
    monkeypatch.setattr(baseline, "_unanswered", _not_played)
    session = Session(spec, 8, protocol=load_protocol("fast-transparent"))
    for _ in range(4):
        session.end_turn()
    session.against_silence()
    assert session.finish() == fresh


def _not_played(*args: object) -> None:
    raise AssertionError("the unanswered run was played again")


@pytest.fixture(scope="module")
def plan() -> SweepPlan:
    """3 protocols x 2 severities (one world each seed) x 3 seeds of the tiny scenario."""
    return SweepPlan(
        scenario=TINY,
        overrides=SHORT,
        protocols=("fast-transparent", "silent", "deny-then-apologise"),
        vary=(Axis.parse("crisis.severity=0.4,0.8"),),
        runs=3,
        root_seed=4,
    )


def test_rows_are_the_same_with_worlds_shared_or_not_serially_or_on_two_workers(plan):
    alone = sweep(plan, workers=1, share_worlds=False).to_pandas()
    assert sweep(plan, workers=1).to_pandas().equals(alone)
    assert sweep(plan, workers=2).to_pandas().equals(alone)


def test_a_batch_holds_every_run_of_one_world(plan):
    tasks = expand(plan, shared_world=True)
    batches = by_world(tasks, workers=1)
    assert len(batches) == 3  # one world per seed: the severities share it
    for batch in batches:
        assert len({task.seed for task in batch}) == 1
        assert len(batch) == 6
        assert [task.run_id for task in batch] == sorted(task.run_id for task in batch)
    assert sorted(task.run_id for batch in batches for task in batch) == list(range(18))


def test_batches_are_split_so_that_no_worker_idles(plan):
    tasks = expand(plan, shared_world=True)
    batches = by_world(tasks, workers=8)
    assert len(batches) == 8
    assert sorted(task.run_id for batch in batches for task in batch) == list(range(18))
    assert all(len({task.seed for task in batch}) == 1 for batch in batches)
