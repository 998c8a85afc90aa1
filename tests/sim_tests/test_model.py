"""The crisis model: invariants every tick, determinism, timing of actions, memory release."""

from __future__ import annotations

import gc
import weakref

import numpy as np
import pytest

from sim.action import Action
from sim.engine.crowd.pending_views import ItemKind
from sim.engine.crowd.posting import deliver_statement
from sim.engine.crowd.state import State
from sim.engine.model import CrisisModel
from sim.engine.response import reach
from sim.events import EventKind
from sim.spec.schema import Inject
from tests.sim_tests.conftest import make_spec


def test_invariants_hold_every_tick():
    spec = make_spec(users=600, days=1.0)
    model = CrisisModel(spec, seed=3)
    model.schedule(Action(at_h=1.0, strategy="denial"))
    model.schedule(Action(at_h=3.0, strategy="apology", transparency=0.9))
    model.schedule(Action(at_h=4.0, strategy="sympathy", channel="direct_reply", replies=10))
    for _ in range(spec.turns.horizon_ticks):
        model.step()
        pop = model.population
        assert pop.count_states().tolist() == np.bincount(pop.state, minlength=5).tolist()
        assert pop.count_states().sum() == pop.size
        assert 0.0 <= model.reputation_index <= 100.0
        attitude = pop.attitude()
        # The running reporter is the mean it stands for.
        assert model.reputation_index == pytest.approx(50.0 * (attitude.mean() + 1.0), abs=1e-9)
        stake = attitude[pop.stakeholder]
        assert model.stakeholder_reputation_index == pytest.approx(
            50.0 * (stake.mean() + 1.0), abs=1e-9
        )
        assert attitude.min() >= -1.0 and attitude.max() <= 1.0
        assert np.all(pop.anger >= 0.0) and np.all(pop.anger <= 1.0)
        assert np.all((pop.damping >= 0.0) & (pop.damping <= 1.0))
        assert not np.any(pop.ever_spread & ~pop.ever_aware)
        assert np.all(pop.ever_aware[pop.state != State.SUSCEPTIBLE])
        # The running counts are the counts of the flags they stand for.
        assert model.aware_total == np.count_nonzero(pop.ever_aware)
        assert model.spreaders_total == np.count_nonzero(pop.ever_spread)
        assert model.aware_saw_response == np.count_nonzero(pop.ever_aware & pop.saw_statement)
    assert 0 < model.aware_saw_response < model.aware_total  # the counts were put to the test


def test_same_seed_same_series_different_seed_differs():
    spec = make_spec(users=500, days=0.5)

    def run(seed: int) -> dict[str, list[float]]:
        model = CrisisModel(spec, seed=seed)
        model.schedule(Action(at_h=0.5, strategy="holding_statement"))
        model.run_to_horizon()
        return model.series()

    assert run(7) == run(7)
    assert run(7) != run(8)


def test_an_action_has_no_effect_before_its_time():
    spec = make_spec(users=500, days=0.5)
    silent = CrisisModel(spec, seed=5)
    speaking = CrisisModel(spec, seed=5)
    speaking.schedule(Action(at_h=5.0, strategy="apology", transparency=1.0))
    silent.run_to_horizon()
    speaking.run_to_horizon()
    release_tick = round(5.0 / spec.turns.tick_h)
    before = {k: v[:release_tick] for k, v in silent.series().items()}
    assert before == {k: v[:release_tick] for k, v in speaking.series().items()}
    assert silent.series() != speaking.series()


def test_actions_in_the_past_are_refused():
    model = CrisisModel(make_spec(users=300, days=0.2), seed=1)
    model.advance_to(1.0)
    with pytest.raises(Exception, match="in the past"):
        model.schedule(Action(at_h=0.5, strategy="apology"))


def test_a_model_is_freed_after_a_run():
    model = CrisisModel(make_spec(users=300, days=0.2), seed=1)
    model.run_to_horizon()
    model.close()
    ref = weakref.ref(model)
    del model
    gc.collect()
    assert ref() is None


def test_run_stops_at_the_horizon():
    spec = make_spec(users=300, days=0.25)
    model = CrisisModel(spec, seed=1)
    model.advance_to(1000.0)
    assert model.tick == spec.turns.horizon_ticks
    assert len(model.series()["reputation_index"]) == spec.turns.horizon_ticks


def test_media_picks_up_a_loud_crisis_and_journalists_ask():
    model = CrisisModel(make_spec(users=2000, days=0.5, seeds=40), seed=2)
    model.run_to_horizon()
    kinds = {event.kind.value for event in model.events}
    assert model.media_pickups_h, "a crisis seeded by 40 influencers draws the media"
    assert "inquiry" in kinds and "no_comment" in kinds
    assert model.media_pickups_h[0] >= model.spec.media.lag_h


def test_the_post_log_records_every_negative_post_and_its_reshare_tree():
    model = CrisisModel(make_spec(users=2000, days=0.5, seeds=30), seed=4)
    model.run_to_horizon()
    log = model.posts
    kinds = log.column("kind")
    assert (kinds == 0).sum() == sum(model.series()["negative_posts"])
    parents = log.column("parent")
    reshared = parents[parents >= 0]
    assert len(reshared) > 0, "some negative posts are reshares of earlier ones"
    assert np.all(reshared < np.flatnonzero(parents >= 0)), "a parent comes before its reshare"
    assert log.column("reshares").sum() == len(reshared)
    assert np.all(np.diff(log.column("tick")) >= 0)
    assert all(post.tick >= 12 for post in log.since(12))


