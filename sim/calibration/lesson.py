"""Check family 7, the "lesson" checks of docs/model.md section 9: what a drill must show.

Measured the way a user meets the model: the bundled scenarios at their own sizes and horizons,
played by the bundled protocols through the Session, `seeds` seeds each (the same seeds for
every protocol). The headline measure is section 10's: the share of the same seed's unanswered
damage that the answers avoided (`Outcome.damage_avoided`), beside the damage among the aware.

- coupling: for every contrast below, the same-seed difference has the sign of the mean
  difference on at least 95% of seeds, and its SD is at most a third of the SD across seeds;
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
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import stdtrit

from sim.calibration.check import CalibrationConfig, CheckResult
from sim.calibration.pool import as_seed_sequence, parallel_map, run_seeds
from sim.lab.timing import delayed
from sim.outcome import Outcome
from sim.protocol import Protocol, load_protocol
from sim.protocol.schema import Rule, When
from sim.session import Session
from sim.spec.loader import bundled_names, load_scenario
from sim.spec.schema import Cluster, ScenarioSpec, Strategy

FAST, DENY, SILENT = "fast-transparent", "deny-then-apologise", "silent"
PROTOCOLS = (SILENT, FAST, "holding-then-apology", "slow-transparent", DENY)
TIMING_DELAYS_H = (0.0, 1.0, 2.0, 4.0, 8.0, 24.0)
TIMING_SEEDS = 10
DEFAULT_SCENARIO = "data-breach"
STATEMENT_AT_H = 1.0  # one statement this long after the trigger
STATEMENTS = (Strategy.HOLDING_STATEMENT, Strategy.APOLOGY, Strategy.DENIAL)
CLUSTER_RESPONSIBILITY = {Cluster.VICTIM: 0.3, Cluster.PREVENTABLE: 0.8}
TEST_ONLY = frozenset({"tiny"})

SIGN_AGREEMENT = 0.95
PAIRED_SD_SHARE = 1.0 / 3.0
RANKED_RIGHT = 0.85
SEED_SD_MARGIN = 1.5
REACH_BAND = (0.25, 0.70)
GAP_SHARE_BAND = (0.25, 0.75)
PEAK_BAND_H = (3.0, 24.0)
DEFINED_SHARE = 0.5


@dataclass(frozen=True)
class LessonConfig:
    seeds: int
    workers: int = 1
    small_users: int | None = None  # only the scenarios up to this size (the reduced check)

    def scenarios(self) -> list[str]:
        names = [name for name in bundled_names() if name not in TEST_ONLY]
        if self.small_users is None:
            return names
        return [name for name in names if load_scenario(name).graph.users <= self.small_users]


@dataclass(frozen=True)
class ScenarioJob:
    scenario: str
    seed: int
    timing: bool  # also run fast-transparent at every delay of the timing curve
    overrides: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScenarioRuns:
    """One seed of one scenario: an outcome per protocol, and per delay of the timing curve."""

    scenario: str
    cluster: Cluster
    by_protocol: dict[str, Outcome]
    by_delay: dict[float, Outcome]


@dataclass(frozen=True)
class StatementJob:
    cluster: Cluster
    seed: int
    overrides: tuple[str, ...] = ()


def play_scenario(job: ScenarioJob) -> ScenarioRuns:
    spec = load_scenario(job.scenario, job.overrides)
    by_protocol = {name: _play(spec, job.seed, name) for name in PROTOCOLS}
    by_delay: dict[float, Outcome] = {}
    if job.timing:
        fast = load_protocol(FAST)
        for delay in TIMING_DELAYS_H:
            by_delay[delay] = (
                by_protocol[FAST] if delay == 0 else _play(spec, job.seed, delayed(fast, delay))
            )
    return ScenarioRuns(job.scenario, spec.crisis.cluster, by_protocol, by_delay)


def _play(spec: ScenarioSpec, seed: int, protocol: str | Protocol) -> Outcome:
    plan = load_protocol(protocol) if isinstance(protocol, str) else protocol
    session = Session(spec, seed, protocol=plan)
    try:
        return session.finish()
    finally:
        session.close()


def one_statement(strategy: Strategy) -> Protocol:
    """A single pre-approved statement on the brand's account 1 h after the trigger."""
    rule = Rule(
        when=When.TRIGGER,
        after_h=STATEMENT_AT_H,
        strategy=strategy,
        transparency=0.6,
        pre_approved=True,
    )
    return Protocol(
        name=f"one {strategy.value} at {STATEMENT_AT_H:g} h",
        description="One statement after the trigger, nothing else.",
        rules=(rule,),
    )


def play_statements(job: StatementJob) -> dict[Strategy, Outcome]:
    """The default scenario in one cluster with one statement 1 h after the trigger, of each
    kind, on one seed."""
    overrides = (
        *job.overrides,
        f"crisis.cluster={job.cluster.value}",
        f"crisis.true_responsibility={CLUSTER_RESPONSIBILITY[job.cluster]}",
    )
    spec = load_scenario(DEFAULT_SCENARIO, overrides)
    return {strategy: _play(spec, job.seed, one_statement(strategy)) for strategy in STATEMENTS}


