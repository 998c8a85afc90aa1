"""The report's figures as PNG bytes, drawn with matplotlib's Agg canvas.

Figures are built on `matplotlib.figure.Figure` directly, never through pyplot, so nothing
global is touched (no GUI backend, no figure registry to leak) and reports can be made from
worker threads such as the TUI's.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

EARLY_WINDOW_H = 48.0
DPI = 110
ACTION_COLOUR = "#c0392b"
SERIES_COLOUR = "#1f4e79"
SECOND_COLOUR = "#7f8c8d"


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def reputation_figure(
    hours: Sequence[float],
    index: Sequence[float],
    stakeholder_index: Sequence[float],
    action_hours: Sequence[float],
) -> bytes:
    """Reputation index over time with the team's statements marked: the first hours, where the
    decisions are, and the whole run, where recovery shows."""
    times = np.asarray(hours)
    figure = Figure(figsize=(10, 3.8), layout="constrained")
    early, whole = figure.subplots(1, 2, gridspec_kw={"width_ratios": (3, 2)})
    window = times <= max(EARLY_WINDOW_H, max(action_hours, default=0.0) + 6.0)
    early.plot(times[window], np.asarray(index)[window], color=SERIES_COLOUR, label="everyone")
    early.plot(
        times[window],
        np.asarray(stakeholder_index)[window],
        color=SECOND_COLOUR,
        linestyle="--",
        label="stakeholders",
    )
    for k, at_h in enumerate(action_hours):
        early.axvline(
            at_h,
            color=ACTION_COLOUR,
            alpha=0.6,
            linewidth=1,
            label="team's actions" if k == 0 else None,
        )
    early.set(title="Reputation index, first hours", xlabel="hours after the trigger", ylabel="RI")
    early.legend(loc="best", fontsize="small")
    whole.plot(times / 24.0, index, color=SERIES_COLOUR)
    whole.set(title="Whole run", xlabel="days after the trigger")
    for axes in (early, whole):
        axes.grid(alpha=0.3)
    return _png(figure)


def reach_figure(
    hours: Sequence[float], aware: Sequence[float], negative_posts_per_h: np.ndarray
) -> bytes:
    """Negative reach (users who ever saw the negative content) and hourly negative mentions."""
    figure = Figure(figsize=(10, 3.4), layout="constrained")
    reach, mentions = figure.subplots(1, 2)
    reach.plot(hours, aware, color=SERIES_COLOUR)
    reach.set(title="Negative reach", xlabel="hours after the trigger", ylabel="users aware")
    mentions.plot(hours, negative_posts_per_h, color=ACTION_COLOUR)
    mentions.set(title="Negative posts per hour", xlabel="hours after the trigger")
    for axes in (reach, mentions):
        axes.grid(alpha=0.3)
    return _png(figure)


def comparison_figure(
    labels: Sequence[str], final_index: Sequence[float], reach: Sequence[int]
) -> bytes:
    """The same seed with different answers: RI at the horizon and negative reach, side by side,
    one horizontal bar per plan (the first, as played, on top) so long labels stay readable."""
    figure = Figure(figsize=(10, 1.2 + 0.4 * len(labels)), layout="constrained")
    left, right = figure.subplots(1, 2, sharey=True)
    colours = [SERIES_COLOUR] + [SECOND_COLOUR] * (len(labels) - 1)
    left.barh(labels, final_index, color=colours)
    left.set(title="Reputation index at the horizon", xlabel="RI")
    low = min(final_index, default=0.0)
    high = max(final_index, default=1.0)
    margin = max((high - low) * 0.5, 0.5)
    left.set_xlim(low - margin, high + margin)
    left.invert_yaxis()
    right.barh(labels, reach, color=colours)
    right.set(title="Negative reach", xlabel="users aware")
    for axes in (left, right):
        axes.tick_params(axis="y", labelsize="small")
        axes.grid(axis="x", alpha=0.3)
    return _png(figure)


def timing_figure(
    shifts_h: Sequence[float], final_index: Sequence[float], lowest_index: Sequence[float]
) -> bytes:
    """The timing curve: the outcome on the same seed with every action moved earlier or later."""
    figure = Figure(figsize=(10, 3.4), layout="constrained")
    axes = figure.subplots()
    axes.plot(shifts_h, final_index, marker="o", color=SERIES_COLOUR, label="RI at the horizon")
    axes.plot(shifts_h, lowest_index, marker="s", color=SECOND_COLOUR, label="lowest RI")
    axes.axvline(0.0, color=ACTION_COLOUR, alpha=0.6, linewidth=1, label="as played")
    axes.set(
        title="What timing did: the same answers moved in time",
        xlabel="every action moved by (hours)",
        ylabel="RI",
    )
    axes.legend(loc="best", fontsize="small")
    axes.grid(alpha=0.3)
    return _png(figure)


def hourly(per_tick: Sequence[float], ticks_per_hour: int) -> np.ndarray:
    """Per-tick counts as a trailing one-hour sum."""
    values = np.asarray(per_tick, dtype=float)
    return np.convolve(values, np.ones(max(ticks_per_hour, 1)))[: len(values)]
