"""EEG ratings from a session's log: each rule against a constructed exercise, and the
Improvement Plan drafted from the areas for improvement."""

from __future__ import annotations

import pytest

from sim.action import Action
from sim.evaluation import improvement_plan, rate_objectives, rules
from sim.evaluation.facts import ExerciseFacts
from sim.evaluation.objectives import rate_objective
from sim.evaluation.rating import rating_for_delay, rating_for_share
from sim.session import Session
from sim.session.views import Statement
from sim.spec.loader import load_scenario
from sim.spec.schema import Objective, ScenarioSpec
from tests.tiny import TINY

FAST = ["turns.horizon_days=1", "turns.turn_ticks=1", "turns.turns=288"]


def test_the_two_scales():
    assert [rating_for_delay(d, 1.0) for d in (0.0, 1.0, 1.5, 4.0, 4.5, None)] == [
        "P", "P", "S", "M", "U", "U",
    ]  # fmt: skip
    assert [rating_for_share(done, 4) for done in (4, 2, 1, 0)] == ["P", "S", "M", "U"]


# --------------------------------------------------------------------------- whole sessions


def _statement_after_detection(delay_h: float) -> Session:
    """Tiny (O1: first statement within 1 h of detection), the holding template sent `delay_h`
    after the listening alert; turns of one tick so the team acts on the alert's tick."""
    session = Session(load_scenario(TINY, FAST), seed=1)
    while session.observe().detected_at_h is None:
        session.end_turn()
    at_h = session.observe().detected_at_h + delay_h
    while session.now_h < at_h - 1e-9:
        session.end_turn()
    session.queue(session.make_action(template="outage-holding", at_h=at_h))
    session.finish()
    return session


@pytest.mark.parametrize(("delay_h", "expected"), [(0.5, "P"), (3.0, "M")])
def test_first_statement_rated_against_the_target(delay_h, expected):
    session = _statement_after_detection(delay_h)
    rating = rate_objectives(session)[0]
    assert (rating.objective_id, rating.rule, rating.rating) == ("O1", "first_statement", expected)
    assert any(f"{delay_h:g} h after the alert" in line for line in rating.evidence)
    if expected == "P":
        assert rating.strengths and not rating.areas_for_improvement
    else:
        assert rating.areas_for_improvement == (
            f"First public statement {delay_h:g} h after detection, beyond the 1 h target.",
        )


def _two_inquiries() -> ScenarioSpec:
    """Two journalist inquiries for O1, no crowd-driven media, so only the team's answers count."""
    data = load_scenario(TINY, FAST).model_dump(mode="json")
    data["meta"]["objectives"] = [{"id": "O1", "text": "Answer journalists before the deadline."}]
    data["media"] = {"outlets": 0, "journalists": 0}
    inquiry = {"type": "journalist_inquiry", "objective": "O1", "deadline_h": 1.0}
    data["injects"] = [
        {**inquiry, "id": "J1", "time_h": 0.5, "sender": "Ann, Daily", "message": "Comment?"},
        {**inquiry, "id": "J2", "time_h": 1.0, "sender": "Bob, Weekly", "message": "Comment?"},
    ]
    return ScenarioSpec.model_validate(data)


def test_one_inquiry_answered_in_time_and_one_missed():
    session = Session(_two_inquiries(), seed=1)
    while session.now_h < 0.5:
        session.end_turn()
    session.queue(session.make_action(strategy="correction", answers="J1", text="No breach."))
    while session.now_h < 2.5:
        session.end_turn()
    session.finish()
    (rating,) = rate_objectives(session)
    assert (rating.rule, rating.rating) == ("deadlines", "S")
    assert rating.evidence[0] == "1 of 2 items with a deadline were acted on in time."
    assert rating.strengths == ("J1 (Ann, Daily) was answered before its deadline.",)
    assert rating.areas_for_improvement == (
        "Bob, Weekly printed that the brand did not comment (J2, deadline T+2:00).",
    )
    (item,) = improvement_plan([rating]).items
    assert (item.objective_id, item.capability_element) == ("O1", "organisation")
    assert item.issue == rating.areas_for_improvement[0]


def test_deadlines_after_the_last_turn_are_not_held_against_the_team():
    session = Session(_two_inquiries(), seed=1)
    session.end_turn()
    session.finish()  # the run goes on to the horizon, but play stopped after one tick
    (rating,) = rate_objectives(session)
    assert rating.rule == "not_exercised"


