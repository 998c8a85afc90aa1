"""Check family 1: the default follower graph against Kwak et al. (2010) and docs/model.md
section 1.

One graph per run, built exactly as a model run builds it (`build_followers` with the schema's
defaults); each figure is the mean over the graphs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.calibration.check import Band, CalibrationConfig, CheckResult, result
from sim.calibration.pool import as_seed_sequence, parallel_map
from sim.calibration.scenario import calibration_spec
from sim.calibration.statistics import mean_interval
from sim.engine.model import build_followers
from sim.engine.world.graph import GraphStats, graph_stats


@dataclass(frozen=True)
class GraphJob:
    users: int
    seed: np.random.SeedSequence
    overrides: tuple[str, ...] = ()


def measure_graph(job: GraphJob) -> GraphStats:
    graph_seed, stats_seed = job.seed.spawn(2)
    spec = calibration_spec(job.users, overrides=job.overrides)
    followers = build_followers(spec, np.random.default_rng(graph_seed))
    return graph_stats(followers, np.random.default_rng(stats_seed))


def graph_checks(
    config: CalibrationConfig, seed: np.random.SeedSequence | int
) -> list[CheckResult]:
    jobs = [
        GraphJob(config.users, s, config.overrides)
        for s in as_seed_sequence(seed).spawn(config.runs)
    ]
    stats = parallel_map(measure_graph, jobs, config.workers)
    sample = f"mean of {len(stats)} graphs of {config.users} users;"
    figures = (
        ("graph: in-degree tail exponent", "in [2.0, 2.6]", Band(2.0, 2.6), "tail_exponent",
         "discrete power-law MLE with Clauset-Shalizi-Newman xmin;"),
        ("graph: reciprocity", "in [0.15, 0.30]", Band(0.15, 0.30), "reciprocity",
         "share of edges whose reverse exists;"),
        ("graph: average clustering", "in [0.005, 0.2]", Band(0.005, 0.2), "clustering",
         "undirected local clustering;"),
        ("graph: mean path in giant SCC", "<= 6", Band(high=6.0), "mean_path_scc",
         "directed BFS from 200 sampled sources;"),
    )  # fmt: skip
    checks = []
    for name, target, band, field, how in figures:
        mean, interval = mean_interval([getattr(s, field) for s in stats])
        checks.append(result(config, name, target, band, mean, interval, f"{how} {sample}"))
    return checks
