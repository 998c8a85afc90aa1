"""The report's chart axes are ones a reader can trust: amounts (damage, counts, shares, bar
lengths) from zero, the reputation index on its 0-100 scale or, when zoomed, with a note
saying the range shown (sim.report.figures)."""

from __future__ import annotations

import math

import pytest

from sim.report.figures import Limits, from_zero, index_limits, reputation_figure

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_bars_of_positive_amounts_start_at_zero_with_room_above():
    assert from_zero([64.6, 65.1, 66.0]) == Limits(0.0, pytest.approx(66.0 * 1.05))


def test_an_axis_with_negative_amounts_holds_zero_and_both_signs():
    limits = from_zero([-12.0, 38.0])
    assert limits.low == pytest.approx(-12.0 - 2.5) and limits.high == pytest.approx(38.0 + 2.5)
    assert from_zero([-4.0, -1.0]) == Limits(pytest.approx(-4.2), 0.0)


def test_undefined_values_are_left_out_and_nothing_gives_an_empty_axis_from_zero():
    assert from_zero([None, math.nan, 2.0]) == Limits(0.0, pytest.approx(2.1))
    assert from_zero([]) == Limits(0.0, 1.0)
    assert from_zero([0.0, 0.0]) == Limits(0.0, 1.0)


def test_a_small_move_of_the_reputation_index_is_zoomed_with_a_note_saying_so():
    limits = index_limits([65.1, 64.9, 64.6, 64.7])
    assert 64.4 < limits.low < 64.6 and 65.1 < limits.high < 65.3
    assert limits.note == f"axis zoomed: RI {limits.low:.1f}-{limits.high:.1f} of 0-100"


def test_a_wide_move_of_the_reputation_index_is_drawn_on_the_whole_scale_without_a_note():
    assert index_limits([70.0, 45.0, 50.0]) == Limits(0.0, 100.0)


def test_a_zoomed_axis_never_leaves_the_scale():
    limits = index_limits([99.99, 100.0])
    assert limits.high == 100.0 and limits.note


def test_the_reputation_chart_draws_with_its_note():
    png = reputation_figure([1.0, 2.0, 3.0], [65.1, 64.8, 64.7], [60.0, 59.5, 59.8], [1.5])
    assert png.startswith(PNG_SIGNATURE)
