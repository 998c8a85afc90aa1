"""Scenario time as people read it (sim.clock); the MSEL's exact round trip is in test_msel."""

from __future__ import annotations

import pytest

from sim.clock import both_clocks, clock, decimal_hours, hours_text, span_text, time_of_day


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


def test_the_time_of_day_counts_from_the_triggers_clock_time():
    assert time_of_day(0.0, "07:40") == "07:40"
    assert time_of_day(3 + 1 / 3, "07:40") == "11:00"
    assert time_of_day(17.0, "19:00") == "12:00 +1d"


def test_screens_show_scenario_time_and_time_of_day_together():
    assert both_clocks(3 + 1 / 3, "07:40") == "T+3:20 (11:00)"
    assert both_clocks(3.0, None) == "T+3:00"
