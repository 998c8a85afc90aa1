"""Coupled randomness (docs/model.md section 9): every draw belongs to a stable identity, so two
runs of one seed differ only where a change caused a difference."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import block_diag

from sim.action import Action
from sim.engine.draws import Draws, Purpose, combine, smallest
from sim.engine.model import CrisisModel
from sim.engine.world.graph import generate_follower_graph
from sim.session import Session
from sim.session.counterfactual import AS_PLAYED
from sim.spec.loader import load_scenario
from sim.spec.schema import Channel
from tests.sim_tests.conftest import make_spec
from tests.tiny import TINY


def run(spec, seed: int, actions=(), followers=None) -> CrisisModel:
    model = CrisisModel(spec, seed, followers=followers)
    for action in actions:
        model.schedule(action)
    model.run_to_horizon()
    return model


# --------------------------------------------------------------------------- the generator


def test_a_draw_is_a_pure_function_of_seed_purpose_and_identity() -> None:
    draws = Draws(7)
    users = np.arange(1000)
    batch = draws.uniform(Purpose.SHARE, users, 40)
    assert np.array_equal(batch[[5, 900]], draws.uniform(Purpose.SHARE, np.array([5, 900]), 40))
    assert not np.array_equal(batch, draws.uniform(Purpose.SHARE, users, 41))
    assert not np.array_equal(batch, draws.uniform(Purpose.SKEPTIC, users, 40))
    assert not np.array_equal(batch, Draws(8).uniform(Purpose.SHARE, users, 40))
    assert batch.min() > 0.0 and batch.max() < 1.0


def test_a_key_is_the_chain_of_seed_purpose_and_identity_words() -> None:
    """`Draws` mixes each purpose's start once; a key must still be exactly the chain
    combine(seed key, purpose, words...), the function docs/model.md section 9 states."""
    draws = Draws(2026)
    users = np.array([0, 5, 812, 9_999_999], dtype=np.int64)
    seed_key = combine(np.int64(2026))
    for purpose in Purpose:
        assert np.array_equal(
            draws.key(purpose, users, 40), combine(seed_key, int(purpose), users, 40)
        )
        assert draws.key(purpose, 7)[()] == combine(seed_key, int(purpose), 7)[()]
        assert draws.key(purpose)[()] == combine(seed_key, int(purpose))[()]


def test_draws_are_uniform_and_unrelated_across_purposes_and_neighbours() -> None:
    draws = Draws(3)
    users = np.arange(200_000)
    u = draws.uniform(Purpose.SHARE, users, 7)
    v = draws.uniform(Purpose.SKEPTIC, users, 7)
    w = draws.uniform(Purpose.SHARE, users, 8)
    se = 1.0 / np.sqrt(len(u))
    assert abs(u.mean() - 0.5) < 4 * se * np.sqrt(1 / 12)
    assert abs(u.var() - 1 / 12) < 0.002
    for other in (v, w, np.roll(u, 1)):
        assert abs(np.corrcoef(u, other)[0, 1]) < 4 * se
    counts = np.bincount((u * 20).astype(int), minlength=20)
    assert counts.min() > 0.95 * len(u) / 20


def test_a_sample_by_smallest_draws_keeps_each_candidates_chance_whatever_the_pool() -> None:
    draws = Draws(1).uniform(Purpose.SEED_USERS, np.arange(100), 0)
    picked = smallest(draws, 10)
    assert len(picked) == 10 and np.all(np.diff(picked) > 0)
    # A candidate taken out of the pool does not change who else is picked, beyond its own place.
    pool = np.setdiff1d(np.arange(100), picked[:1])
    again = pool[smallest(draws[pool], 10)]
    assert set(picked[1:]) <= set(again)


# --------------------------------------------------------------------------- runs


def test_a_counterfactual_that_changes_nothing_reproduces_the_run_bit_for_bit() -> None:
    spec = load_scenario(TINY)
    session = Session(spec, 5)
    session.queue(session.make_action(strategy="holding_statement", at_h=0.5, transparency=0.6))
    session.end_turn()
    session.queue(session.make_action(strategy="apology", transparency=0.9))
    replayed = session.counterfactual(AS_PLAYED).actual  # a fresh run of the log's plan
    assert replayed == session.finish()


def test_two_runs_of_a_seed_with_the_same_answers_are_identical_tick_by_tick() -> None:
    spec = make_spec(users=800, days=1.0)
    actions = [Action(at_h=1.0, strategy="apology", transparency=0.8)]
    first, second = run(spec, 3, actions), run(spec, 3, actions)
    assert first.series() == second.series()
    assert np.array_equal(first.population.attitude(), second.population.attitude())


def test_a_change_at_hour_h_leaves_everything_before_h_identical() -> None:
    spec = make_spec(users=1200, days=1.0, appeal=5.0)
    statement_h = 1.5
    silent = run(spec, 11)
    answered = run(spec, 11, [Action(at_h=statement_h, strategy="apology", transparency=0.8)])
    before = round(statement_h / spec.turns.tick_h)
    for name, values in silent.series().items():
        assert values[:before] == answered.series()[name][:before], name
    assert silent.series()["negative_posts"] != answered.series()["negative_posts"]
    ticks = silent.posts.column("tick")
    early = int(np.searchsorted(ticks, before))
    for column in ("tick", "author", "kind", "key", "appeal"):
        assert np.array_equal(
            silent.posts.column(column)[:early], answered.posts.column(column)[:early]
        )


def test_a_small_change_makes_a_small_difference_on_every_seed() -> None:
    """An apology one tick (5 minutes) late moves every later event of the run, yet changes
    next to nothing: what is left of the same-seed difference is the luck the change
    reshuffled. Coupled, it is a few hundredths of the spread across seeds (0.05); drawn from
    one shared stream, every later draw would move and the difference would carry about half
    of it (0.57 when each draw's key also counts the draws made before it)."""
    spec = make_spec(users=1200, days=1.0, appeal=5.0)

    def attitude(seed: int, at_h: float) -> float:
        model = run(spec, seed, [Action(at_h=at_h, strategy="apology", transparency=0.8)])
        return float(model.population.attitude().mean())

    seeds = range(1, 7)
    on_time = np.array([attitude(seed, 1.5) for seed in seeds])
    late = np.array([attitude(seed, 1.5 + spec.turns.tick_h) for seed in seeds])
    spread = (on_time.std(ddof=1) + late.std(ddof=1)) / 2
    assert np.std(late - on_time, ddof=1) < spread / 10


@pytest.fixture(scope="module")
def two_worlds():
    """Two follower graphs side by side with no edge between them: a crisis in both, and no
    channel by which an answer given in the first can reach the second (no media, no thread
    answers, no silence drift, which an answer would end for everyone)."""
    rng = np.random.default_rng(4)
    left = generate_follower_graph(400, 15.0, 2.3, 0.22, 0.15, rng)
    right = generate_follower_graph(400, 15.0, 2.3, 0.22, 0.15, rng)
    followers = block_diag((left, right), format="csr")
    followers.indices = followers.indices.astype(np.int32)
    spec = make_spec(users=800, days=1.5, seeds=16, seed_from="random", appeal=6.0)
    spec = spec.model_copy(
        update={
            "media": spec.media.model_copy(update={"outlets": 0, "journalists": 0}),
            "responses": spec.responses.model_copy(update={"thread_visibility": 0.0}),
            "attitude": spec.attitude.model_copy(update={"silence_drift_per_h": 0.0}),
        }
    )
    return spec, followers


def test_an_answer_leaves_the_users_it_cannot_reach_with_the_same_draws(two_worlds) -> None:
    spec, followers = two_worlds
    silent = run(spec, 21, followers=followers)
    influencer = silent.story.influencers[0].user
    reached_side = influencer // 400
    outreach = Action(at_h=1.0, strategy="apology", transparency=0.9, channel=Channel.INFLUENCER)
    answered = run(spec, 21, [outreach], followers=followers)
    near = np.arange(800) // 400 == reached_side
    far = ~near
    pop_s, pop_a = silent.population, answered.population
    assert pop_s.ever_aware[far].sum() > 20  # the crisis did happen on the far side
    assert np.any(pop_a.attitude()[near] != pop_s.attitude()[near])  # the answer did something
    assert np.array_equal(pop_a.attitude()[far], pop_s.attitude()[far])
    assert np.array_equal(pop_a.state[far], pop_s.state[far])
    assert np.array_equal(pop_a.ever_spread[far], pop_s.ever_spread[far])

    def far_posts(model: CrisisModel) -> list[tuple[int, int, int, float]]:
        log = model.posts
        return [
            (int(t), int(a), int(k), float(p))
            for t, a, k, p in zip(
                log.column("tick"),
                log.column("author"),
                log.column("kind"),
                log.column("appeal"),
                strict=True,
            )
            if a >= 0 and far[a]
        ]

    assert far_posts(answered) == far_posts(silent)
