"""Root causes of the areas for improvement (sim.evaluation.root_cause): one rule per kind of
shortfall, each a pure function of the rating, the exercise's facts and the log's decisions."""

from __future__ import annotations

import pytest

from sim.action import Action
from sim.evaluation.facts import DeadlineItem, ExerciseFacts
from sim.evaluation.rating import ObjectiveRating, Rule
from sim.evaluation.root_cause import (
    Decision,
    LogFacts,
    Refusal,
    decisions_of,
    root_causes,
)
from sim.session.record import Approved, Drafted, Queued, Rejected
from sim.session.views import Statement
from sim.spec.loader import load_scenario
from sim.spec.schema import Strategy
from tests.tiny import TINY

SPEC = load_scenario(TINY)
START = SPEC.crisis.start_h


def _action(at: float, strategy: str = "holding_statement", **fields: object) -> Action:
    return Action(at_h=START + at, strategy=Strategy(strategy), **fields)


def _facts(*statements: Action, detected: float | None = 0.5, **fields: object) -> ExerciseFacts:
    said = tuple(Statement(at_h=a.at_h, action=a) for a in statements)
    public = [s.at_h for s in said if s.action.is_public and s.says_something]
    values: dict[str, object] = {
        "spec": SPEC,
        "now_h": START + 8.0,
        "detected_at_h": None if detected is None else START + detected,
        "first_statement_h": min(public, default=None),
        "statements": said,
        "items": (),
        "released_injects": (),
        "inconsistencies": 0,
        "evidence_emerged": False,
        "notes": (),
    }
    values.update(fields)
    return ExerciseFacts.model_validate(values)


def _rating(rule: Rule, *areas: str, objective: str = "O1") -> ObjectiveRating:
    return ObjectiveRating(
        objective_id=objective,
        text="An objective",
        rating="M",
        rule=rule,
        evidence=(),
        areas_for_improvement=areas,
    )


def test_a_late_first_statement_held_by_approval_in_a_seat_says_which_seat():
    out = _action(3 + 20 / 60)
    facts = _facts(out, detected=0.5)
    log = LogFacts(decisions=(Decision(START + 1 + 20 / 60, out, approver="legal"),))
    (cause,) = root_causes(_rating("first_statement", "late"), facts, log)
    assert cause == (
        "First statement at T+3:20 because approval held its holding statement 2 h in the "
        "legal seat; the team had decided on it 0.83 h after the alert."
    )


def test_a_late_first_statement_decided_late_says_when_the_team_decided():
    out = _action(3.5)
    facts = _facts(out, detected=0.5)
    log = LogFacts(decisions=(Decision(START + 3.25, out),))
    (cause,) = root_causes(_rating("first_statement", "late"), facts, log)
    assert cause == (
        "First statement at T+3:30 because the team decided on it only at T+3:15, 2.75 h after "
        "the alert; approval took 0.25 h."
    )


def test_no_statement_because_the_approver_rejected_the_draft():
    facts = _facts()
    log = LogFacts(refusals=(Refusal(START + 1.0, "CEO", "too apologetic"),))
    (cause,) = root_causes(_rating("first_statement", "never"), facts, log)
    assert cause == (
        "The public statement drafted was rejected in the CEO seat at T+1:00 (too apologetic), "
        "and no other was sent."
    )


def test_no_statement_because_it_was_still_waiting_for_approval_when_play_stopped():
    held = _action(9.0, "apology")
    log = LogFacts(decisions=(Decision(START + 7.0, held),))
    (cause,) = root_causes(_rating("first_statement", "never"), _facts(), log)
    assert "apology decided at T+7:00 was still held for the scenario's approval delay" in cause


def test_a_lapsed_inquiry_whose_answer_approval_held_past_the_deadline():
    item = DeadlineItem(
        id="I3",
        title="Inquiry",
        sender="Daily Post",
        asked_h=START + 1.0,
        deadline_h=START + 2.0,
        inject_id="I3",
        objective="O2",
        journalist=True,
        status="missed",
    )
    answer = _action(3.0, "apology")
    facts = _facts(answer, items=(item,))
    log = LogFacts(decisions=(Decision(START + 1.5, answer),))
    area = "I3 (Daily Post) lapsed at T+2:00 without a response."
    (cause,) = root_causes(_rating("deadlines", area, objective="O2"), facts, log)
    assert cause == (
        "I3: the apology decided at T+1:30 was held 1.5 h for the scenario's approval delay "
        "(team.approval) and went out at T+3:00, after the T+2:00 deadline."
    )


