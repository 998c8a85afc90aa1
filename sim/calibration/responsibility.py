"""Check family 4: responsibility dominates response choice (Ma & Zhan 2016 meta-analysis of
SCCT: perceived responsibility correlates about -0.54 with post-crisis reputation, using the
SCCT-matched strategy about +0.23).

Design: the full factorial of the three clusters x six strategies spanning Coombs' continuum
(denial, excuse, correction, sympathy, apology, compensation) x three response delays (0.5, 2
and 8 hours after the trigger), replicated until there are at least `runs` runs. Every run is a
full model run with the schema's defaults (five seeds from active stakeholders), one response on
the brand's own account, and a 3-day horizon: long enough for the first wave, the response and
the averaging rounds, short enough for the whole factorial at the CI size. The crisis's true
responsibility is its cluster's default perceived responsibility, so evidence can surface only
after denying a preventable crisis.

Unit: every exposed (ever aware) user of every run, pooled; the run is the unit of the
bootstrap interval. The outcome is the attitude the crisis formed: the attitude at the horizon
minus the user's pre-crisis anchor a0. The SCCT experiments behind the targets mostly use
fictitious organisations, so their participants' post-crisis reputation is formed by the crisis
and the response alone; the model's users start from priors spread with sd 0.25, which would
otherwise dominate the variance (the correlations of the whole final attitude are in the detail).
The matched-strategy correlation is computed within each cluster (outcome and indicator centred
per cluster, then pooled), as the experiments compare responses to the same crisis: pooled
across clusters it would also pick up that preventable crises, where two of six strategies are
matched, end worse than victim crises, where one is.

SCCT-matched strategy (Coombs 2007): victim -> instructing and adjusting information (here the
correction); accidental -> diminish (excuse) or concern (sympathy); preventable -> rebuild
(apology, compensation). Denial is matched to no cluster (SCCT keeps it for rumours, which the
victim runs do not model as such).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from sim.action import Action
from sim.calibration.check import Band, CalibrationConfig, CheckResult, result
from sim.calibration.pool import as_seed_sequence, parallel_map, run_seeds
from sim.calibration.scenario import (
    CLUSTER_ORDER,
    calibration_spec,
    cluster_base_responsibility,
)
from sim.calibration.statistics import cluster_bootstrap, pearson
from sim.calibration.trial import ExposedUsers, Trial, run_trial
from sim.spec.schema import Cluster, Strategy

HORIZON_DAYS = 3.0
STRATEGIES = (
    Strategy.DENIAL,
    Strategy.EXCUSE,
    Strategy.CORRECTION,
    Strategy.SYMPATHY,
    Strategy.APOLOGY,
    Strategy.COMPENSATION,
)
DELAYS_H = (0.5, 2.0, 8.0)
MATCHED = {
    Cluster.VICTIM: frozenset({Strategy.CORRECTION, Strategy.HOLDING_STATEMENT}),
    Cluster.ACCIDENTAL: frozenset({Strategy.EXCUSE, Strategy.JUSTIFICATION, Strategy.SYMPATHY}),
    Cluster.PREVENTABLE: frozenset({Strategy.APOLOGY, Strategy.COMPENSATION}),
}
CELLS = tuple(itertools.product(CLUSTER_ORDER, STRATEGIES, DELAYS_H))

# A run's exposed users, whether its strategy matched the cluster, and the cluster.
Pooled = tuple[ExposedUsers, bool, Cluster]


def response_trial(
    users: int,
    cluster: Cluster,
    strategy: Strategy,
    delay_h: float,
    seed: int,
    overrides: Sequence[str] = (),
) -> Trial:
    spec = calibration_spec(
        users,
        crisis={
            "type": "data_breach",
            "cluster": cluster,
            "true_responsibility": cluster_base_responsibility(cluster),
        },
        turns={"horizon_days": HORIZON_DAYS},
        overrides=overrides,
    )
    return Trial(spec, seed, (Action(at_h=spec.crisis.start_h + delay_h, strategy=strategy),))


def _outcome(users: ExposedUsers, use_change: bool) -> np.ndarray:
    return users.change if use_change else users.attitude


def responsibility_correlation(runs: Sequence[Pooled], use_change: bool = True) -> float:
    outcome = np.concatenate([_outcome(u, use_change) for u, _, _ in runs])
    return pearson(np.concatenate([u.responsibility for u, _, _ in runs]), outcome)


def matched_correlation(runs: Sequence[Pooled], use_change: bool = True) -> float:
    """r(matched, outcome) within clusters: both centred on their cluster's mean, then pooled."""
    indicator, outcome = [], []
    for cluster in CLUSTER_ORDER:
        mine = [(u, m) for u, m, c in runs if c is cluster and u.count]
        if not mine:
            continue
        y = np.concatenate([_outcome(u, use_change) for u, _ in mine])
        x = np.concatenate([np.full(u.count, m, dtype=float) for u, m in mine])
        indicator.append(x - x.mean())
        outcome.append(y - y.mean())
    if not outcome:
        return float("nan")
    return pearson(np.concatenate(indicator), np.concatenate(outcome))


