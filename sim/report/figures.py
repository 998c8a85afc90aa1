"""The report's figures as PNG bytes, drawn with matplotlib's Agg canvas.

Figures are built on `matplotlib.figure.Figure` directly, never through pyplot, so nothing
global is touched (no GUI backend, no figure registry to leak) and reports can be made from
worker threads such as the TUI's.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from sim.chart_ticks import local_ticks
from sim.i18n import ENGLISH, Translator

EARLY_WINDOW_H = 48.0
DPI = 110
ACTION_COLOUR = "#c0392b"
SERIES_COLOUR = "#1f4e79"
SECOND_COLOUR = "#7f8c8d"
PADDING = 0.05  # share of the span added above (and below) the data
RI_SCALE = (0.0, 100.0)
RI_FULL_SCALE_SPAN = 20.0
"""Reputation index lines spanning less than this many points are drawn on a zoomed axis with a
note saying so; wider ones on the whole 0-100 scale."""


@dataclass(frozen=True)
class Limits:
    """An axis's range, and the note a reader needs when it is not the one expected."""

    low: float
    high: float
    note: str = ""


def _finite(values: Sequence[float | None] | np.ndarray) -> np.ndarray:
    array = np.array([np.nan if v is None else v for v in values], dtype=float)
    return array[np.isfinite(array)]


def from_zero(values: Sequence[float | None] | np.ndarray) -> Limits:
    """An axis for amounts (damage, counts, shares, bar lengths): it always holds zero, so bar
    lengths and heights compare honestly, with a little room past the data on its side(s)."""
    data = _finite(values)
    low = min(0.0, float(data.min())) if data.size else 0.0
    high = max(0.0, float(data.max())) if data.size else 0.0
    if low == high:
        return Limits(0.0, 1.0)  # nothing to show: an empty axis from zero
    span = high - low
    return Limits(
        low - PADDING * span if low < 0 else 0.0, high + PADDING * span if high > 0 else 0.0
    )


def index_limits(values: Sequence[float] | np.ndarray, words: Translator = ENGLISH) -> Limits:
    """An axis for the reputation index: the whole 0-100 scale when the lines span at least
    `RI_FULL_SCALE_SPAN` points; else zoomed to the data, with a note giving the range shown so
    that a drop of half a point is not read as a collapse."""
    data = _finite(values)
    low, high = RI_SCALE
    if not data.size:
        return Limits(low, high)
    top, bottom = float(data.max()), float(data.min())
    if top - bottom >= RI_FULL_SCALE_SPAN:
        return Limits(low, high)
    pad = max(PADDING * (top - bottom), 0.05)
    shown_low, shown_high = max(low, bottom - pad), min(high, top + pad)
    return Limits(
        shown_low,
        shown_high,
        words("axis zoomed: RI {low}-{high} of 0-100").format(
            low=words.figure(f"{shown_low:.1f}"), high=words.figure(f"{shown_high:.1f}")
        ),
    )


def _apply(axes: Axes, limits: Limits, axis: str = "y") -> None:
    """Set the range and show its note, if any, as a second line of the plot's title, where no
    line of data can hide it (so call this after the title is set)."""
    if axis == "y":
        axes.set_ylim(limits.low, limits.high)
    else:
        axes.set_xlim(limits.low, limits.high)
    if limits.note:
        axes.set_title(f"{axes.get_title()}\n({limits.note})")


def _png(figure: Figure, words: Translator) -> bytes:
    local_ticks(figure, words)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _early_window(times: np.ndarray, action_hours: Sequence[float]) -> np.ndarray:
    """The first hours, where the decisions are: two days, or 6 h past the last action."""
    return times <= max(EARLY_WINDOW_H, max(action_hours, default=0.0) + 6.0)


def _mark_actions(axes: Axes, action_hours: Sequence[float], words: Translator) -> None:
    for k, at_h in enumerate(action_hours):
        axes.axvline(
            at_h,
            color=ACTION_COLOUR,
            alpha=0.6,
            linewidth=1,
            label=words("team's actions") if k == 0 else None,
        )


def damage_figure(
    hours: Sequence[float],
    aware_damage: Sequence[float],
    action_hours: Sequence[float],
    words: Translator = ENGLISH,
) -> bytes:
    """Damage among the aware over time with the team's statements marked, on an axis from zero:
    the first hours, where the decisions are, and the whole run, where recovery shows."""
    times, damage = np.asarray(hours), np.asarray(aware_damage)
    figure = Figure(figsize=(10, 3.8), layout="constrained")
    early, whole = figure.subplots(1, 2, gridspec_kw={"width_ratios": (3, 2)})
    window = _early_window(times, action_hours)
    early.plot(times[window], damage[window], color=SERIES_COLOUR, label=words("among the aware"))
    _mark_actions(early, action_hours, words)
    early.set(
        title=words("Damage among the aware, first hours"),
        xlabel=words("hours after the trigger"),
        ylabel=words("RI points lost"),
    )
    early.legend(loc="best", fontsize="small")
    whole.plot(times / 24.0, damage, color=SERIES_COLOUR)
    whole.set(
        title=words("Whole run"),
        xlabel=words("days after the trigger"),
        ylabel=words("RI points lost"),
    )
    for axes in (early, whole):
        _apply(axes, from_zero(damage))
        axes.grid(alpha=0.3)
    return _png(figure, words)


