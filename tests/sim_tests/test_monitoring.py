"""The team's listening tools: the newest reading of a view is the last of the whole view."""

from __future__ import annotations

import numpy as np
import pytest

from sim.engine.draws import Draws
from sim.engine.monitoring import Monitor
from sim.spec.schema import MonitoringProfile


def monitor_after(ticks: int, tick_h: float, latency_h: float, seed: int) -> Monitor:
    """A monitor that has recorded `ticks` ticks of random activity, quiet ticks among them."""
    profile = MonitoringProfile(coverage=0.3, latency_h=latency_h, noise=0.25, detection_share=0.01)
    monitor = Monitor(profile, users=10_000, tick_h=tick_h, draws=Draws(seed))
    rng = np.random.default_rng(seed)
    for tick in range(ticks):
        quiet = rng.random() < 0.2
        negative, defending, impressions = (0, 0, 0) if quiet else rng.integers(0, 5_000, 3)
        monitor.record(tick, int(negative), int(defending), int(impressions))
    return monitor


@pytest.mark.parametrize("tick_h", [1.0, 0.5, 1 / 12, 0.25])
@pytest.mark.parametrize("latency_h", [0.0, 1.0, 3.0])
def test_the_newest_reading_is_the_last_of_the_whole_view_to_the_bit(
    tick_h: float, latency_h: float
) -> None:
    for ticks in range(0, 40):
        monitor = monitor_after(ticks, tick_h, latency_h, seed=ticks)
        whole = monitor.observe(ticks - 1)
        newest = monitor.observe_latest(ticks - 1)
        assert newest.at_h == whole.at_h
        assert newest.detected_at_h == whole.detected_at_h
        for series in ("hours", "mentions_per_h", "sentiment", "reach"):
            assert getattr(newest, series) == getattr(whole, series)[-1:], (ticks, series)


def test_reach_is_the_running_total_of_the_impressions_as_numpy_adds_them() -> None:
    monitor = monitor_after(200, 1 / 12, 1.0, seed=3)
    assert monitor.reach == [float(v) for v in np.cumsum(monitor.impressions)]
    assert monitor.observe(199).reach == tuple(monitor.reach[: len(monitor.observe(199).hours)])
