"""The statistics a crisis manager reads off a sweep: a mean with its 95% interval, and the paired
difference between two protocols with its interval, said in one plain sentence.

Differences are paired by seed (both protocols met the same crowd), which removes most of the
run-to-run noise. Every interval is the BCa bootstrap of `sim.interval`, the one method the lab
and the calibration share: it makes no assumption about the shape of the outcomes, which are
often skewed (a few runs where a firestorm took off). Its rng is seeded, so a table comes out
the same every time it is computed. With fewer than `MIN_RUNS` runs a verdict says the
interval means little.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np

from sim.i18n import ENGLISH, Translator
from sim.interval import mean_interval, too_few, too_few_note
from sim.lab.reading import Reading


@dataclass(frozen=True)
class Estimate:
    """A sample's mean and median, and the 95% interval of the mean (NaN with fewer than 2)."""

    n: int
    mean: float
    median: float
    low: float
    high: float

    @property
    def too_few(self) -> bool:
        """Too few runs for the interval to mean much (sim.interval.MIN_RUNS)."""
        return too_few(self.n)


def describe(values: np.ndarray, seed: int) -> Estimate:
    """Mean, median and the BCa 95% interval of the mean of the finite values.

    A sweep asks for the same estimate several times (the summary table, the plots, the
    summary it prints, the verdicts), and each bootstrap of 500 runs is some 45 ms of
    resampling. The estimate is a pure function of the values' bits and the seed, so this
    process keeps the latest ones, under a 128-bit digest of the bits, for a repeated question."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    key = (hashlib.blake2b(finite.tobytes(), digest_size=16).digest(), int(seed))
    found = _known.get(key)
    if found is None:
        found = _estimate(finite, seed)
        if len(_known) >= _KNOWN_MAX:
            del _known[next(iter(_known))]  # the oldest
        _known[key] = found
    return found


_KNOWN_MAX = 512
_known: dict[tuple[bytes, int], Estimate] = {}


def _estimate(values: np.ndarray, seed: int) -> Estimate:
    n = len(values)
    if n == 0:
        return Estimate(0, math.nan, math.nan, math.nan, math.nan)
    low, high = mean_interval(values, seed)
    return Estimate(n, float(values.mean()), float(np.median(values)), low, high)


def verdict(
    subject: str,
    baseline: str,
    difference: Estimate,
    reading: Reading,
    words: Translator = ENGLISH,
) -> str:
    """'B avoids 23.4 percentage points more of the damage silence would do than A, 95% CI 18.0
    to 29.1 (40 paired runs).' and, when the interval holds zero, a warning that the runs do not
    tell the two apart, in the language of `words`. The figures keep the digits they need: a
    small effect is often what a protocol does, and it must not print as 0.00."""
    if difference.n == 0:
        return words("{subject} and {baseline} have no pair of finished runs to compare.").format(
            subject=subject, baseline=baseline
        )
    direction = reading.more if difference.mean >= 0 else reading.less
    sentence = words(direction).format(
        subject=subject,
        size=reading.effect(abs(difference.mean), words),
        unit=words(reading.unit),
        baseline=baseline,
    )
    sentence += words(", 95% CI {low} to {high} ({n} paired runs)").format(
        low=reading.effect(difference.low, words),
        high=reading.effect(difference.high, words),
        n=difference.n,
    )
    if difference.too_few:
        sentence += f" ({too_few_note(difference.n, 'paired runs', words)})"
    if difference.low <= 0 <= difference.high:
        return sentence + words(
            "; the interval includes zero, so these runs do not tell them apart."
        )
    return sentence + "."