def test_a_lapsed_item_nobody_acted_on_and_ids_that_only_share_a_prefix():
    items = tuple(
        DeadlineItem(
            id=name,
            title="Inject",
            sender="CEO",
            asked_h=START + 1.0,
            deadline_h=START + 2.0,
            inject_id=name,
            objective="O2",
            journalist=False,
            status=status,
        )
        for name, status in (("I1", "answered"), ("I10", "missed"))
    )
    area = "I10 (CEO) lapsed at T+2:00 without a response."
    (cause,) = root_causes(_rating("deadlines", area), _facts(items=items), LogFacts())
    assert cause == (
        "I10: nothing was decided between its arrival at T+1:00 and the T+2:00 deadline; "
        "no one owned it."
    )


def test_a_denial_contradicted_by_evidence_names_when_the_evidence_came_out():
    denial = _action(1.0, "denial")
    facts = _facts(denial, evidence_emerged=True)
    log = LogFacts(evidence_at_h=START + 6.0)
    (cause,) = root_causes(_rating("responsibility", "denied"), facts, log)
    assert cause == (
        "Denial at T+1:00 in a crisis of the accidental cluster where the brand's true "
        "responsibility was 50%: evidence released at T+6:00 contradicted it."
    )


def test_a_contradiction_names_the_turn_of_the_public_line():
    facts = _facts(_action(1.0, "denial"), _action(4.0, "apology"), inconsistencies=1)
    (cause,) = root_causes(_rating("consistency", "1 contradicted"), facts, LogFacts())
    assert (
        cause
        == "No agreed line held: the public line turned (denial at T+1:00 then apology at T+4:00)."
    )


def test_missing_instructions_name_the_first_statement_and_its_score():
    first = _action(0.5, text="We are aware of the problem.", template="outage-holding")
    (cause,) = root_causes(_rating("instructions", "none"), _facts(first), LogFacts())
    assert cause.startswith(
        "The first statement (holding statement at T+0:30, the pre-approved template "
        "outage-holding) scored 0.0 of 1 for instructions"
    )


def test_an_objective_not_exercised_because_play_stopped_before_its_deadline():
    item = DeadlineItem(
        id="I3",
        title="Inquiry",
        sender="Daily Post",
        asked_h=START + 7.0,
        deadline_h=START + 9.0,
        inject_id="I3",
        objective="O2",
        journalist=True,
        status="open",
    )
    facts = _facts(items=(item,))
    (cause,) = root_causes(
        _rating("not_exercised", "not exercised", objective="O2"), facts, LogFacts()
    )
    assert cause == "Play stopped at T+8:00, before I3's deadline at T+9:00."


@pytest.mark.parametrize("rule", ["first_statement", "deadlines", "consistency", "instructions"])
def test_a_rating_without_areas_has_no_causes(rule):
    assert root_causes(_rating(rule), _facts(_action(0.5)), LogFacts()) == ()


def test_the_log_gives_each_statement_the_hour_it_was_decided_and_who_approved_it():
    drafted = _action(1.0, "apology")
    sent = drafted.model_copy(update={"at_h": START + 2.5})
    direct = _action(3.0)
    log = (
        Drafted(at_h=START + 1.0, turn=1, draft=1, action=drafted, approver="legal"),
        Rejected(at_h=START + 1.2, turn=1, draft=2, by="CEO", reason="no"),
        Approved(at_h=START + 2.5, turn=1, draft=1, by="legal"),
        Queued(at_h=START + 2.5, turn=1, action=sent),
        Queued(at_h=START + 2.75, turn=2, action=direct),
    )
    decisions, refusals = decisions_of(log)
    assert decisions == (
        Decision(START + 1.0, sent, approver="legal"),
        Decision(START + 2.75, direct),
    )
    assert decisions[0].wait_h == pytest.approx(1.5)
    assert refusals == (Refusal(START + 1.2, "CEO", "no"),)
