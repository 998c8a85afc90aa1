"""Sweep results as plain text for the terminal: aligned columns that read the same in a log file
or a pipe as on a screen (no box drawing, no colour)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from sim.lab.result import LABELS, SweepResult, group_label
from sim.lab.statistics import describe
from sim.lab.timing import TIMING_METRICS, TimingTable


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned first column, right-aligned others, two spaces between."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = []
    for cells in (headers, *rows):
        first = str(cells[0]).ljust(widths[0])
        rest = [str(cell).rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        lines.append("  ".join([first, *rest]).rstrip())
    return "\n".join(lines)


# Decimals per metric: RI effects are often a fraction of a point, reach is a head count.
DIGITS = {"reputation_index_final": 2, "reputation_index_min": 2, "negative_reach": 0}


def _mean_ci(mean: float, low: float, high: float, digits: int) -> str:
    if math.isnan(mean):
        return "-"
    if math.isnan(low):
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} ({low:.{digits}f} to {high:.{digits}f})"


def summary_text(result: SweepResult) -> str:
    """Runs per protocol and variation, then mean (95% CI) of the headline metrics."""
    headers = ["protocol", "runs", "failed", *LABELS.values()]
    rows = []
    for protocol, variation, runs in result.groups():
        failed = sum(
            1 for row in result.failures if row.protocol == protocol and row.variation == variation
        )
        cells = [group_label(protocol, variation), str(len(runs)), str(failed)]
        for metric in LABELS:
            estimate = describe(runs[metric].to_numpy())
            digits = DIGITS.get(metric, 1)
            cells.append(_mean_ci(estimate.mean, estimate.low, estimate.high, digits))
        rows.append(cells)
    return text_table(headers, rows) + "\n(mean and 95% confidence interval of the mean)"


def timing_text(table: TimingTable) -> str:
    """One line per delay: mean (95% CI) of each timing metric."""
    frame = table.frame
    headers = ["delay (h)", *(LABELS[metric] for metric in TIMING_METRICS)]
    rows = []
    for delay in sorted(frame["delay_h"].unique()):
        cells = [f"{delay:g}"]
        for metric in TIMING_METRICS:
            line = frame[(frame["delay_h"] == delay) & (frame["metric"] == metric)].iloc[0]
            digits = DIGITS.get(metric, 1)
            cells.append(_mean_ci(line["mean"], line["ci_low"], line["ci_high"], digits))
        rows.append(cells)
    return text_table(headers, rows) + "\n(mean and 95% confidence interval of the mean)"
