"""The pure layer under the screens: inbox deadlines, the timeline of decisions, and the headline
as the facilitator and the debrief's what-if table show it."""

from __future__ import annotations

from itertools import pairwise

from sim.action import Action
from sim.events import EventKind, TeamEvent
from sim.session import Session
from sim.spec.loader import load_scenario
from tests.sim_tests.conftest import hand_made_outcome
from tui.outcome_text import COMPARISON_COLUMNS, comparison_row, outcome_rows
from tui.screens.facilitator import ground_truth_text
from tui.snapshot import (
    InboxStatus,
    facilitator_state,
    inbox_status,
    newly_lapsed,
    timeline_of,
    war_room_state,
)

INQUIRY = TeamEvent(at_h=1.0, kind=EventKind.INQUIRY, title="asks", deadline_h=3.0, inquiry_id="Q1")


def answer(at_h: float) -> Action:
    return Action(at_h=at_h, strategy="holding_statement", answers="Q1")


def test_an_inquiry_is_open_until_its_deadline_then_lapses():
    assert inbox_status(INQUIRY, [], now_h=2.0) is InboxStatus.OPEN
    assert inbox_status(INQUIRY, [], now_h=3.0) is InboxStatus.LAPSED
    assert inbox_status(INQUIRY, [answer(2.5)], now_h=4.0) is InboxStatus.ANSWERED
    assert inbox_status(INQUIRY, [answer(3.5)], now_h=2.0) is InboxStatus.LATE
    news = TeamEvent(at_h=1.0, kind=EventKind.MEDIA_ARTICLE, title="story")
    assert inbox_status(news, [], now_h=9.0) is InboxStatus.INFO


def test_newly_lapsed_names_each_inquiry_once():
    session = Session(load_scenario("tiny"), seed=7)
    states = [war_room_state(session)]
    for _ in range(3):
        session.end_turn()
        states.append(war_room_state(session))
    lapsed = [newly_lapsed(before, after) for before, after in pairwise(states)]
    ids = [item.event.inquiry_id for batch in lapsed for item in batch]
    assert len(ids) == len(set(ids)) >= 2
    assert newly_lapsed(None, states[-1]) == tuple(
        item for item in states[-1].inbox if item.status is InboxStatus.LAPSED
    )


def test_the_timeline_says_when_each_decision_goes_out():
    session = Session(load_scenario("tiny"), seed=7)
    session.queue(session.make_action(strategy="apology", text="Sorry."))
    session.end_turn()
    session.add_note("Quick apology.", objective="O1")
    first, turn_end, note = timeline_of(session.log, session.now_h)
    assert (first.text, first.status) == ("apology on own account by brand account", "out T+1:00")
    assert turn_end.text == "end of turn 1"
    assert (note.text, note.status) == ("note [O1]: Quick apology.", "evaluator")
    pending = timeline_of(session.log, now_h=0.0)[0]
    assert pending.status == "approval until T+1:00"


def test_the_facilitator_reads_the_damage_among_the_aware_and_what_was_avoided_first():
    session = Session(load_scenario("tiny"), seed=7)
    session.queue(session.make_action(strategy="apology", text="We are sorry."))
    session.end_turn()
    session.end_turn()
    state = facilitator_state(session)
    lines = ground_truth_text(state.truth, state.against_silence).splitlines()
    assert lines[1].startswith("Damage among the aware [b]")
    assert lines[2].startswith("Damage avoided so far: [b]") and "of silence's by now" in lines[2]
    assert lines[4].startswith("Reputation index "), "whole-population RI comes after"


def test_the_players_war_room_state_holds_no_ground_truth():
    state = war_room_state(Session(load_scenario("tiny"), seed=7))
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
