"""When injects reach the team: by their designated time, in the turn that time falls in, and
stamped with it, so a deadline counts from the moment the message was due."""

from __future__ import annotations

import pytest

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
