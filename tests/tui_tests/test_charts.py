"""The y axis of a chart: small wobbles keep their size, large moves fill the plot, and a damage
is drawn from zero."""

from __future__ import annotations

import pytest

from tui.widgets.charts import y_limits


def test_a_small_wobble_is_shown_on_the_least_span_centred_on_the_data():
    assert y_limits([65.8, 65.6, 65.7], 2.0) == pytest.approx((64.7, 66.7))


def test_data_wider_than_the_least_span_scale_the_axis_themselves():
    assert y_limits([65.0, 60.0, 62.0], 2.0) is None
    assert y_limits([65.0, 63.0], 2.0) is None


def test_no_least_span_or_no_data_leaves_the_axis_alone():
    assert y_limits([65.8, 65.6], 0.0) is None
    assert y_limits([], 2.0) is None


def test_a_flat_line_sits_in_the_middle():
    assert y_limits([50.0, 50.0], 2.0) == (49.0, 51.0)


def test_an_axis_with_an_origin_always_shows_it_and_at_least_the_span_above_it():
    assert y_limits([0.3, 0.8, 0.5], 1.0, origin=0.0) == (0.0, 1.0)
    assert y_limits([0.3, 2.6], 1.0, origin=0.0) == (0.0, 2.6)


def test_a_share_below_its_origin_keeps_the_origin_in_view():
    assert y_limits([-40.0, -10.0], 20.0, origin=0.0) == (-40.0, 0.0)