def test_pre_crisis_attitudes_are_a_resting_state_unless_averaging_moves_whole_attitudes():
    """Social averaging moves the crisis-formed shift by default: until the trigger nothing
    moves. Switched to whole attitudes, the drawn priors drift toward their followees."""
    quiet = make_spec(users=500, days=1.0, start_h=12.0)
    model = CrisisModel(quiet, seed=4)
    model.advance_to(12.0)
    before = model.series()["reputation_index"]
    assert len(set(before)) == 1 and before[0] == pytest.approx(model.baseline_reputation_index)
    model.advance_to(24.0)
    assert model.reputation_index < model.baseline_reputation_index  # the crisis did hit

    drifting = quiet.model_copy(
        update={"attitude": quiet.attitude.model_copy(update={"averaging_of": "attitude"})}
    )
    model = CrisisModel(drifting, seed=4)
    model.advance_to(12.0)
    assert len(set(model.series()["reputation_index"])) > 1


def test_running_turns_false_when_a_step_reaches_the_horizon():
    spec = make_spec(users=300, days=0.25)
    model = CrisisModel(spec, seed=2)
    for _ in range(spec.turns.horizon_ticks):
        assert model.running, f"stopped early, at hour {model.hours:g}"
        model.step()
    assert not model.running
    assert model.hours == pytest.approx(model.horizon_h)


def _quote_readers(share: float) -> np.ndarray:
    """Who, among 4,000 readers of a news story, meets the brand's answer it quotes."""
    model = CrisisModel(make_spec(users=4000), 9)
    crowd = model.crowd
    index = reach.as_media_item(crowd, Action(at_h=0.0, strategy="apology", transparency=0.8))
    deliver_statement(crowd, index, np.arange(4000), share)
    due = [crowd.pending.pop(crowd.tick + delay) for delay in range(1, 400)]
    met = [views.of_kind(ItemKind.STATEMENT).readers for views in due]
    return np.sort(np.concatenate(met))


def test_a_news_storys_readers_meet_the_answer_it_quotes_only_if_they_read_that_far():
    everyone, most, some = _quote_readers(1.0), _quote_readers(0.6), _quote_readers(0.3)
    assert len(everyone) == 4000
    # Binomial(4000, q) within four standard deviations.
    for met, q in ((most, 0.6), (some, 0.3)):
        assert abs(len(met) - 4000 * q) < 4 * np.sqrt(4000 * q * (1 - q))
    # The reader's own draw decides: a smaller chance keeps a subset of the same readers.
    assert np.isin(some, most).all()
    assert len(_quote_readers(0.0)) == 0


def _with_leak(spec, at_h: float = 3.0):
    leak = Inject(
        id="LEAK",
        time_h=at_h,
        type="leaked_document",
        sender="Whistleblower",
        message="Memo",
        effect="evidence",
    )
    return spec.model_copy(update={"injects": (leak,)})


def _after(spec, first: str, seed: int = 4) -> CrisisModel:
    model = CrisisModel(spec, seed)
    model.schedule(Action(at_h=1.0, strategy=first, transparency=0.5))
    model.run_to_horizon()
    return model


def test_scripted_evidence_contradicts_a_denial_and_only_a_denial():
    spec = _with_leak(make_spec(users=1500, days=0.5, true_responsibility=0.9))
    denied, apologised = _after(spec, "denial"), _after(spec, "apology")
    assert denied.evidence_h == 3.0 and denied.story.brand.inconsistencies == 1
    assert apologised.evidence_h is None and apologised.story.brand.inconsistencies == 0
    for model in (denied, apologised):  # the documents are news either way: a new wave
        assert model.story.wave >= 1
        assert any(event.kind is EventKind.EVIDENCE for event in model.events)


def test_scripted_evidence_does_not_contradict_a_true_denial():
    spec = _with_leak(make_spec(users=1500, days=0.5, true_responsibility=0.3))
    denied = _after(spec, "denial")
    assert denied.evidence_h is None and denied.story.brand.inconsistencies == 0
    assert any(event.kind is EventKind.EVIDENCE for event in denied.events)


def test_evidence_shocks_the_aware_on_a_denial_it_contradicts():
    """The same world, the same denial: with the leak, the aware take the shock in the tick
    that ends at hour 3, the leak's time."""
    spec = make_spec(users=1500, days=0.5, true_responsibility=0.9)
    tick = round(3.0 / spec.turns.tick_h) - 1

    def attitudes_at_the_leak(leak: bool) -> tuple[np.ndarray, np.ndarray]:
        model = CrisisModel(_with_leak(spec) if leak else spec, 4)
        model.schedule(Action(at_h=1.0, strategy="denial", transparency=0.5))
        model.advance_to(tick * spec.turns.tick_h)
        before = model.population.attitude().copy()
        aware = model.population.ever_aware.copy()
        model.advance_to((tick + 1) * spec.turns.tick_h)
        return model.population.attitude() - before, aware

    shocked, aware = attitudes_at_the_leak(True)
    quiet, same_aware = attitudes_at_the_leak(False)
    assert np.array_equal(aware, same_aware) and aware.sum() > 50
    assert np.all(shocked[aware] <= quiet[aware] + 1e-12)
    assert np.mean(shocked[aware] < quiet[aware] - 1e-6) > 0.9
