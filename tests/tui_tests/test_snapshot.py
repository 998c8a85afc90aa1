"""The pure layer under the screens: inbox deadlines, the timeline of decisions, and the headline
as the facilitator and the debrief's what-if table show it."""

from __future__ import annotations

from itertools import pairwise

from sim.action import Action
from sim.evaluation import rate_objectives
from sim.evaluation.facts import DeadlineItem, item_id
from sim.events import EventKind, TeamEvent
from sim.session import Session
from sim.spec.loader import load_scenario
from tests.sim_tests.conftest import hand_made_outcome
from tests.tiny import TINY
from tui.outcome_text import COMPARISON_COLUMNS, comparison_row, outcome_rows
from tui.screens.facilitator import ground_truth_text
from tui.snapshot import (
    CLOSED_UNANSWERED,
    InboxStatus,
    facilitator_state,
    inbox_status,
    newly_lapsed,
    timeline_of,
    war_room_state,
)

INQUIRY = TeamEvent(at_h=1.0, kind=EventKind.INQUIRY, title="asks", deadline_h=3.0, inquiry_id="Q1")
EMAIL = TeamEvent(at_h=1.0, kind=EventKind.INJECT, title="CEO asks", inject_id="I5")


def answer(at_h: float, to: str | None = "Q1") -> Action:
    return Action(at_h=at_h, strategy="holding_statement", answers=to)


def rated(status: str, event: TeamEvent = INQUIRY) -> DeadlineItem:
    return DeadlineItem(
        id=item_id(event) or "",
        title=event.title,
        sender="",
        asked_h=event.at_h,
        deadline_h=3.0,
        inject_id=event.inject_id,
        objective="O2",
        journalist=event.inquiry_id is not None,
        status=status,
    )


def test_a_closed_item_shows_what_the_ratings_say_of_it():
    assert inbox_status(INQUIRY, rated("answered"), []) is InboxStatus.ANSWERED
    assert inbox_status(INQUIRY, rated("quoted"), []) is InboxStatus.COVERED
    assert inbox_status(INQUIRY, rated("no_comment"), []) is InboxStatus.NO_COMMENT
    assert inbox_status(EMAIL, rated("missed", EMAIL), []) is InboxStatus.LAPSED
    news = TeamEvent(at_h=1.0, kind=EventKind.MEDIA_ARTICLE, title="story")
    assert item_id(news) is None
    assert inbox_status(news, None, []) is InboxStatus.INFO


def test_an_open_item_says_whether_an_answer_is_queued_in_time():
    assert inbox_status(INQUIRY, rated("open"), []) is InboxStatus.OPEN
    assert inbox_status(INQUIRY, rated("open"), [answer(2.5)]) is InboxStatus.QUEUED
    assert inbox_status(INQUIRY, rated("open"), [answer(3.5)]) is InboxStatus.LATE
    assert inbox_status(INQUIRY, rated("open"), [answer(2.5, to="Q2")]) is InboxStatus.OPEN
    assert inbox_status(EMAIL, rated("open", EMAIL), [answer(2.0, to=None)]) is (
        InboxStatus.QUEUED
    ), "anything said after the inject arrived counts for it, as in the ratings"


def test_newly_lapsed_names_each_item_once():
    session = Session(load_scenario(TINY), seed=7)
    states = [war_room_state(session)]
    for _ in range(3):
        session.end_turn()
        states.append(war_room_state(session))
    lapsed = [newly_lapsed(before, after) for before, after in pairwise(states)]
    ids = [item_id(item.event) for batch in lapsed for item in batch]
    assert len(ids) == len(set(ids)) >= 2
    assert newly_lapsed(None, states[-1]) == tuple(
        item for item in states[-1].inbox if item.status in CLOSED_UNANSWERED
    )


