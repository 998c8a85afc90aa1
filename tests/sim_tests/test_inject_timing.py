"""When injects reach the team and statements go out, turn by turn (docs/tui.md, "Time in a
turn"). An inject reaches the team by its designated time, stamped with it, so a deadline counts
from the moment the message was due: one due at a turn's end is in that turn. A statement goes
out at its time, never before: one due inside a turn acts in that turn, one due at a turn's end
in the tick that starts there, so in the next turn's record, at that clock time. Either way what
the team is shown is what the ratings read.

All of it plays the tests' tiny scenario: turns of an hour (12 ticks of 5 minutes), the trigger
at hour 0."""

from __future__ import annotations

import pytest

from sim.evaluation.facts import facts_of
from sim.events import EventKind
from sim.session import Session
from sim.spec.loader import load_scenario
from tests.tiny import TINY


@pytest.fixture(scope="module")
def tiny():
    """Turns of an hour (12 ticks of 5 minutes)."""
    return load_scenario(TINY)


def _with_inject(spec, time_h: float, deadline_h: float | None = 2.0):
    inject = {
        "id": "B1",
        "time_h": time_h,
        "type": "journalist_inquiry",
        "sender": "Dana Whitfield, TechLedger",
        "message": "Can you confirm the outage?",
        "deadline_h": deadline_h,
    }
    return spec.model_copy(update={"injects": (type(spec.injects[0])(**inject),)})


def _arrived(session: Session, inject_id: str = "B1"):
    return next((event for event in session.inbox if event.inject_id == inject_id), None)


def test_an_inject_due_at_a_turn_boundary_is_in_the_turn_that_ends_there(tiny):
    spec = _with_inject(tiny, time_h=1.0)
    session = Session(spec, 1)
    record = session.end_turn()
    assert record.end_h == pytest.approx(1.0)
    event = _arrived(session)
    assert event is not None, "an inject due at T+1:00 is in the inbox when the clock shows it"
    assert event.at_h == pytest.approx(1.0)
    assert event.deadline_h == pytest.approx(3.0), "its whole deadline is still ahead"
    assert event in record.events, "the turn that ends at T+1:00 holds it"


def test_an_inject_due_inside_a_turn_arrives_in_that_turn_at_its_own_time(tiny):
    spec = _with_inject(tiny, time_h=1.33)
    session = Session(spec, 1)
    session.end_turn()
    assert _arrived(session) is None, "not before its time"
    second = session.end_turn()
    event = _arrived(session)
    assert event is not None and event in second.events
    assert event.at_h == pytest.approx(1.33), "stamped with its designated time, not the tick's"
    assert event.deadline_h == pytest.approx(3.33)


def test_an_inject_just_after_a_boundary_waits_for_the_next_turn(tiny):
    spec = _with_inject(tiny, time_h=1.0 + 1 / 60)
    session = Session(spec, 1)
    session.end_turn()
    assert _arrived(session) is None
    session.end_turn()
    assert _arrived(session) is not None


def test_no_inject_arrives_before_the_trigger(tiny):
    later = tiny.model_copy(update={"crisis": tiny.crisis.model_copy(update={"start_h": 1.0})})
    spec = _with_inject(later, time_h=0.0)
    session = Session(spec, 1)
    session.end_turn()
    assert _arrived(session) is None, "T+0:00 is the trigger's hour, after this turn"
    session.end_turn()
    event = _arrived(session)
    assert event is not None and event.at_h == pytest.approx(1.0)


# --------------------------------------------------------------------------- statements


def _statements(events):
    return [event for event in events if event.kind is EventKind.STATEMENT]


def _reached(session: Session, at_h: float) -> int:
    """How many aware users had seen a response by the end of the tick that starts at `at_h`."""
    series = session.run_record().series
    tick_h = session.spec.turns.tick_h
    row = next(i for i, hour in enumerate(series["hour"]) if hour >= at_h + tick_h - 1e-9)
    return int(series["aware_saw_response"][row])


def test_a_statement_due_inside_a_turn_goes_out_in_that_turn_at_its_own_time(tiny):
    session = Session(tiny, 1)
    session.queue(session.make_action(template="outage-holding", at_h=0.5))
    record = session.end_turn()
    (out,) = _statements(record.events)
    assert out.at_h == pytest.approx(0.5), "shown in turn 1's record at T+0:30"
    assert _reached(session, 0.5) > 0, "the crowd hears it from T+0:30, inside turn 1"
    assert _reached(session, 0.5 - session.spec.turns.tick_h) == 0, "and not before"
    assert facts_of(session).first_statement_h == pytest.approx(0.5), "rated as shown"


def test_a_statement_due_at_a_turn_s_end_goes_out_at_that_time_in_the_next_turn(tiny):
    session = Session(tiny, 1)
    session.queue(session.make_action(template="outage-holding", at_h=1.0))
    first = session.end_turn()
    assert first.end_h == pytest.approx(1.0)
    assert _statements(first.events) == [], "turn 1 covers [T+0:00, T+1:00): not yet out"
    assert _reached(session, 1.0 - session.spec.turns.tick_h) == 0
    second = session.end_turn()
    (out,) = _statements(second.events)
    assert out.at_h == pytest.approx(1.0), "shown in turn 2's record at T+1:00, its own time"
    assert _reached(session, 1.0) > 0, "it acts in the tick that starts at T+1:00"
    assert facts_of(session).first_statement_h == pytest.approx(1.0), "rated as shown"


def test_at_a_boundary_the_team_sees_the_inject_and_the_statement_due_then(tiny):
    """Between turns 1 and 2 the clock shows T+1:00: the inject due then is in the inbox (held
    by turn 1's record, its whole deadline ahead), the statement due then is queued to go out
    at T+1:00 (held by turn 2's record); neither is shown before its time or late."""
    session = Session(_with_inject(tiny, time_h=1.0), 1)
    session.queue(session.make_action(template="outage-holding", at_h=1.0))
    first = session.end_turn()
    assert session.now_h == pytest.approx(1.0)
    assert _arrived(session) in first.events
    assert _statements(session.inbox) == []
    second = session.end_turn()
    assert [event.at_h for event in _statements(second.events)] == [pytest.approx(1.0)]
    assert _arrived(session) not in second.events
