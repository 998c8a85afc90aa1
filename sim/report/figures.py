"""The report's figures as PNG bytes, drawn with matplotlib's Agg canvas.

Figures are built on `matplotlib.figure.Figure` directly, never through pyplot, so nothing
global is touched (no GUI backend, no figure registry to leak) and reports can be made from
worker threads such as the TUI's.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
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


def _early_window(times: np.ndarray, action_hours: Sequence[float]) -> np.ndarray:
    """The first hours, where the decisions are: two days, or 6 h past the last action."""
    return times <= max(EARLY_WINDOW_H, max(action_hours, default=0.0) + 6.0)


def _mark_actions(axes: Axes, action_hours: Sequence[float]) -> None:
    for k, at_h in enumerate(action_hours):
        axes.axvline(
            at_h,
            color=ACTION_COLOUR,
            alpha=0.6,
            linewidth=1,
            label="team's actions" if k == 0 else None,
        )


def _from_zero(axes: Axes, values: Sequence[float] | np.ndarray) -> None:
    """A damage's axis starts at zero (or below, if the run gained), so that heights compare
    honestly instead of a small wobble filling the plot."""
    axes.set_ylim(bottom=min(0.0, float(np.min(values))))


def damage_figure(
    hours: Sequence[float], aware_damage: Sequence[float], action_hours: Sequence[float]
) -> bytes:
    """Damage among the aware over time with the team's statements marked, on an axis from zero:
    the first hours, where the decisions are, and the whole run, where recovery shows."""
    times, damage = np.asarray(hours), np.asarray(aware_damage)
    figure = Figure(figsize=(10, 3.8), layout="constrained")
    early, whole = figure.subplots(1, 2, gridspec_kw={"width_ratios": (3, 2)})
    window = _early_window(times, action_hours)
    early.plot(times[window], damage[window], color=SERIES_COLOUR, label="among the aware")
    _mark_actions(early, action_hours)
    early.set(
        title="Damage among the aware, first hours",
        xlabel="hours after the trigger",
        ylabel="RI points lost",
    )
    early.legend(loc="best", fontsize="small")
    whole.plot(times / 24.0, damage, color=SERIES_COLOUR)
    whole.set(title="Whole run", xlabel="days after the trigger")
    for axes in (early, whole):
        _from_zero(axes, damage)
        axes.grid(alpha=0.3)
    return _png(figure)


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
    window = _early_window(times, action_hours)
    early.plot(times[window], np.asarray(index)[window], color=SERIES_COLOUR, label="everyone")
    early.plot(
        times[window],
        np.asarray(stakeholder_index)[window],
        color=SECOND_COLOUR,
        linestyle="--",
        label="stakeholders",
    )
    _mark_actions(early, action_hours)
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


def _percent(shares: Sequence[float | None]) -> np.ndarray:
    """Shares as percentages; an undefined share (silence did no damage) is not drawn."""
    return np.array([np.nan if share is None else 100.0 * share for share in shares])


def comparison_figure(
    labels: Sequence[str],
    damage_avoided: Sequence[float | None],
    aware_damage: Sequence[float],
) -> bytes:
    """The same seed with different answers: the share of silence's damage each plan avoided
    and the damage among the aware, one horizontal bar per plan from zero (the first, as played,
    on top) so long labels stay readable and bar lengths compare honestly."""
    figure = Figure(figsize=(10, 1.2 + 0.4 * len(labels)), layout="constrained")
    left, right = figure.subplots(1, 2, sharey=True)
    colours = [SERIES_COLOUR] + [SECOND_COLOUR] * (len(labels) - 1)
    left.barh(labels, _percent(damage_avoided), color=colours)
    left.axvline(0.0, color="black", linewidth=0.8)
    left.set(title="Damage avoided", xlabel="% of the damage silence would have done")
    left.invert_yaxis()
    right.barh(labels, aware_damage, color=colours)
    right.set(title="Damage among the aware", xlabel="RI points lost at the horizon")
    for axes in (left, right):
        axes.tick_params(axis="y", labelsize="small")
        axes.grid(axis="x", alpha=0.3)
    return _png(figure)


def timing_figure(
    shifts_h: Sequence[float],
    damage_avoided: Sequence[float | None],
    aware_damage: Sequence[float],
) -> bytes:
    """The timing curve: the headline on the same seed with every action moved earlier or
    later, damage avoided against a zero line and the damage among the aware from zero."""
    figure = Figure(figsize=(10, 3.4), layout="constrained")
    avoided, damage = figure.subplots(1, 2)
    avoided.plot(shifts_h, _percent(damage_avoided), marker="o", color=SERIES_COLOUR)
    avoided.axhline(0.0, color="black", linewidth=0.8)
    avoided.set(
        title="Damage avoided", xlabel="every action moved by (hours)", ylabel="% of silence's"
    )
    damage.plot(shifts_h, aware_damage, marker="s", color=SERIES_COLOUR)
    _from_zero(damage, aware_damage)
    damage.set(
        title="Damage among the aware", xlabel="every action moved by (hours)", ylabel="RI points"
    )
    for axes in (avoided, damage):
        axes.axvline(0.0, color=ACTION_COLOUR, alpha=0.6, linewidth=1, label="as played")
        axes.legend(loc="best", fontsize="small")
        axes.grid(alpha=0.3)
    figure.suptitle("What timing did: the same answers moved in time")
    return _png(figure)


def hourly(per_tick: Sequence[float], ticks_per_hour: int) -> np.ndarray:
    """Per-tick counts as a trailing one-hour sum."""
    values = np.asarray(per_tick, dtype=float)
    return np.convolve(values, np.ones(max(ticks_per_hour, 1)))[: len(values)]
