"""The signal-to-noise table of the bundled scenarios (docs/model.md section 9): does a drill
tell a good answer from a bad one on one run?

Per scenario and protocol: damage avoided (the headline, section 10) with its mean, 95%
interval and SD across seeds, the SD of its same-seed difference from fast-transparent (the
noise left once the seed is shared: coupled randomness keeps it small), and the damage among the
aware. Then section 9's two contrasts: fast-transparent against deny-then-apologise (in SDs of
seed noise, and how often two teams on different seeds are ranked right), and what a 4 h delay
of fast-transparent costs.
"""

from __future__ import annotations

import math

import numpy as np

from sim.calibration.lesson import headline, mistake_contrasts, seed_interval, timing_curve
from sim.calibration.lesson_runs import FAST, PROTOCOLS, TIMING_DELAYS_H, LessonRuns


def signal_to_noise(runs: LessonRuns) -> str:
    """The table as Markdown, one section per scenario."""
    lines = [
        "# Signal and noise of the bundled scenarios",
        "",
        f"{runs.seeds} seeds per protocol (the same seeds for every protocol), each scenario at "
        f"its own size and horizon; the timing curve on the first {runs.timed} seeds. Damage "
        "avoided is the share of the same seed's unanswered damage that the answers avoided; "
        "damage among the aware is in RI points at the horizon.",
    ]
    mistakes = mistake_contrasts(runs.by_scenario)
    four = TIMING_DELAYS_H.index(4.0)
    for name, played in runs.by_scenario.items():
        lines += ["", f"## {name} ({played[0].cluster.value})", ""]
        lines += [
            "| protocol | damage avoided | 95% CI | SD across seeds | paired SD vs "
            f"{FAST} | damage among the aware |",
            "|---|---|---|---|---|---|",
        ]
        fast = np.array([headline(run.by_protocol[FAST]) for run in played])
        for protocol in PROTOCOLS:
            avoided = np.array([headline(run.by_protocol[protocol]) for run in played])
            damage = np.array([run.by_protocol[protocol].aware_damage for run in played])
            low, high = seed_interval(avoided)
            paired = "-" if protocol == FAST else _number(np.std(avoided - fast, ddof=1))
            lines.append(
                f"| {protocol} | {avoided.mean():.3f} | {_number(low)} to {_number(high)} | "
                f"{_number(np.std(avoided, ddof=1))} | {paired} | {damage.mean():.3f} |"
            )
        lines.append("")
        if name in mistakes:
            contrast = mistakes[name]
            low, high = seed_interval(contrast.difference)
            lines.append(
                f"- {contrast.name}: {contrast.difference.mean():+.3f} (95% CI {_number(low)} to "
                f"{_number(high)}), {contrast.effect_in_seed_sd:.2f} SD of seed noise; two teams "
                f"on different seeds ranked right {contrast.ranked_right:.0%} of the time."
            )
        curve = timing_curve(played)
        if len(curve):
            cost = curve[:, 0] - curve[:, four]
            low, high = seed_interval(cost)
            means = ", ".join(
                f"{delay:g} h {value:.3f}"
                for delay, value in zip(TIMING_DELAYS_H, curve.mean(axis=0), strict=True)
            )
            lines.append(
                f"- {FAST} delayed by 4 h avoids {cost.mean():.3f} less (95% CI {_number(low)} "
                f"to {_number(high)}, {len(curve)} seeds); damage avoided by delay: {means}."
            )
    return "\n".join(lines) + "\n"


def _number(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.3f}"
