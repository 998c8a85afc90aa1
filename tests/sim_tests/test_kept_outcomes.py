"""A run asked for twice in one process is played once (sim.session.kept): the debrief's what-ifs
and each report exported from it ask for the same plans. What is kept must be exactly the run
asked for: the scenario as loaded, the seed, the facilitator's releases and the actions."""

from __future__ import annotations

import pytest

from sim.session import Session, counterfactual
from sim.session.counterfactual import outcome_of_plan
from sim.session.kept import KeptOutcomes
from sim.session.record import InjectReleased
from sim.spec.loader import load_scenario
from tests.tiny import TINY


@pytest.fixture
def fresh_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(counterfactual, "_kept_plans", KeptOutcomes(32))


def _not_played(*args: object) -> None:
    raise AssertionError("the plan was played again")


def test_the_what_ifs_asked_for_again_are_not_played_again(fresh_memo, monkeypatch):
    session = Session(load_scenario(TINY), 4)
    session.queue(session.make_action(strategy="denial", at_h=0.5))
    session.end_turn()
    first = [what_if.outcome for what_if in session.what_ifs()]
    monkeypatch.setattr(counterfactual, "_played_plan", _not_played)
    assert [what_if.outcome for what_if in session.what_ifs()] == first


@pytest.mark.parametrize("change", ["seed", "scenario", "action", "release"])
def test_a_kept_plan_is_given_only_to_the_same_run(fresh_memo, change):
    spec = load_scenario(TINY)
    session = Session(spec, 4)
    denial = session.make_action(strategy="denial", at_h=0.5)
    asked = (spec, 4, (denial,), ())
    other = {
        "seed": (spec, 5, (denial,), ()),
        "scenario": (load_scenario(TINY, ["crisis.severity=0.9"]), 4, (denial,), ()),
        "action": (spec, 4, (session.make_action(strategy="apology", at_h=0.5),), ()),
        "release": (spec, 4, (denial,), (InjectReleased(at_h=0.0, turn=1, inject_id="I3"),)),
    }[change]
    first = outcome_of_plan(*asked)
    second = outcome_of_plan(*other)
    assert second != first  # the change matters to the run...
    assert second == counterfactual._played_plan(*other)  # ...and the run asked for is given