def reputation_figure(
    hours: Sequence[float],
    index: Sequence[float],
    stakeholder_index: Sequence[float],
    action_hours: Sequence[float],
    words: Translator = ENGLISH,
) -> bytes:
    """Reputation index over time with the team's statements marked: the first hours, where the
    decisions are, and the whole run, where recovery shows, on an axis whose range is stated
    when it is zoomed (`index_limits`)."""
    times = np.asarray(hours)
    figure = Figure(figsize=(10, 3.8), layout="constrained")
    early, whole = figure.subplots(1, 2, gridspec_kw={"width_ratios": (3, 2)})
    window = _early_window(times, action_hours)
    early.plot(
        times[window], np.asarray(index)[window], color=SERIES_COLOUR, label=words("everyone")
    )
    early.plot(
        times[window],
        np.asarray(stakeholder_index)[window],
        color=SECOND_COLOUR,
        linestyle="--",
        label=words("stakeholders"),
    )
    _mark_actions(early, action_hours, words)
    early.set(
        title=words("Reputation index, first hours"),
        xlabel=words("hours after the trigger"),
        ylabel=words("RI (0-100 scale)"),
    )
    early.legend(loc="upper right", fontsize="small")
    whole.plot(times / 24.0, index, color=SERIES_COLOUR)
    whole.set(
        title=words("Whole run"),
        xlabel=words("days after the trigger"),
        ylabel=words("RI (0-100 scale)"),
    )
    limits = index_limits(np.concatenate([np.asarray(index), np.asarray(stakeholder_index)]), words)
    for axes in (early, whole):
        _apply(axes, limits)
        axes.grid(alpha=0.3)
    return _png(figure, words)


def reach_figure(
    hours: Sequence[float],
    aware: Sequence[float],
    negative_posts_per_h: np.ndarray,
    words: Translator = ENGLISH,
) -> bytes:
    """Negative reach (users who ever saw the negative content) and hourly negative mentions."""
    figure = Figure(figsize=(10, 3.4), layout="constrained")
    reach, mentions = figure.subplots(1, 2)
    reach.plot(hours, aware, color=SERIES_COLOUR)
    reach.set(
        title=words("Negative reach"),
        xlabel=words("hours after the trigger"),
        ylabel=words("users aware"),
    )
    mentions.plot(hours, negative_posts_per_h, color=ACTION_COLOUR)
    mentions.set(
        title=words("Negative posts per hour"),
        xlabel=words("hours after the trigger"),
        ylabel=words("posts per hour"),
    )
    _apply(reach, from_zero(aware))
    _apply(mentions, from_zero(negative_posts_per_h))
    for axes in (reach, mentions):
        axes.grid(alpha=0.3)
    return _png(figure, words)


def _percent(shares: Sequence[float | None]) -> np.ndarray:
    """Shares as percentages; an undefined share (silence did no damage) is not drawn."""
    return np.array([np.nan if share is None else 100.0 * share for share in shares])


def comparison_figure(
    labels: Sequence[str],
    damage_avoided: Sequence[float | None],
    aware_damage: Sequence[float],
    words: Translator = ENGLISH,
) -> bytes:
    """The same seed with different answers: the share of silence's damage each plan avoided
    and the damage among the aware, one horizontal bar per plan from zero (the first, as played,
    on top) so long labels stay readable and bar lengths compare honestly."""
    figure = Figure(figsize=(10, 1.2 + 0.4 * len(labels)), layout="constrained")
    left, right = figure.subplots(1, 2, sharey=True)
    colours = [SERIES_COLOUR] + [SECOND_COLOUR] * (len(labels) - 1)
    shares = _percent(damage_avoided)
    left.barh(labels, shares, color=colours)
    left.axvline(0.0, color="black", linewidth=0.8)
    left.set(
        title=words("Damage avoided"), xlabel="% " + words("of the damage silence would have done")
    )
    left.invert_yaxis()
    right.barh(labels, aware_damage, color=colours)
    right.set(title=words("Damage among the aware"), xlabel=words("RI points lost at the horizon"))
    _apply(left, from_zero(shares), axis="x")
    _apply(right, from_zero(aware_damage), axis="x")
    for axes in (left, right):
        axes.tick_params(axis="y", labelsize="small")
        axes.grid(axis="x", alpha=0.3)
    return _png(figure, words)


def timing_figure(
    shifts_h: Sequence[float],
    damage_avoided: Sequence[float | None],
    aware_damage: Sequence[float],
    words: Translator = ENGLISH,
) -> bytes:
    """The timing curve: the headline on the same seed with every action moved earlier or
    later, damage avoided against a zero line and the damage among the aware from zero."""
    figure = Figure(figsize=(10, 3.4), layout="constrained")
    avoided, damage = figure.subplots(1, 2)
    shares = _percent(damage_avoided)
    avoided.plot(shifts_h, shares, marker="o", color=SERIES_COLOUR)
    _apply(avoided, from_zero(shares))
    avoided.axhline(0.0, color="black", linewidth=0.8)
    avoided.set(
        title=words("Damage avoided"),
        xlabel=words("every action moved by (hours)"),
        ylabel="% " + words("of silence's"),
    )
    damage.plot(shifts_h, aware_damage, marker="s", color=SERIES_COLOUR)
    _apply(damage, from_zero(aware_damage))
    damage.set(
        title=words("Damage among the aware"),
        xlabel=words("every action moved by (hours)"),
        ylabel=words("RI points"),
    )
    for axes in (avoided, damage):
        axes.axvline(0.0, color=ACTION_COLOUR, alpha=0.6, linewidth=1, label=words("as played"))
        axes.legend(loc="best", fontsize="small")
        axes.grid(alpha=0.3)
    figure.suptitle(words("What timing did: the same answers moved in time"))
    return _png(figure, words)


def hourly(per_tick: Sequence[float], ticks_per_hour: int) -> np.ndarray:
    """Per-tick counts as a trailing one-hour sum."""
    values = np.asarray(per_tick, dtype=float)
    return np.convolve(values, np.ones(max(ticks_per_hour, 1)))[: len(values)]