def _saw_response(runs: Sequence[Pooled]) -> list[Pooled]:
    return [
        (
            ExposedUsers(
                u.responsibility[u.saw_response],
                u.attitude[u.saw_response],
                u.anchor[u.saw_response],
                u.saw_response[u.saw_response],
            ),
            m,
            c,
        )
        for u, m, c in runs
    ]


def responsibility_checks(
    config: CalibrationConfig, seed: np.random.SeedSequence | int
) -> list[CheckResult]:
    seed = as_seed_sequence(seed)
    trial_seed, bootstrap_seed = seed.spawn(2)
    design = CELLS * math.ceil(config.runs / len(CELLS))
    seeds = run_seeds(trial_seed, len(design))
    trials = [
        response_trial(config.users, cluster, strategy, delay, s, config.overrides)
        for (cluster, strategy, delay), s in zip(design, seeds, strict=True)
    ]
    exposed = parallel_map(run_trial, trials, config.workers)
    runs = [
        (users, strategy in MATCHED[cluster], cluster)
        for users, (cluster, strategy, _) in zip(exposed, design, strict=True)
    ]
    rng = np.random.default_rng(bootstrap_seed)
    total = sum(u.count for u, _, _ in runs)
    saw = _saw_response(runs)
    sample = (
        f"{len(runs)} runs ({len(CELLS)} cells: 3 clusters x {len(STRATEGIES)} strategies x "
        f"delays {', '.join(f'{d:g}' for d in DELAYS_H)} h) of {config.users} users, "
        f"{HORIZON_DAYS:g}-day horizon; {total} exposed users pooled, "
        f"{sum(u.count for u, _, _ in saw)} of whom saw the response; outcome: attitude change "
        "(final - a0);"
    )
    r_resp = responsibility_correlation(runs)
    r_match = matched_correlation(runs)
    return [
        result(
            config,
            "response: r(responsibility, attitude)",
            "-0.54 +- 0.15",
            Band(-0.69, -0.39),
            r_resp,
            cluster_bootstrap(runs, responsibility_correlation, rng),
            f"{sample} with the whole final attitude instead: "
            f"{responsibility_correlation(runs, use_change=False):+.3f}; among users who saw the "
            f"response: {responsibility_correlation(saw):+.3f};",
        ),
        result(
            config,
            "response: r(matched strategy, attitude)",
            "+0.23 +- 0.10",
            Band(0.13, 0.33),
            r_match,
            cluster_bootstrap(runs, matched_correlation, rng),
            f"{sample} matched = victim: correction; accidental: excuse, sympathy; preventable: "
            f"apology, compensation; within clusters; with the whole final attitude instead: "
            f"{matched_correlation(runs, use_change=False):+.3f}; among users who saw the "
            f"response: {matched_correlation(saw):+.3f};",
        ),
    ]
