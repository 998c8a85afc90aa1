"""The sweep's figures, PNG for slides and SVG for reports.

Comparisons are drawn as what the verdicts rest on: the difference between two protocols seed by
seed (both met the same crowd), with the mean and its 95% interval, against a line at zero.
Boxes of each protocol's outcome overlap even when the paired differences all have one sign.

Figures are built with `matplotlib.figure.Figure`, not pyplot: no global backend or figure
registry, so plotting works headless, in threads and in workers, and never opens a window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from sim.chart_ticks import local_ticks
from sim.i18n import ENGLISH, Translator
from sim.lab.reading import HEADLINE, READINGS
from sim.lab.result import Paired, group_label, hourly_matrix

if TYPE_CHECKING:
    from sim.lab.result import SweepResult
    from sim.lab.statistics import Estimate
    from sim.lab.timing import TimingTable

FORMATS = ("png", "svg")
SEED_COLOUR = "tab:blue"
ZERO_COLOUR = "0.4"


def _save(figure: Figure, stem: Path, words: Translator) -> list[Path]:
    """The figure as PNG and SVG, its numeric axes in the locale of `words`."""
    local_ticks(figure, words)
    paths = [stem.with_suffix(f".{kind}") for kind in FORMATS]
    for path in paths:
        figure.savefig(path, dpi=150, bbox_inches="tight")
    return paths


def against_baseline(result: SweepResult, metric: str) -> list[Paired]:
    """The paired differences a plot shows: every other protocol against the plan's first, the
    baseline, within each variation (empty when the plan has one protocol)."""
    baseline = result.protocols[0]
    return [pair for pair in result.paired((metric,)) if pair.baseline == baseline]


def _error_bar(estimate: Estimate, scale: float) -> tuple[float, list[list[float]]]:
    """The mean and matplotlib's yerr for an asymmetric interval, scaled."""
    mean = scale * estimate.mean
    return mean, [[mean - scale * estimate.low], [scale * estimate.high - mean]]


def plot_paired(result: SweepResult, stem: Path, words: Translator = ENGLISH) -> list[Path]:
    """For each headline metric, every protocol minus the baseline protocol on the same seeds:
    one dot per seed, the mean with its 95% bootstrap interval, and zero as a line. Nothing is
    written for a plan of one protocol. Titles and labels in the language of `words`."""
    panels = {metric: against_baseline(result, metric) for metric in HEADLINE}
    pairs = panels[HEADLINE[0]]
    if not pairs:
        return []
    baseline = result.protocols[0]
    figure = Figure(figsize=(max(8.0, 3.2 * len(pairs) * len(panels)), 4.2), layout="constrained")
    jitter = np.random.default_rng(0)
    for axes, (metric, shown) in zip(figure.subplots(1, len(panels)), panels.items(), strict=True):
        reading = READINGS[metric]
        for position, pair in enumerate(shown, start=1):
            values = reading.scale * pair.differences
            spread = jitter.uniform(-0.12, 0.12, len(values))
            axes.plot(position + spread, values, ".", alpha=0.4, color=SEED_COLOUR)
            if pair.estimate.n:
                mean, error = _error_bar(pair.estimate, reading.scale)
                axes.errorbar(position, mean, yerr=error, fmt="o", color="black", capsize=5)
        axes.axhline(0.0, color=ZERO_COLOUR, linewidth=0.8)
        labels = [group_label(pair.protocol, pair.variation) for pair in shown]
        axes.set_xticks(range(1, len(shown) + 1), labels, rotation=15, ha="right")
        axes.set_xlim(0.5, len(shown) + 0.5)
        axes.set_ylabel(
            words("minus {baseline}, {unit}").format(baseline=baseline, unit=words(reading.unit))
        )
        axes.set_title(words(reading.label))
    figure.suptitle(
        words(
            "{scenario}: each protocol minus {baseline} on the same seeds (dots: seeds; bars: "
            "mean and 95% CI; {runs} seeds)"
        ).format(scenario=result.plan.scenario, baseline=baseline, runs=result.plan.runs)
    )
    return _save(figure, stem, words)


def plot_aware_damage_over_time(
    result: SweepResult, stem: Path, words: Translator = ENGLISH
) -> list[Path]:
    """Damage among the aware hour by hour, from zero: median, 50% and 90% of runs as bands."""
    figure = Figure(figsize=(7.0, 4.0))
    axes = figure.subplots()
    for protocol, variation, runs in result.groups():
        matrix = hourly_matrix(runs, "aware_damage_hourly")
        if matrix.size == 0:
            continue
        hours = np.arange(matrix.shape[1])
        low90, low50, median, high50, high90 = np.percentile(matrix, [5, 25, 50, 75, 95], axis=0)
        (line,) = axes.plot(hours, median, label=group_label(protocol, variation))
        axes.fill_between(hours, low50, high50, color=line.get_color(), alpha=0.3, linewidth=0)
        axes.fill_between(hours, low90, high90, color=line.get_color(), alpha=0.12, linewidth=0)
    axes.set_ylim(bottom=0.0)
    axes.set_xlabel(words("hour of the run"))
    axes.set_ylabel(words("damage among the aware (RI points)"))
    title = words("Damage among the aware over time (median; bands: {inner} and {outer} of runs)")
    axes.set_title(title.format(inner=words.figure("50%"), outer=words.figure("90%")))
    if axes.lines:  # no line when every run failed
        axes.legend()
    return _save(figure, stem, words)


def _timing_panel(axes: Axes, table: TimingTable, metric: str, words: Translator) -> None:
    reading = READINGS[metric]
    changes = table.changes[table.changes["metric"] == metric]
    for _, seed in changes.groupby("seed_index"):
        axes.plot(
            seed["delay_h"], reading.scale * seed["change"], color=SEED_COLOUR, alpha=0.2, lw=0.8
        )
    rows = table.frame[table.frame["metric"] == metric]
    delays = rows["delay_h"].to_numpy()
    low, high = reading.scale * rows["change_ci_low"], reading.scale * rows["change_ci_high"]
    axes.fill_between(delays, low, high, color="black", alpha=0.15, linewidth=0)
    axes.plot(delays, reading.scale * rows["change_mean"], "o-", color="black")
    axes.axhline(0.0, color=ZERO_COLOUR, linewidth=0.8)
    axes.set_xlabel(words("delay of the first response (h)"))
    axes.set_ylabel(
        words("change from {delay} h, {unit}").format(
            delay=words.figure(f"{delays.min():g}"), unit=words(reading.unit)
        )
    )
    axes.set_title(words(reading.label))


def plot_timing(table: TimingTable, stem: Path, words: Translator = ENGLISH) -> list[Path]:
    """What waiting costs, paired by seed: for each headline metric, each seed's change from the
    shortest delay as a thin line, the mean change with its 95% interval, and zero as a line."""
    figure = Figure(figsize=(4.5 * len(HEADLINE), 4.0), layout="constrained")
    for axes, metric in zip(figure.subplots(1, len(HEADLINE)), HEADLINE, strict=True):
        _timing_panel(axes, table, metric, words)
    figure.suptitle(
        words(
            "{protocol}: what waiting costs, seed by seed (lines: seeds; black: mean and 95% "
            "CI; {runs} seeds)"
        ).format(protocol=table.protocol, runs=table.runs)
    )
    return _save(figure, stem, words)
