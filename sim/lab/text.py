"""Sweep results as plain text for the terminal: aligned columns that read the same in a log file
or a pipe as on a screen (no box drawing, no colour). Each table comes in two parts that fit a
terminal: the headline measure (docs/model.md section 10), then the rest of the outcome."""

from __future__ import annotations

import math
from collections.abc import Sequence

from sim.i18n import ENGLISH, N_, Translator
from sim.interval import CONFIDENCE, too_few, too_few_note
from sim.lab.reading import AWARE_DAMAGE, DAMAGE_AVOIDED, READINGS, Reading
from sim.lab.result import SweepResult, group_label
from sim.lab.statistics import describe
from sim.lab.timing import TIMING_METRICS, TimingTable

SUMMARY_PARTS = (
    (DAMAGE_AVOIDED, AWARE_DAMAGE, "stakeholder_damage"),
    (
        "reputation_index_final",
        "reputation_index_min",
        "negative_reach",
        "time_to_first_response_h",
    ),
)
"""The summary's columns: the headline first, then whole-population RI, reach and timing."""
TIMING_PARTS = (
    (DAMAGE_AVOIDED, AWARE_DAMAGE),
    tuple(metric for metric in TIMING_METRICS if metric not in (DAMAGE_AVOIDED, AWARE_DAMAGE)),
)
MEAN_CI = N_("(mean and {level} confidence interval of the mean)")
"""Said under every table; the level is a figure (`{level}`, "95%"), not words."""


def _mean_ci_note(words: Translator) -> str:
    return words(MEAN_CI).format(level=words.figure(f"{CONFIDENCE:.0%}"))


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned first column, right-aligned others, two spaces between."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = []
    for cells in (headers, *rows):
        first = str(cells[0]).ljust(widths[0])
        rest = [str(cell).rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        lines.append("  ".join([first, *rest]).rstrip())
    return "\n".join(lines)


def _mean_ci(reading: Reading, mean: float, low: float, high: float, words: Translator) -> str:
    if math.isnan(mean):
        return "-"
    if math.isnan(low):
        return reading.number(mean, words)
    return words("{mean} ({low} to {high})").format(
        mean=reading.number(mean, words),
        low=reading.number(low, words),
        high=reading.number(high, words),
    )


def summary_text(result: SweepResult, words: Translator = ENGLISH) -> str:
    """Runs per protocol and variation, then mean (95% CI) of the headline metrics, then of the
    rest, in the language of `words`."""
    tables = []
    for part, metrics in enumerate(SUMMARY_PARTS):
        headers = [words("protocol")]
        if part == 0:
            headers += [words("runs"), words("failed")]
        headers += [words(READINGS[metric].label) for metric in metrics]
        rows = []
        for protocol, variation, runs in result.groups():
            cells = [group_label(protocol, variation)]
            if part == 0:
                failed = sum(
                    1
                    for row in result.failures
                    if row.protocol == protocol and row.variation == variation
                )
                cells += [str(len(runs)), str(failed)]
            for metric in metrics:
                estimate = describe(runs[metric].to_numpy(), result.plan.root_seed)
                cells.append(
                    _mean_ci(READINGS[metric], estimate.mean, estimate.low, estimate.high, words)
                )
            rows.append(cells)
        tables.append(text_table(headers, rows))
    smallest = min((len(runs) for _, _, runs in result.groups()), default=0)
    note = ""
    if too_few(smallest):
        note = "\n" + words("Note: {note} per protocol.").format(
            note=too_few_note(smallest, words=words)
        )
    return "\n\n".join(tables) + f"\n{_mean_ci_note(words)}{note}"


def timing_text(table: TimingTable, words: Translator = ENGLISH) -> str:
    """One line per delay: the headline's mean (95% CI) and its change from the shortest delay
    paired by seed; then the rest; then each metric's cost per hour of waiting."""
    frame = table.frame
    first = frame["delay_h"].min()
    tables = []
    for part, metrics in enumerate(TIMING_PARTS):
        headers = [words("delay (h)")]
        for metric in metrics:
            headers.append(words(READINGS[metric].label))
            if part == 0:
                headers.append(
                    words("change from {delay} h").format(delay=words.figure(f"{first:g}"))
                )
        rows = []
        for delay in sorted(frame["delay_h"].unique()):
            cells = [words.figure(f"{delay:g}")]
            for metric in metrics:
                line = frame[(frame["delay_h"] == delay) & (frame["metric"] == metric)].iloc[0]
                reading = READINGS[metric]
                cells.append(
                    _mean_ci(reading, line["mean"], line["ci_low"], line["ci_high"], words)
                )
                if part == 0:
                    cells.append(
                        _mean_ci(
                            reading,
                            line["change_mean"],
                            line["change_ci_low"],
                            line["change_ci_high"],
                            words,
                        )
                    )
            rows.append(cells)
        tables.append(text_table(headers, rows))
    paired = words("{mean_ci}; changes paired by seed").format(mean_ci=_mean_ci_note(words))
    return "\n\n".join(tables) + f"\n{paired}\n\n" + per_hour_text(table, words)


def per_hour_text(table: TimingTable, words: Translator = ENGLISH) -> str:
    """Each metric's least-squares slope against the delay, paired by seed: what an hour of
    waiting does to it, with the digits it needs never to read 0 when the curve is not flat."""
    rows = []
    for metric in TIMING_METRICS:
        slope = table.per_hour[metric]
        reading = READINGS[metric]
        label = words(reading.label)
        if slope.n == 0:
            rows.append([label, "-", "-"])
            continue
        interval = words("{low} to {high}").format(
            low=reading.effect(slope.low, words), high=reading.effect(slope.high, words)
        )
        rows.append([label, f"{reading.effect(slope.mean, words)} {words(reading.unit)}", interval])
    headers = [words("per hour of delay"), words("slope"), words("95% CI")]
    return text_table(headers, rows)
