"""Check family 2: ordinary (non-crisis) posts against Goel, Watts & Goldstein (2012) and the
reshare-timing figures of docs/model.md section 8.

An ordinary post spreads through the model's own machinery: `sample_follower_views` draws
which of the author's followers see it and after how many ticks (the attention kernel), and
`share_probability` gives the chance that one view makes a reshare, called with the terms of
ordinary content: m_neg = 1, relevance 1, no anger, no damping, and the post's appeal. Each root
post draws its appeal (`post_appeal`: lognormal, median 1) and every reshare carries the appeal
of the post it reshares, as in the model (revision 2). Only active users share (inactives read
only), so posts start from random active users. A user reshares a given post at most once; each
further view is another chance, as for a crisis post in the model.

The cascades of one run are simulated together, generation by generation (all direct reshares
of the current posts, then theirs); a user reached in two generations keeps the first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from sim.calibration.check import Band, CalibrationConfig, CheckResult, result
from sim.calibration.pool import as_seed_sequence, parallel_map
from sim.calibration.scenario import calibration_spec
from sim.calibration.statistics import mean_interval, tail_ratio
from sim.engine.crowd.spread import post_appeal, share_probability
from sim.engine.crowd.visibility import Kernel, sample_follower_views
from sim.engine.draws import Draws, Purpose
from sim.engine.model import build_followers
from sim.engine.world.population import build_population
from sim.spec.schema import ScenarioSpec

CASCADES_PER_RUN = 10_000  # "the largest of 10^4 cascades" (docs/model.md section 8)
HOUR_MIN = 60.0


@dataclass(frozen=True)
class CascadeJob:
    users: int
    cascades: int
    seed: np.random.SeedSequence
    overrides: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cascades:
    """Per cascade: size (root included) and depth in hops; per reshare: its delay after the
    post it reshared and that post's index (posts: roots first, then reshares in order)."""

    sizes: np.ndarray
    depths: np.ndarray
    delays_min: np.ndarray
    parents: np.ndarray

    @property
    def no_reshare_share(self) -> float:
        return float(np.mean(self.sizes == 1))

    @property
    def deep_share(self) -> float:
        """Share of cascades with a reshare of a reshare (depth above one hop)."""
        return float(np.mean(self.depths > 1))

    @property
    def median_delay_min(self) -> float:
        return float(np.median(self.delays_min)) if self.delays_min.size else float("nan")

    @property
    def within_hour_share(self) -> float:
        """Mean over posts with reshares of the share of their reshares within the hour."""
        if self.delays_min.size == 0:
            return float("nan")
        posts, index = np.unique(self.parents, return_inverse=True)
        total = np.bincount(index, minlength=posts.size)
        early = np.bincount(index, weights=self.delays_min <= HOUR_MIN, minlength=posts.size)
        return float(np.mean(early / total))


def spread_ordinary_posts(
    spec: ScenarioSpec,
    followers: csr_matrix,
    active: np.ndarray,
    roots: np.ndarray,
    rng: np.random.Generator,
) -> Cascades:
    """Spread one ordinary post from each root until no cascade grows."""
    n, spread = followers.shape[0], spec.spread
    kernel = Kernel(
        spread.visibility, spread.post_half_life_h, spread.exposure_window_h, spec.turns.tick_h
    )
    draws = Draws(int(rng.integers(2**62)))
    count = len(roots)
    appeal = post_appeal(spread.appeal_sigma, rng.standard_normal(count))
    # Frontier: the posts made in the last generation.
    authors = roots.astype(np.int64)
    cascade = np.arange(count)
    post_tick = np.zeros(count, dtype=np.int64)
    post_index = np.arange(count)
    depth = np.zeros(count, dtype=np.int64)
    posted = np.sort(cascade * n + authors)
    sizes, depths = np.ones(count, dtype=np.int64), np.zeros(count, dtype=np.int64)
    delays, parents = [], []
    next_post = count
    while authors.size:
        keys = draws.key(Purpose.VIEW, authors, post_tick, cascade)
        readers, source, view_delay = sample_follower_views(followers, authors, keys, kernel)
        viewer = readers.astype(np.int64)
        chance = share_probability(
            spread.share_probability,
            1.0,
            np.ones(viewer.size),
            np.zeros(viewer.size),
            spread.anger_sharing,
            np.ones(viewer.size),
            appeal=appeal[source],
        )
        shares = active[viewer] & (rng.random(viewer.size) < chance)
        viewer, source, view_delay = viewer[shares], source[shares], view_delay[shares]
        keys = cascade[source] * n + viewer
        tick = post_tick[source] + view_delay
        # One reshare per user and cascade: the earliest among this generation's, none if the
        # user already posted in this cascade.
        order = np.lexsort((tick, keys))
        keys, first = np.unique(keys[order], return_index=True)
        pick = order[first]
        fresh = ~np.isin(keys, posted, assume_unique=True)
        keys, pick = keys[fresh], pick[fresh]
        posted = np.union1d(posted, keys)

        new_cascade = cascade[source[pick]]
        delays.append(view_delay[pick] * spec.turns.tick_minutes)
        parents.append(post_index[source[pick]])
        np.add.at(sizes, new_cascade, 1)
        new_depth = depth[source[pick]] + 1
        np.maximum.at(depths, new_cascade, new_depth)

        authors, cascade, depth = viewer[pick], new_cascade, new_depth
        appeal = appeal[source[pick]]
        post_tick = tick[pick]
        post_index = np.arange(next_post, next_post + pick.size)
        next_post += pick.size
    return Cascades(
        sizes=sizes,
        depths=depths,
        delays_min=np.concatenate(delays).astype(np.float64),
        parents=np.concatenate(parents),
    )


