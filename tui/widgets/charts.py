"""Plots of what the team's listening tools report: noisy, delayed estimates, never truth."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual_plotext import PlotextPlot

from sim.i18n import N_
from sim.observation import Observation
from tui.i18n import words_of


@dataclass(frozen=True)
class Series:
    title: str  # a catalog message (English); the plot shows it translated
    hours: tuple[float, ...]
    values: tuple[float, ...]
    marks: tuple[float, ...] = ()
    """Hours to mark with a vertical line (when the brand spoke)."""
    min_span: float = 0.0
    """The least range the y axis shows, so that a small wobble is not drawn across the whole
    height of the plot as if it were a cliff: centred on the data, or up from `origin`."""
    origin: float | None = None
    """A value the y axis always shows (0 for a damage or a share), so that heights compare
    honestly; None: the axis follows the data."""


def y_limits(
    values: Sequence[float], min_span: float, origin: float | None = None
) -> tuple[float, float] | None:
    """Limits for the y axis: from `origin` (if given) to the data, at least `min_span` tall;
    without an origin, `min_span` centred on data that span less. None: let it scale."""
    if not values:
        return None
    low, high = min(values), max(values)
    if origin is not None:
        low, high = min(low, origin), max(high, origin)
        return low, max(high, low + min_span)
    if min_span <= 0.0 or high - low >= min_span:
        return None
    middle = (low + high) / 2.0
    return middle - min_span / 2.0, middle + min_span / 2.0


class SeriesPlot(PlotextPlot):
    """One line over scenario hours."""

    series: reactive[Series | None] = reactive(None)

    def watch_series(self, series: Series | None) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if series is None:
            return
        words = words_of(self)
        plt.title(words(series.title))
        if series.hours:
            plt.plot(list(series.hours), list(series.values), marker="braille")
            limits = y_limits(series.values, series.min_span, series.origin)
            if limits is not None:
                plt.ylim(*limits)
        for hour in series.marks:
            plt.vline(hour, "red")
        plt.xlabel(words("hour"))
        self.refresh()


def observation_series(observation: Observation) -> Sequence[Series]:
    return (
        Series(N_("Mentions/hour (est.)"), observation.hours, observation.mentions_per_h),
        Series(N_("Sentiment (est.)"), observation.hours, observation.sentiment),
        Series(N_("Reach (est.)"), observation.hours, observation.reach),
    )


class MonitorCharts(Horizontal):
    """Mentions, sentiment and reach as the team's tools estimate them."""

    observation: reactive[Observation | None] = reactive(None)

    def compose(self) -> ComposeResult:
        for name in ("mentions", "sentiment", "reach"):
            yield SeriesPlot(id=f"chart-{name}", classes="chart")

    def watch_observation(self, observation: Observation | None) -> None:
        if observation is None:
            return
        for plot, series in zip(
            self.query(SeriesPlot), observation_series(observation), strict=True
        ):
            plot.series = series
