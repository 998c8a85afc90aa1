"""The few statistics the calibration checks need. Intervals come from the library: the BCa
bootstrap of `sim.interval` (scipy.stats.bootstrap), the one method the lab uses too, and
scipy's Wilson interval for a proportion; the rest are written out so they can be unit-tested
on data with known answers."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np
from scipy.stats import binomtest

from sim.interval import group_interval
from sim.interval import mean_interval as interval_of_mean

Group = TypeVar("Group")


def mean_interval(
    values: Sequence[float] | np.ndarray, seed: int = 0
) -> tuple[float, tuple[float, float]]:
    """Mean of per-run values and its BCa 95% interval (a point when there is one run)."""
    data = np.asarray(values, dtype=np.float64)
    data = data[~np.isnan(data)]
    if data.size == 0:
        return math.nan, (math.nan, math.nan)
    mean = float(data.mean())
    if data.size < 2:
        return mean, (mean, mean)
    return mean, interval_of_mean(data, seed)


def wilson_interval(successes: int, trials: int) -> tuple[float, float]:
    """95% Wilson score interval of a binomial proportion (sensible at small n and at 0 or n)."""
    if trials == 0:
        return math.nan, math.nan
    found = binomtest(successes, trials).proportion_ci(confidence_level=0.95, method="wilson")
    return float(found.low), float(found.high)


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson correlation; with a 0/1 `x` it is the point-biserial correlation. NaN when
    either variable is constant."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    dx, dy = x - x.mean(), y - y.mean()
    denominator = math.sqrt(float(dx @ dx) * float(dy @ dy))
    return float(dx @ dy) / denominator if denominator > 0 else math.nan


def cohens_d(treated: np.ndarray, control: np.ndarray) -> float:
    """Standardised mean difference with the pooled standard deviation (Cohen 1988)."""
    a = np.asarray(treated, dtype=np.float64)
    b = np.asarray(control, dtype=np.float64)
    if a.size < 2 or b.size < 2:
        return math.nan
    pooled = ((a.size - 1) * a.var(ddof=1) + (b.size - 1) * b.var(ddof=1)) / (a.size + b.size - 2)
    return float((a.mean() - b.mean()) / math.sqrt(pooled)) if pooled > 0 else math.nan


def tail_ratio(sizes: np.ndarray) -> float:
    """Largest over median: how far the biggest cascade stands out from the typical one."""
    data = np.asarray(sizes, dtype=np.float64)
    return float(data.max() / np.median(data))


def cluster_bootstrap(
    groups: Sequence[Group],
    statistic: Callable[[Sequence[Group]], float],
    rng: np.random.Generator,
    resamples: int = 400,
) -> tuple[float, float]:
    """BCa 95% interval of `statistic` over resamples of whole groups (runs), seeded from `rng`.

    Users of one run share a graph, a crisis and a response, so they are not independent; the
    run is the unit that is resampled.
    """
    return group_interval(groups, statistic, int(rng.integers(2**63)), resamples)