def measure_cascades(job: CascadeJob) -> Cascades:
    graph_seed, population_seed, spread_seed = job.seed.spawn(3)
    spec = calibration_spec(job.users, overrides=job.overrides)
    followers = build_followers(spec, np.random.default_rng(graph_seed))
    population = build_population(spec, followers, np.random.default_rng(population_seed))
    rng = np.random.default_rng(spread_seed)
    roots = rng.choice(np.flatnonzero(population.active), size=job.cascades)
    return spread_ordinary_posts(spec, followers, population.active, roots, rng)


def cascade_checks(
    config: CalibrationConfig, seed: np.random.SeedSequence | int
) -> list[CheckResult]:
    seeds = as_seed_sequence(seed).spawn(config.runs)
    runs = parallel_map(
        measure_cascades,
        [CascadeJob(config.users, CASCADES_PER_RUN, s, config.overrides) for s in seeds],
        config.workers,
    )
    sample = (
        f"{CASCADES_PER_RUN} ordinary posts from random active users per run, mean of "
        f"{len(runs)} runs of {config.users} users;"
    )
    sizes = np.concatenate([r.sizes for r in runs])
    largest = np.array([r.sizes.max() for r in runs])
    checks = []
    mean, interval = mean_interval([r.no_reshare_share for r in runs])
    checks.append(
        result(
            config,
            "cascades: share with no reshare",
            "in [0.70, 0.95]",
            Band(0.70, 0.95),
            mean,
            interval,
            f"{sample} mean cascade size {sizes.mean():.3f} (root included);",
        )
    )
    mean, interval = mean_interval([r.deep_share for r in runs])
    checks.append(
        result(
            config,
            "cascades: share deeper than 1 hop",
            "in [0.005, 0.06]",
            Band(0.005, 0.06),
            mean,
            interval,
            f"{sample} depth = hops from the root to the farthest reshare; "
            f"largest depth seen {int(max(r.depths.max() for r in runs))};",
        )
    )
    mean, interval = mean_interval([tail_ratio(r.sizes) for r in runs])
    checks.append(
        result(
            config,
            "cascades: largest / median size",
            ">= 100",
            Band(low=100.0),
            mean,
            interval,
            f"{sample} size counts the root (median {np.median(sizes):g}); largest cascade "
            f"per run: median {np.median(largest):g}, range {largest.min()}-{largest.max()};",
        )
    )
    mean, interval = mean_interval([r.median_delay_min for r in runs])
    reshares = sum(r.delays_min.size for r in runs)
    checks.append(
        result(
            config,
            "reshares: median delay (min)",
            "in [15, 60]",
            Band(15.0, 60.0),
            mean,
            interval,
            f"delay from a post to each reshare it triggers directly, {reshares} reshares; "
            "median per run, mean over runs;",
        )
    )
    mean, interval = mean_interval([r.within_hour_share for r in runs])
    checks.append(
        result(
            config,
            "reshares: share within 1st hour",
            "in [0.55, 0.95]",
            Band(0.55, 0.95),
            mean,
            interval,
            "per post with reshares, the share of its direct reshares within 60 min; mean over "
            "posts, then over runs;",
        )
    )
    return checks
