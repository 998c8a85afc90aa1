"""The runs behind the lesson checks (docs/model.md section 9) and the signal-to-noise table:
the bundled scenarios at their own sizes and horizons, played by the bundled protocols through
the Session on the same seeds, fast-transparent also at every delay of the timing curve and one
tick late (the small change that shows what luck a change leaves), and the default scenario with
one statement in each of two clusters.

Jobs are one scenario and one seed each (every protocol and delay of that seed in one process,
so the seed's unanswered run is made once), in a fixed order, so the numbers do not depend on
the number of workers.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.calibration.pool import parallel_map
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


def lesson_scenarios() -> list[str]:
    """The bundled scenarios a lesson study can play: every one (the tests' tiny scenario is
    a test fixture, not bundled)."""
    return bundled_names()


@dataclass(frozen=True)
class LessonConfig:
    seeds: int
    workers: int = 1
    small_users: int | None = None  # only the scenarios up to this size (the reduced check)
    only: tuple[str, ...] = ()  # only these bundled scenarios (one scenario's signal and noise)

    def scenarios(self) -> list[str]:
        names = lesson_scenarios()
        if self.only:
            names = [name for name in names if name in self.only]
        if self.small_users is None:
            return names
        return [name for name in names if load_scenario(name).graph.users <= self.small_users]


@dataclass(frozen=True)
class ScenarioJob:
    scenario: str
    seed: int
    timing: bool  # also run fast-transparent at every delay of the timing curve, and one tick late
    overrides: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScenarioRuns:
    """One seed of one scenario: an outcome per protocol, and per delay of the timing curve."""

    scenario: str
    cluster: Cluster
    by_protocol: dict[str, Outcome]
    by_delay: dict[float, Outcome]
    nudged: Outcome | None = None  # fast-transparent one tick late, on the timed seeds


@dataclass(frozen=True)
class StatementJob:
    cluster: Cluster
    seed: int
    overrides: tuple[str, ...] = ()


def play_scenario(job: ScenarioJob) -> ScenarioRuns:
    spec = load_scenario(job.scenario, job.overrides)
    by_protocol = {name: _play(spec, job.seed, name) for name in PROTOCOLS}
    by_delay: dict[float, Outcome] = {}
    nudged = None
    if job.timing:
        fast = load_protocol(FAST)
        for delay in TIMING_DELAYS_H:
            by_delay[delay] = (
                by_protocol[FAST] if delay == 0 else _play(spec, job.seed, delayed(fast, delay))
            )
        nudged = _play(spec, job.seed, delayed(fast, spec.turns.tick_h))
    return ScenarioRuns(job.scenario, spec.crisis.cluster, by_protocol, by_delay, nudged)


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


@dataclass(frozen=True)
class LessonRuns:
    """Every run of one lesson study, by scenario (seed order kept) and by statement cluster."""

    by_scenario: dict[str, list[ScenarioRuns]]
    statements: dict[Cluster, list[dict[Strategy, Outcome]]]
    seeds: int
    timed: int

    def outcomes(self) -> list[Outcome]:
        played = [
            outcome
            for runs in self.by_scenario.values()
            for run in runs
            for outcome in (*run.by_protocol.values(), *run.by_delay.values())
        ]
        played += [run.nudged for runs in self.by_scenario.values() for run in runs if run.nudged]
        return played + [o for runs in self.statements.values() for by in runs for o in by.values()]


def play_lesson(
    config: LessonConfig, seeds: list[int], overrides: tuple[str, ...] = ()
) -> LessonRuns:
    """Play every run of the lesson study: `seeds` in each bundled scenario (the first
    TIMING_SEEDS also along the timing curve) and in each statement cluster."""
    timed = min(TIMING_SEEDS, len(seeds))
    scenario_jobs = [
        ScenarioJob(name, value, index < timed, overrides)
        for name in config.scenarios()
        for index, value in enumerate(seeds)
    ]
    statement_jobs = [
        StatementJob(cluster, value, overrides)
        for cluster in CLUSTER_RESPONSIBILITY
        for value in seeds
    ]
    played = parallel_map(play_scenario, scenario_jobs, config.workers)
    said = parallel_map(play_statements, statement_jobs, config.workers)
    by_scenario: dict[str, list[ScenarioRuns]] = {}
    for run in played:
        by_scenario.setdefault(run.scenario, []).append(run)
    statements = {
        cluster: [
            outcomes
            for job, outcomes in zip(statement_jobs, said, strict=True)
            if job.cluster is cluster
        ]
        for cluster in CLUSTER_RESPONSIBILITY
    }
    return LessonRuns(by_scenario, statements, len(seeds), timed)
