"""The few statistics the calibration checks need, written out so they can be unit-tested on
data with known answers (and so no check depends on a statistics package's conventions)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

Z95 = 1.959963984540054  # two-sided 95% normal quantile

Group = TypeVar("Group")


def mean_interval(values: Sequence[float] | np.ndarray) -> tuple[float, tuple[float, float]]:
    """Mean of per-run values and its 95% normal interval (a point when there is one run)."""
    data = np.asarray(values, dtype=np.float64)
    data = data[~np.isnan(data)]
    if data.size == 0:
        return math.nan, (math.nan, math.nan)
    mean = float(data.mean())
    if data.size < 2:
        return mean, (mean, mean)
    half = Z95 * float(data.std(ddof=1)) / math.sqrt(data.size)
    return mean, (mean - half, mean + half)


def wilson_interval(successes: int, trials: int) -> tuple[float, float]:
    """95% Wilson score interval of a binomial proportion (sensible at small n and at 0 or n)."""
    if trials == 0:
        return math.nan, math.nan
    p = successes / trials
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = Z95 * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


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
    """95% percentile interval of `statistic` over resamples of whole groups (runs).

    Users of one run share a graph, a crisis and a response, so they are not independent; the
    run is the unit that is resampled.
    """
    if len(groups) < 2:
        value = statistic(groups)
        return value, value
    values = []
    for _ in range(resamples):
        picks = rng.integers(0, len(groups), size=len(groups))
        values.append(statistic([groups[i] for i in picks]))
    finite = np.asarray(values, dtype=np.float64)
    finite = finite[~np.isnan(finite)]
    if finite.size == 0:
        return math.nan, math.nan
    return float(np.quantile(finite, 0.025)), float(np.quantile(finite, 0.975))
