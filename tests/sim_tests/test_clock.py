"""Scenario time as people read it (sim.clock); the MSEL's exact round trip is in test_msel."""

from __future__ import annotations

import pytest

from sim.clock import clock, decimal_hours, hours_text, span_text


@pytest.mark.parametrize(
    ("hours", "text"),
    [(0.0, "T+0:00"), (1.25, "T+1:15"), (26.5, "T+26:30"), (2.999, "T+3:00"), (-0.5, "T-0:30")],
)
def test_clock_to_the_minute(hours, text):
    assert clock(hours) == text


def test_clock_without_a_sign_is_a_duration():
    assert clock(1.5, sign="") == "1:30"


def test_hours_in_a_sentence_drop_float_noise():
    assert decimal_hours(1.2500000000000002) == "1.25"
    assert decimal_hours(3.0) == "3"
    assert hours_text(0.75) == "0.75 h"


def test_hours_in_a_table_have_fixed_places_and_a_word_when_undefined():
    assert hours_text(1.5, places=2) == "1.50 h"
    assert hours_text(None, "never", places=1) == "never"


def test_a_briefing_gives_minutes_under_an_hour():
    assert span_text(0.25) == "15 min"
    assert span_text(2.0) == "2 h"
