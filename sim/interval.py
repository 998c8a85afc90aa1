"""Confidence intervals: one method for all of stormdrill, the lab's tables and verdicts and the
calibration's checks alike: the bias-corrected and accelerated (BCa) bootstrap of
`scipy.stats.bootstrap` (Efron 1987), 95%, seeded so a table comes out the same every time.

BCa corrects the percentile bootstrap for the bias and the skew of the statistic's
distribution, which matter here: outcomes are skewed (a few runs where a firestorm took off)
and a t or normal interval assumes they are not. Below `MIN_RUNS` values no bootstrap interval
means much (BCa's corrections come from the sample itself), so callers say so next to it:
`too_few` and `too_few_note`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

from sim.i18n import ENGLISH, N_, Translator

CONFIDENCE = 0.95
RESAMPLES = 10_000
MIN_RUNS = 10
"""Fewer values than this and an interval is reported with a warning that it means little."""

_BATCH_ELEMENTS = 5_000_000  # resamples x values held at once (40 MB of floats)

Group = TypeVar("Group")


def too_few(n: int) -> bool:
    return n < MIN_RUNS


_TOO_FEW = {
    "runs": N_("only {n} runs: too few for a {level} interval to mean much; use {least} or more"),
    "paired runs": N_(
        "only {n} paired runs: too few for a {level} interval to mean much; use {least} or more"
    ),
    "seeds": N_("only {n} seeds: too few for a {level} interval to mean much; use {least} or more"),
}
"""The note by what was counted, whole, so that a language can agree its words with it."""


def too_few_note(n: int, what: str = "runs", words: Translator = ENGLISH) -> str:
    """'only 5 runs: too few for a 95% interval to mean much; use 10 or more', in the language
    of `words` for the counts the lab says it of (runs, paired runs, seeds)."""
    if what in _TOO_FEW:
        return words(_TOO_FEW[what]).format(n=n, least=MIN_RUNS, level=f"{CONFIDENCE:.0%}")
    return f"only {n} {what}: too few for a 95% interval to mean much; use {MIN_RUNS} or more"


def mean_interval(values: Sequence[float] | np.ndarray, seed: int) -> tuple[float, float]:
    """The BCa 95% interval of the mean of the finite values: NaN with fewer than two, a point
    when they are all equal (every resample has that mean)."""
    data = np.asarray(values, dtype=np.float64)
    data = data[np.isfinite(data)]
    if data.size < 2:
        return math.nan, math.nan
    if np.all(data == data[0]):
        return float(data[0]), float(data[0])
    return _bca((data,), np.mean, seed, RESAMPLES, vectorized=True, n=data.size)


def group_interval(
    groups: Sequence[Group],
    statistic: Callable[[Sequence[Group]], float],
    seed: int,
    resamples: int = 1_000,
) -> tuple[float, float]:
    """The BCa 95% interval of `statistic` over resamples of whole groups (runs): users of one
    run share a graph, a crisis and a response, so the run is the unit resampled. A point with
    one group; NaN where the statistic is undefined on the resamples."""
    if len(groups) < 2:
        value = statistic(groups)
        return value, value
    items = list(groups)

    def on_picks(picks: np.ndarray) -> float:
        return statistic([items[int(k)] for k in picks])

    return _bca((np.arange(len(items)),), on_picks, seed, resamples, vectorized=False, n=len(items))


def _bca(
    data: tuple[np.ndarray, ...],
    statistic: Callable[..., float],
    seed: int,
    resamples: int,
    *,
    vectorized: bool,
    n: int,
) -> tuple[float, float]:
    # scipy.stats is imported here, where an interval is computed: a sweep's workers import the
    # lab (its tasks and rows) but never compute one, and scipy.stats is 0.5 s of their start.
    from scipy.stats import DegenerateDataWarning, bootstrap

    with warnings.catch_warnings():
        # Every resample alike, or the statistic undefined on some: no interval, said as NaN.
        warnings.simplefilter("ignore", DegenerateDataWarning)
        warnings.filterwarnings("ignore", "invalid value encountered", RuntimeWarning)
        found = bootstrap(
            data,
            statistic,
            n_resamples=resamples,
            batch=max(1, _BATCH_ELEMENTS // n),
            vectorized=vectorized,
            confidence_level=CONFIDENCE,
            method="BCa",
            rng=np.random.default_rng(seed),
        )
    return float(found.confidence_interval.low), float(found.confidence_interval.high)
