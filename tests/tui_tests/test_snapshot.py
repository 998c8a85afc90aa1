"""The pure layer under the screens: inbox deadlines, the timeline of decisions."""

from __future__ import annotations

from itertools import pairwise

from sim.action import Action
from sim.events import EventKind, TeamEvent
from sim.session import Session
from sim.spec.loader import load_scenario
from tui.snapshot import (
    InboxStatus,
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
