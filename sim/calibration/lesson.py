"""Check family 7, the "lesson" checks of docs/model.md section 9: what a drill must show.

Measured the way a user meets the model: the bundled scenarios at their own sizes and horizons,
played by the bundled protocols through the Session, `seeds` seeds each (the same seeds for
every protocol). The headline measure is section 10's: the share of the same seed's unanswered
damage that the answers avoided (`Outcome.damage_avoided`), beside the damage among the aware.

- coupling: for every contrast below, the same-seed difference has the sign of the mean
  difference on at least 95% of seeds, and its SD is at most a third of the SD across seeds;
- coupling, a small change: fast-transparent one tick (5 minutes) late against on time, whose
  effect is next to nothing, so that what is left of the same-seed difference is the luck a
  change reshuffles: its SD is at most a third of the SD across seeds (two independent runs
  give about 1.41). The contrasts above differ by this luck and by how much the change's own
  effect varies from one world to the next; this check measures the first alone;
- answer reach: a prompt public answer (fast-transparent) is seen by 25-70% of the aware;
- crisis type outweighs the response, and apology vs denial is 25-75% of the cluster gap: in
  the default scenario with one statement 1 h after the trigger (holding statement, apology or
  denial), on the damage among the aware;
- the SCCT mistake shows: in every accidental or preventable scenario fast-transparent beats
  deny-then-apologise by at least 1.5 SD of seed noise, so that two teams on different seeds
  are ranked right at least 85% of the time;
- timing shows: in every scenario, fast-transparent delayed by 0, 1, 2, 4, 8 and 24 h does no
  better as the delay grows, and the cost of 4 h is distinguishable from zero with 10 seeds;
- the crisis builds: the unanswered runs' negative volume peaks 3-24 h after the trigger;
- every outcome takes a value in at least half of the runs.

A reduced size (fewer seeds, the scenarios up to `small_users` users) runs in CI; the bands are
the same, since each check is a statement about means that the reduced runs must already show.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim.calibration.check import CalibrationConfig, CheckResult
from sim.calibration.lesson_runs import (
    DEFAULT_SCENARIO,
    DENY,
    FAST,
    SILENT,
    STATEMENT_AT_H,
    STATEMENTS,
    TIMING_DELAYS_H,
    LessonConfig,
    LessonRuns,
    ScenarioRuns,
    play_lesson,
)
from sim.calibration.pool import as_seed_sequence, run_seeds
from sim.interval import mean_interval
from sim.outcome import Outcome
from sim.spec.schema import Cluster, Strategy

SIGN_AGREEMENT = 0.95
PAIRED_SD_SHARE = 1.0 / 3.0
RANKED_RIGHT = 0.85
SEED_SD_MARGIN = 1.5
REACH_BAND = (0.25, 0.70)
GAP_SHARE_BAND = (0.25, 0.75)
PEAK_BAND_H = (3.0, 24.0)
DEFINED_SHARE = 0.5


def lesson_checks(
    config: CalibrationConfig, seed: np.random.SeedSequence | int
) -> list[CheckResult]:
    """The lesson checks of one calibration: play the study, then judge it."""
    lesson = LessonConfig(config.lesson_seeds, config.workers, config.lesson_small_users)
    seeds = run_seeds(as_seed_sequence(seed), lesson.seeds)
    return checks_of(play_lesson(lesson, seeds, config.overrides))


def checks_of(runs: LessonRuns) -> list[CheckResult]:
    by_scenario, statements = runs.by_scenario, runs.statements
    sample = f"{runs.seeds} seeds per protocol in each of {len(by_scenario)} bundled scenarios;"
    contrasts = coupling_contrasts(runs)
    return [
        _coupling_check(contrasts),
        _small_change_check(small_change_contrasts(runs)),
        _reach_check(by_scenario, sample),
        _builds_check(by_scenario, sample),
        *_statement_checks(statements),
        _mistake_check(by_scenario),
        _timing_check(by_scenario, runs.timed),
        _defined_check(runs),
    ]


def coupling_contrasts(runs: LessonRuns) -> list[Contrast]:
    """The contrasts whose same-seed differences the coupling check judges, on the damage among
    the aware (each arm's own outcome: damage avoided is already paired with silence)."""
    contrasts = []
    for name, played in runs.by_scenario.items():
        contrasts.append(
            Contrast(
                f"{name}: {DENY} - {FAST}",
                np.array([run.by_protocol[DENY].aware_damage for run in played]),
                np.array([run.by_protocol[FAST].aware_damage for run in played]),
            )
        )
        timed = [run for run in played if run.by_delay]
        contrasts.append(
            Contrast(
                f"{name}: {FAST} at 4 h - at 0 h",
                np.array([run.by_delay[4.0].aware_damage for run in timed]),
                np.array([run.by_delay[0.0].aware_damage for run in timed]),
            )
        )
    gap, mistake = statement_contrasts(runs.statements)
    return [*contrasts, gap, mistake]


def small_change_contrasts(runs: LessonRuns) -> list[Contrast]:
    """Fast-transparent one tick late against on time, per scenario, on the damage among the
    aware: a change that moves every later event of the run by one tick and whose own effect
    is next to nothing."""
    contrasts = []
    for name, played in runs.by_scenario.items():
        pairs = [
            (run.nudged.aware_damage, run.by_protocol[FAST].aware_damage)
            for run in played
            if run.nudged is not None
        ]
        if len(pairs) < 2:
            continue
        late, on_time = np.array(pairs).T
        contrasts.append(Contrast(f"{name}: {FAST} one tick late - on time", late, on_time))
    return contrasts


def statement_contrasts(
    statements: dict[Cluster, list[dict[Strategy, Outcome]]],
) -> tuple[Contrast, Contrast]:
    """The cluster gap (holding statement, preventable - victim) and, in the preventable
    cluster, denial - apology, on the damage among the aware."""
    holding, apology, denial = STATEMENTS

    def damage(cluster: Cluster, strategy: Strategy) -> np.ndarray:
        return np.array([runs[strategy].aware_damage for runs in statements[cluster]])

    victim, preventable = Cluster.VICTIM, Cluster.PREVENTABLE
    return (
        Contrast(
            "preventable - victim, holding statement",
            damage(preventable, holding),
            damage(victim, holding),
        ),
        Contrast(
            "preventable: denial - apology",
            damage(preventable, denial),
            damage(preventable, apology),
        ),
    )


def headline(outcome: Outcome) -> float:
    """Section 10's headline for comparing answers: the share of damage avoided."""
    return math.nan if outcome.damage_avoided is None else outcome.damage_avoided


@dataclass(frozen=True)
class Contrast:
    """Two arms measured on the same seeds: a, b, and what they are."""

    name: str
    a: np.ndarray
    b: np.ndarray

    @property
    def difference(self) -> np.ndarray:
        return self.a - self.b

    @property
    def seed_sd(self) -> float:
        """The spread of one arm across seeds (the two arms' SDs averaged)."""
        return float((np.std(self.a, ddof=1) + np.std(self.b, ddof=1)) / 2)

    @property
    def sign_agreement(self) -> float:
        d = self.difference
        return float(np.mean(np.sign(d) == np.sign(d.mean())))

    @property
    def paired_sd_share(self) -> float:
        sd = self.seed_sd
        return float(np.std(self.difference, ddof=1) / sd) if sd > 0 else math.inf

    @property
    def correlation(self) -> float:
        """Pearson's r of the two arms across seeds: 1 when the pairing holds them together."""
        if np.std(self.a) == 0 or np.std(self.b) == 0:
            return math.nan
        return float(np.corrcoef(self.a, self.b)[0, 1])

    @property
    def ranked_right(self) -> float:
        """Chance that arm a on one seed beats arm b on another (all pairs of distinct seeds)."""
        wins = self.a[:, None] > self.b[None, :]
        np.fill_diagonal(wins, False)
        n = len(self.a)
        return float(wins.sum() / (n * (n - 1)))

    @property
    def effect_in_seed_sd(self) -> float:
        sd = self.seed_sd
        return float(self.difference.mean() / sd) if sd > 0 else math.inf


def _reach_check(by_scenario: dict[str, list[ScenarioRuns]], sample: str) -> CheckResult:
    reach = {
        name: float(np.mean([run.by_protocol[FAST].response_coverage for run in runs]))
        for name, runs in by_scenario.items()
    }
    low, high = REACH_BAND
    return _spread_result(
        "lesson: answer reach (fast-transparent)",
        f"in [{low:.2f}, {high:.2f}]",
        reach,
        lambda value: low <= value <= high,
        f"{sample} share of aware users who saw any answer, mean over seeds, per scenario:",
    )


def _builds_check(by_scenario: dict[str, list[ScenarioRuns]], sample: str) -> CheckResult:
    peaks = {
        name: float(np.median([_value(run.by_protocol[SILENT].peak_negative_h) for run in runs]))
        for name, runs in by_scenario.items()
    }
    low, high = PEAK_BAND_H
    return _spread_result(
        "lesson: the crisis builds (peak hour)",
        f"in [{low:g}, {high:g}] h",
        peaks,
        lambda value: low <= value <= high,
        f"{sample} hours from the trigger to the peak of negative volume in the unanswered run, "
        "median over seeds, per scenario:",
    )


def _statement_checks(
    statements: dict[Cluster, list[dict[Strategy, Outcome]]],
) -> list[CheckResult]:
    def damage(cluster: Cluster, strategy: Strategy) -> np.ndarray:
        return np.array([runs[strategy].aware_damage for runs in statements[cluster]])

    victim = Cluster.VICTIM
    gap, mistake = statement_contrasts(statements)
    spreads = {
        cluster.value: float(
            max(damage(cluster, s).mean() for s in STATEMENTS)
            - min(damage(cluster, s).mean() for s in STATEMENTS)
        )
        for cluster in statements
    }
    cluster_gap = float(gap.difference.mean())
    widest = max(spreads.values())
    seeds = len(statements[victim])
    design = (
        f"{DEFAULT_SCENARIO}, {seeds} seeds, one pre-approved statement {STATEMENT_AT_H:g} h "
        "after the trigger; damage among the aware (RI points);"
    )
    share = float(mistake.difference.mean()) / cluster_gap if cluster_gap > 0 else math.nan
    low, high = GAP_SHARE_BAND
    return [
        CheckResult(
            "lesson: crisis type outweighs the response",
            "cluster gap > any response's",
            round(cluster_gap / widest, 3) if widest > 0 else math.inf,
            cluster_gap > widest,
            f"{design} damage(preventable) - damage(victim) with a holding statement "
            f"{cluster_gap:.3f}; widest spread between statements: "
            + ", ".join(f"{name} {value:.3f}" for name, value in spreads.items())
            + "; measured = gap / widest spread.",
        ),
        CheckResult(
            "lesson: apology vs denial / cluster gap",
            f"in [{low:.2f}, {high:.2f}]",
            round(share, 3),
            low <= share <= high,
            f"{design} preventable: damage(denial) - damage(apology) "
            f"{mistake.difference.mean():.3f}, over the cluster gap {cluster_gap:.3f} (Ma & Zhan "
            "2016: the response's r = .23 against responsibility's r = -.54, a ratio of 0.43).",
        ),
    ]


def mistake_contrasts(by_scenario: dict[str, list[ScenarioRuns]]) -> dict[str, Contrast]:
    """Per accidental or preventable scenario: damage avoided, fast-transparent and
    deny-then-apologise."""
    return {
        name: Contrast(
            f"{name}: {FAST} - {DENY}",
            np.array([headline(run.by_protocol[FAST]) for run in runs]),
            np.array([headline(run.by_protocol[DENY]) for run in runs]),
        )
        for name, runs in by_scenario.items()
        if runs[0].cluster is not Cluster.VICTIM
    }


def _mistake_check(by_scenario: dict[str, list[ScenarioRuns]]) -> CheckResult:
    per_scenario = mistake_contrasts(by_scenario)
    if not per_scenario:
        return CheckResult(
            "lesson: the SCCT mistake shows",
            "no scenario",
            "none",
            False,
            "no accidental or preventable scenario in this run.",
        )
    worst = min(per_scenario.values(), key=lambda c: c.effect_in_seed_sd)
    passed = all(
        c.effect_in_seed_sd >= SEED_SD_MARGIN and c.ranked_right >= RANKED_RIGHT
        for c in per_scenario.values()
    )
    detail = "; ".join(
        f"{name} {c.difference.mean():+.3f} ({c.effect_in_seed_sd:.2f} SD, ranked right "
        f"{c.ranked_right:.2f})"
        for name, c in per_scenario.items()
    )
    return CheckResult(
        "lesson: the SCCT mistake shows",
        f">= {SEED_SD_MARGIN:g} SD, ranked right >= {RANKED_RIGHT:.2f}",
        round(worst.effect_in_seed_sd, 3),
        passed,
        f"accidental and preventable scenarios: damage avoided, {FAST} minus {DENY}, in SDs of "
        f"seed noise and the share of cross-seed pairs ranked right: {detail}; measured = the "
        "smallest effect.",
    )


def timing_curve(runs: list[ScenarioRuns]) -> np.ndarray:
    """Damage avoided by fast-transparent at each delay (columns), per timed seed (rows)."""
    timed = [run for run in runs if run.by_delay]
    return np.array([[headline(run.by_delay[d]) for d in TIMING_DELAYS_H] for run in timed])


def _timing_check(by_scenario: dict[str, list[ScenarioRuns]], seeds: int) -> CheckResult:
    failures, costs = [], {}
    for name, runs in by_scenario.items():
        curve = timing_curve(runs)
        steps = curve[:, :-1] - curve[:, 1:]  # what each further delay costs, per seed
        half_widths = 1.96 * steps.std(axis=0, ddof=1) / math.sqrt(len(curve))
        if np.any(steps.mean(axis=0) < -half_widths):
            failures.append(f"{name} rises somewhere along the curve")
        four = TIMING_DELAYS_H.index(4.0)
        cost = Contrast(f"{name}: {FAST} at 0 h - at 4 h", curve[:, 0], curve[:, four])
        low = seed_interval(cost.difference)[0]
        costs[name] = (float(cost.difference.mean()), low)
        if not low > 0:
            failures.append(f"{name}: the 4 h cost's interval reaches zero")
    worst = min(costs, key=lambda name: costs[name][1])
    return CheckResult(
        "lesson: timing shows",
        "falls with delay; 4 h cost > 0",
        round(costs[worst][1], 4),
        not failures,
        f"{FAST} delayed by {', '.join(f'{d:g}' for d in TIMING_DELAYS_H)} h, {seeds} seeds per "
        "scenario, damage avoided; cost of 4 h (mean, lower 95% bound): "
        + ", ".join(f"{name} {mean:.3f} ({low:.3f})" for name, (mean, low) in costs.items())
        + (f"; failures: {', '.join(failures)}" if failures else "")
        + "; measured = the smallest lower bound.",
    )


def _coupling_check(contrasts: list[Contrast]) -> CheckResult:
    worst_sign = min(contrasts, key=lambda c: c.sign_agreement)
    worst_sd = max(contrasts, key=lambda c: c.paired_sd_share)
    passed = all(
        c.sign_agreement >= SIGN_AGREEMENT and c.paired_sd_share <= PAIRED_SD_SHARE
        for c in contrasts
    )
    return CheckResult(
        "lesson: coupling (same-seed sign)",
        f">= {SIGN_AGREEMENT:.2f}; paired SD <= 1/3",
        round(worst_sign.sign_agreement, 3),
        passed,
        f"{len(contrasts)} contrasts (the ones below); lowest share of seeds whose same-seed "
        f"difference has the mean's sign: {worst_sign.sign_agreement:.2f} ({worst_sign.name}); "
        f"largest paired SD over the SD across seeds: {worst_sd.paired_sd_share:.3f} "
        f"({worst_sd.name}); " + _over_a_third(contrasts),
    )


def _small_change_check(contrasts: list[Contrast]) -> CheckResult:
    name = "lesson: coupling (a small change, a small difference)"
    if not contrasts:
        return CheckResult(
            name,
            "paired SD <= 1/3",
            math.nan,
            False,
            "no scenario was played one tick late (the timing curve needs two seeds or more).",
        )
    worst = max(contrasts, key=lambda c: c.paired_sd_share)
    return CheckResult(
        name,
        "paired SD <= 1/3",
        round(worst.paired_sd_share, 3),
        all(c.paired_sd_share <= PAIRED_SD_SHARE for c in contrasts),
        f"{FAST} one tick late against on time, on the timing curve's seeds; the same-seed "
        "difference's SD over the SD across seeds (independent runs give about 1.41): "
        + ", ".join(
            f"{c.name.split(':')[0]} {c.paired_sd_share:.3f} (mean {c.difference.mean():+.4f})"
            for c in contrasts
        )
        + "; measured = the largest.",
    )


def _over_a_third(contrasts: list[Contrast]) -> str:
    """The contrasts whose paired SD is over a third of the SD across seeds, each with its
    ratio, and the arms' correlation across seeds (how far the pairing holds them together)."""
    over = [c for c in contrasts if c.paired_sd_share > PAIRED_SD_SHARE]
    if not over:
        return "every paired SD is within a third."
    return (
        f"{len(over)} of {len(contrasts)} over a third: "
        + ", ".join(
            f"{c.name} {c.paired_sd_share:.2f} (arms' correlation {c.correlation:.2f})"
            for c in over
        )
        + "."
    )


def _defined_check(runs: LessonRuns) -> CheckResult:
    outcomes = runs.outcomes()
    optional = [
        name
        for name, field in Outcome.model_fields.items()
        if type(None) in typing.get_args(field.annotation)
    ]
    shares = {
        name: float(np.mean([getattr(o, name) is not None for o in outcomes])) for name in optional
    }
    worst = min(shares, key=lambda name: shares[name])
    return CheckResult(
        "lesson: every outcome takes a value",
        f">= {DEFINED_SHARE:.2f} of runs",
        round(shares[worst], 3),
        shares[worst] >= DEFINED_SHARE,
        f"{len(outcomes)} runs of the checks above; share of runs where each metric that can be "
        "undefined has a value: "
        + ", ".join(f"{name} {share:.2f}" for name, share in shares.items())
        + f"; measured = the lowest ({worst}).",
    )


def _spread_result(
    name: str,
    target: str,
    values: dict[str, float],
    inside: Callable[[float], bool],
    detail: str,
) -> CheckResult:
    passed = all(inside(value) for value in values.values())
    low, high = min(values.values()), max(values.values())
    return CheckResult(
        name,
        target,
        f"{low:.3g}-{high:.3g}",
        passed,
        f"{detail} " + ", ".join(f"{key} {value:.3g}" for key, value in values.items()) + ".",
    )


def _value(hours: float | None) -> float:
    return math.nan if hours is None else hours


def seed_interval(values: np.ndarray) -> tuple[float, float]:
    """The 95% interval of the mean across seeds: BCa, the lab's method (sim.interval)."""
    return mean_interval(values, seed=0)
