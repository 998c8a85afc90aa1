"""The sweep's figures, PNG for slides and SVG for reports.

Figures are built with `matplotlib.figure.Figure`, not pyplot: no global backend or figure
registry, so plotting works headless, in threads and in workers, and never opens a window.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.figure import Figure

from sim.lab.result import LABELS, group_label, hourly_matrix

if TYPE_CHECKING:
    from sim.lab.result import SweepResult
    from sim.lab.timing import TimingTable

FORMATS = ("png", "svg")


def _save(figure: Figure, stem: Path) -> list[Path]:
    paths = [stem.with_suffix(f".{kind}") for kind in FORMATS]
    for path in paths:
        figure.savefig(path, dpi=150, bbox_inches="tight")
    return paths


def plot_final_ri(result: SweepResult, stem: Path) -> list[Path]:
    """Final reputation index per protocol (and variation): box plot with every run as a dot."""
    groups = [
        (group_label(protocol, variation), runs["reputation_index_final"].to_numpy())
        for protocol, variation, runs in result.groups()
    ]
    figure = Figure(figsize=(max(5.0, 1.6 * len(groups)), 4.0))
    axes = figure.subplots()
    axes.boxplot([values for _, values in groups], showfliers=False)
    jitter = np.random.default_rng(0)
    for position, (_, values) in enumerate(groups, start=1):
        spread = jitter.uniform(-0.12, 0.12, len(values))
        axes.plot(position + spread, values, ".", alpha=0.4, color="tab:blue")
    labels = [label for label, _ in groups]
    axes.set_xticks(range(1, len(groups) + 1), labels, rotation=15, ha="right")
    axes.set_ylabel("final reputation index")
    axes.set_title(f"{result.plan.scenario}: final reputation index, {result.plan.runs} seeds")
    return _save(figure, stem)


def plot_ri_over_time(result: SweepResult, stem: Path) -> list[Path]:
    """Reputation index hour by hour: median, 50% and 90% of runs as bands."""
    figure = Figure(figsize=(7.0, 4.0))
    axes = figure.subplots()
    for protocol, variation, runs in result.groups():
        matrix = hourly_matrix(runs)
        if matrix.size == 0:
            continue
        hours = np.arange(matrix.shape[1])
        low90, low50, median, high50, high90 = np.percentile(matrix, [5, 25, 50, 75, 95], axis=0)
        (line,) = axes.plot(hours, median, label=group_label(protocol, variation))
        axes.fill_between(hours, low50, high50, color=line.get_color(), alpha=0.3, linewidth=0)
        axes.fill_between(hours, low90, high90, color=line.get_color(), alpha=0.12, linewidth=0)
    axes.set_xlabel("hour of the run")
    axes.set_ylabel("reputation index")
    axes.set_title("Reputation index over time (median; bands: 50% and 90% of runs)")
    axes.legend()
    return _save(figure, stem)


def plot_timing(table: TimingTable, metrics: Sequence[str], stem: Path) -> list[Path]:
    """Each outcome against the delay of the first response, mean with its 95% interval."""
    figure = Figure(figsize=(4.0 * len(metrics), 4.0), layout="constrained")
    panels = figure.subplots(1, len(metrics), squeeze=False)[0]
    for axes, metric in zip(panels, metrics, strict=True):
        rows = table.frame[table.frame["metric"] == metric]
        delays = rows["delay_h"].to_numpy()
        axes.fill_between(delays, rows["ci_low"], rows["ci_high"], alpha=0.25, linewidth=0)
        axes.plot(delays, rows["mean"], "o-")
        axes.set_xlabel("delay of the first response (h)")
        axes.set_title(LABELS.get(metric, metric))
    figure.suptitle(f"{table.protocol}: what waiting costs (mean, 95% CI, {table.runs} seeds)")
    return _save(figure, stem)