def test_the_timeline_says_when_each_decision_goes_out():
    session = Session(load_scenario(TINY), seed=7)
    session.queue(session.make_action(strategy="apology", text="Sorry."))
    session.end_turn()
    session.add_note("Quick apology.", objective="O1")
    first, turn_end, note = timeline_of(session.log, session.now_h)
    assert (first.text, first.status) == (
        "apology on own account by brand account",
        "goes out at T+1:00",
    ), "due at the turn's end, it goes out in the next turn's first tick"
    assert not [event for event in session.inbox if event.kind is EventKind.STATEMENT]
    session.end_turn()
    assert timeline_of(session.log, session.now_h)[0].status == "out T+1:00"
    (out,) = [event for event in session.inbox if event.kind is EventKind.STATEMENT]
    assert out.at_h == 1.0
    assert turn_end.text == "end of turn 1"
    assert (note.text, note.status) == ("note [O1]: Quick apology.", "evaluator")
    pending = timeline_of(session.log, now_h=0.0)[0]
    assert pending.status == "approval until T+1:00"


def test_the_facilitator_reads_the_damage_among_the_aware_and_what_was_avoided_first():
    session = Session(load_scenario(TINY), seed=7)
    session.queue(session.make_action(strategy="apology", text="We are sorry."))
    session.end_turn()
    session.end_turn()
    state = facilitator_state(session)
    lines = ground_truth_text(state.truth, state.against_silence).splitlines()
    assert lines[1].startswith("Damage among the aware [b]")
    assert lines[2].startswith("Damage avoided so far: [b]") and "of silence's by now" in lines[2]
    assert lines[4].startswith("Reputation index "), "whole-population RI comes after"


def test_the_players_war_room_state_holds_no_ground_truth():
    state = war_room_state(Session(load_scenario(TINY), seed=7))
    fields = set(type(state).__dataclass_fields__)
    assert not fields & {"truth", "against_silence", "outcome"}, "players see the monitor only"


def test_the_debrief_leads_with_damage_avoided_and_the_damage_among_the_aware():
    outcome = hand_made_outcome()
    assert outcome_rows(outcome)[:4] == (
        ("Damage avoided", "38% of silence's"),
        ("Aware damage (RI)", "0.42 (silence 0.79)"),
        ("  at its peak", "1.35"),
        ("Stakeholders (RI)", "0.31"),
    )
    row = dict(zip(COMPARISON_COLUMNS, comparison_row("as played", outcome), strict=True))
    assert list(row)[:3] == ["answers", "damage avoided", "aware damage"]
    assert (row["damage avoided"], row["aware damage"]) == ("38%", "0.42")
    assert comparison_row("worse", hand_made_outcome(damage_avoided=-0.2))[1] == "-20%"


RATING_WORDS = {
    InboxStatus.ANSWERED: "answered in time",
    InboxStatus.COVERED: "covered in time",
    InboxStatus.NO_COMMENT: "'no comment' printed",
    InboxStatus.LAPSED: "not acted on before the deadline",
}


def test_the_ratings_say_of_each_item_what_the_war_room_showed():
    session = Session(load_scenario(TINY), seed=7)
    session.end_turn()
    first = next(item for item in war_room_state(session).inbox if item.event.inquiry_id)
    session.queue(
        session.make_action(
            strategy="holding_statement",
            answers=first.event.inquiry_id,
            text="The app is back by 21:00.",
        )
    )
    shown: dict[str, InboxStatus] = {}
    for _ in range(3):
        session.end_turn()
        for item in war_room_state(session).inbox:
            if item.status in RATING_WORDS:
                key = item_id(item.event)
                assert shown.setdefault(key, item.status) is item.status, "a closed item stays so"
    session.finish()
    evidence = "\n".join(line for rating in rate_objectives(session) for line in rating.evidence)
    assert set(shown.values()) >= {InboxStatus.ANSWERED, InboxStatus.LAPSED}
    for key, status in shown.items():
        lines = [line for line in evidence.splitlines() if line.startswith(f"{key} from")]
        for line in lines:
            assert RATING_WORDS[status] in line, f"{key} shown {status.value}, rated: {line}"
    rated_items = {line.split(" from")[0] for line in evidence.splitlines() if " due T+" in line}
    assert rated_items <= set(shown), "nothing is rated that the war room did not show closed"


def test_an_objective_nothing_tested_is_not_rated_on_the_scale():
    session = Session(load_scenario(TINY), seed=7)
    session.end_turn()
    session.finish()
    ratings = {rating.objective_id: rating for rating in rate_objectives(session)}
    for rating in ratings.values():
        if rating.rule == "not_exercised":
            assert rating.rating == "N"
    assert any(rating.rule == "not_exercised" for rating in ratings.values())