def test_evaluator_notes_join_the_evidence_of_their_objective():
    session = Session(load_scenario(TINY, FAST), seed=1)
    session.add_note("Nobody owned the press line.", objective="O2")
    ratings = rate_objectives(session)
    assert "Evaluator note at T+0:00: Nobody owned the press line." in ratings[1].evidence
    assert not any("Nobody" in line for line in ratings[0].evidence)


# --------------------------------------------------------------------------- rules on facts


def _facts(*statements: tuple[float, str, str], **fields) -> ExerciseFacts:
    spec = load_scenario(TINY)
    released = tuple(
        Statement(at_h=at_h, action=Action(at_h=at_h, strategy=strategy, text=text))
        for at_h, strategy, text in statements
    )
    values = {
        "spec": spec,
        "now_h": 48.0,
        "detected_at_h": 1.0,
        "first_statement_h": released[0].at_h if released else None,
        "statements": released,
        "items": (),
        "released_injects": (),
        "inconsistencies": 0,
        "evidence_emerged": False,
        "notes": (),
    }
    return ExerciseFacts(**{**values, **fields})


def _objective(text: str) -> Objective:
    return Objective(id="OX", text=text)


@pytest.mark.parametrize(("count", "expected"), [(0, "P"), (1, "S"), (2, "M"), (3, "U")])
def test_consistency_by_contradictions(count, expected):
    facts = _facts((1.0, "holding_statement", ""), (2.0, "apology", ""), inconsistencies=count)
    rating = rate_objective(_objective("Keep one consistent message everywhere."), facts)
    assert (rating.rule, rating.rating) == ("consistency", expected)


def test_consistency_with_nothing_said_is_unable():
    rating = rate_objective(_objective("Messaggio coerente su tutti i canali."), _facts())
    assert (rating.rule, rating.rating) == ("consistency", "U")


@pytest.mark.parametrize(
    ("scores", "expected"),
    [((0.6, 0.0), "P"), ((0.0, 0.5), "S"), ((0.0, 0.25), "M"), ((0.0,), "U")],
)
def test_instructions_from_the_statements_text(monkeypatch, scores, expected):
    """The rule on the strengths alone, whatever text the rubric reads them from."""
    texts = [f"statement {k}" for k in range(len(scores))]
    strength = dict(zip(texts, scores, strict=True))
    monkeypatch.setattr(rules, "instruction_strength", lambda text, locale: strength[text])
    facts = _facts(*[(1.0 + k, "sympathy", text) for k, text in enumerate(texts)])
    objective = _objective("Tell affected customers how to protect themselves.")
    rating = rate_objective(objective, facts)
    assert (rating.rule, rating.rating) == ("instructions", expected)


def test_instructions_read_by_the_rubric_in_english_and_italian():
    facts = _facts((1.0, "sympathy", "We are sorry."), (2.0, "sympathy", "Visit our help page."))
    objective = _objective("Tell affected customers how to protect themselves.")
    assert rate_objective(objective, facts).rating == "M"
    text = "Se ricevete una e-mail sospetta, non cliccate: chiamate il numero verde."
    italian = _facts((1.0, "sympathy", text)).model_copy(
        update={"spec": load_scenario(TINY, ["meta.locale=it_IT"])}
    )
    objective = _objective("Dire ai clienti cosa fare per proteggersi.")
    assert rate_objective(objective, italian).rating == "P"


@pytest.mark.parametrize(
    ("strategy", "evidence", "expected"),
    [("apology", False, "P"), ("excuse", False, "S"), ("scapegoat", False, "M"),
     ("denial", True, "U")],
)  # fmt: skip
def test_responsibility_by_strategy(strategy, evidence, expected):
    facts = _facts((1.0, strategy, ""), evidence_emerged=evidence)
    rating = rate_objective(_objective("Take full responsibility; blame nobody."), facts)
    assert (rating.rule, rating.rating) == ("responsibility", expected)


def test_an_objective_nothing_tested_is_listed_for_the_next_exercise():
    facts = _facts((1.5, "holding_statement", ""))
    rating = rate_objective(Objective(id="O3", text="Brief store staff."), facts)
    assert rating.rule == "not_exercised"
    assert rating.rating == "N", "not rated: a P here would claim what nobody tried"
    (item,) = improvement_plan([rating]).items
    assert item.capability_element == "exercise"
    assert "O3 was not exercised" in item.issue