# --------------------------------------------------------------------------- the checks


def lesson_checks(
    config: CalibrationConfig, seed: np.random.SeedSequence | int
) -> list[CheckResult]:
    lesson = LessonConfig(config.lesson_seeds, config.workers, config.lesson_small_users)
    seeds = run_seeds(as_seed_sequence(seed), lesson.seeds)
    timed = min(TIMING_SEEDS, len(seeds))
    scenario_jobs = [
        ScenarioJob(name, value, index < timed, config.overrides)
        for name in lesson.scenarios()
        for index, value in enumerate(seeds)
    ]
    statement_jobs = [
        StatementJob(cluster, value, config.overrides)
        for cluster in CLUSTER_RESPONSIBILITY
        for value in seeds
    ]
    runs = parallel_map(play_scenario, scenario_jobs, config.workers)
    played = parallel_map(play_statements, statement_jobs, config.workers)
    by_scenario: dict[str, list[ScenarioRuns]] = {}
    for run in runs:
        by_scenario.setdefault(run.scenario, []).append(run)
    statements = {
        cluster: [
            outcomes
            for job, outcomes in zip(statement_jobs, played, strict=True)
            if job.cluster is cluster
        ]
        for cluster in CLUSTER_RESPONSIBILITY
    }
    sample = f"{len(seeds)} seeds per protocol in each of {len(by_scenario)} bundled scenarios;"
    contrasts: list[Contrast] = []
    checks = [
        _reach_check(by_scenario, sample),
        _builds_check(by_scenario, sample),
        *_statement_checks(statements, contrasts),
        _mistake_check(by_scenario, contrasts),
        _timing_check(by_scenario, contrasts, timed),
    ]
    checks.insert(0, _coupling_check(contrasts))
    checks.append(_defined_check(runs, statements))
    return checks


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
    statements: dict[Cluster, list[dict[Strategy, Outcome]]], contrasts: list[Contrast]
) -> list[CheckResult]:
    def damage(cluster: Cluster, strategy: Strategy) -> np.ndarray:
        return np.array([runs[strategy].aware_damage for runs in statements[cluster]])

    victim, preventable = Cluster.VICTIM, Cluster.PREVENTABLE
    holding, apology, denial = STATEMENTS
    gap = Contrast(
        "preventable - victim, holding statement",
        damage(preventable, holding),
        damage(victim, holding),
    )
    mistake = Contrast(
        "preventable: denial - apology", damage(preventable, denial), damage(preventable, apology)
    )
    contrasts += [gap, mistake]
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


def _mistake_check(
    by_scenario: dict[str, list[ScenarioRuns]], contrasts: list[Contrast]
) -> CheckResult:
    per_scenario = {}
    for name, runs in by_scenario.items():
        if runs[0].cluster is Cluster.VICTIM:
            continue
        contrast = Contrast(
            f"{name}: {FAST} - {DENY}",
            np.array([headline(run.by_protocol[FAST]) for run in runs]),
            np.array([headline(run.by_protocol[DENY]) for run in runs]),
        )
        contrasts.append(contrast)
        per_scenario[name] = contrast
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


def _timing_check(
    by_scenario: dict[str, list[ScenarioRuns]], contrasts: list[Contrast], seeds: int
) -> CheckResult:
    failures, costs = [], {}
    for name, runs in by_scenario.items():
        timed = [run for run in runs if run.by_delay]
        curve = np.array([[headline(run.by_delay[d]) for d in TIMING_DELAYS_H] for run in timed])
        steps = curve[:, :-1] - curve[:, 1:]  # what each further delay costs, per seed
        half_widths = 1.96 * steps.std(axis=0, ddof=1) / math.sqrt(len(timed))
        if np.any(steps.mean(axis=0) < -half_widths):
            failures.append(f"{name} rises somewhere along the curve")
        four = TIMING_DELAYS_H.index(4.0)
        cost = Contrast(f"{name}: {FAST} at 0 h - at 4 h", curve[:, 0], curve[:, four])
        contrasts.append(cost)
        low = _t_interval(cost.difference)[0]
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
        f"({worst_sd.name}).",
    )


def _defined_check(
    runs: Sequence[ScenarioRuns], statements: dict[Cluster, list[dict[Strategy, Outcome]]]
) -> CheckResult:
    outcomes = [o for run in runs for o in (*run.by_protocol.values(), *run.by_delay.values())]
    outcomes += [o for cluster in statements.values() for by in cluster for o in by.values()]
    optional = [
        name
        for name, field in Outcome.model_fields.items()
        if type(None) in typing.get_args(field.annotation)
    ]
    shares = {
        name: float(np.mean([getattr(o, name) is not None for o in outcomes])) for name in optional
    }
    worst = min(shares, key=shares.get)
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


def _spread_result(name, target, values: dict[str, float], inside, detail: str) -> CheckResult:
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


def _t_interval(values: np.ndarray) -> tuple[float, float]:
    values = values[np.isfinite(values)]
    if len(values) < 2:
        return (math.nan, math.nan)
    half = stdtrit(len(values) - 1, 0.975) * values.std(ddof=1) / math.sqrt(len(values))
    return (float(values.mean() - half), float(values.mean() + half))
