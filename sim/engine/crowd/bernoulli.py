"""Which of many independent trials succeed, drawn without a number per trial.

Contagion on a graph is a long run of Bernoulli trials, one per edge out of the frontier. When
the chance is small, drawing a uniform number for every edge wastes most of the work: the gaps
between successes are geometric, so drawing the gaps costs about n * p numbers instead of n
(geometric skipping, as in Batagelj & Brandes 2005 for random graphs). Above a chance of
`DIRECT_ABOVE` the plain draw is faster and is used instead. Both are exact and both consume the
generator deterministically, so the same seed gives the same successes.
"""

from __future__ import annotations

import math

import numpy as np

DIRECT_ABOVE = 0.25  # above this chance one uniform per trial is cheaper than geometric gaps


def bernoulli_positions(n: int, p: float, rng: np.random.Generator) -> np.ndarray:
    """Sorted positions in [0, n) of the successes among n independent trials of chance p."""
    if n <= 0 or p <= 0.0:
        return np.empty(0, dtype=np.int64)
    if p >= 1.0:
        return np.arange(n, dtype=np.int64)
    if p > DIRECT_ABOVE:
        return np.flatnonzero(rng.random(n) < p)
    chunks = []
    last = -1
    while True:
        expected = (n - 1 - last) * p
        batch = max(16, int(expected + 4.0 * math.sqrt(expected) + 16))
        positions = last + np.cumsum(rng.geometric(p, size=batch))
        inside = positions[positions < n]
        chunks.append(inside)
        if len(inside) < batch:
            break
        last = int(inside[-1])
    return np.concatenate(chunks) if len(chunks) > 1 else chunks[0]


def slice_successes(
    indptr: np.ndarray, rows: np.ndarray, p: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Successful trials over the concatenated CSR slices of `rows`, without building them.

    Returns, for each success, the position in the CSR `indices` array and the index (into
    `rows`) of the row it belongs to. The trials are ordered row after row, as `rows` is given.
    """
    positions, owner, _ = slice_successes_and_trials(indptr, rows, p, rng)
    return positions, owner


def slice_successes_and_trials(
    indptr: np.ndarray, rows: np.ndarray, p: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, int]:
    """`slice_successes` plus the number of trials (the rows' total length).

    Contagion reports that number as its edge work; taking it from here saves gathering the
    rows' bounds a second time, a random access per row that costs about a tenth of a step.
    """
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    ends = np.cumsum(lengths)
    trials = int(ends[-1]) if len(ends) else 0
    hits = bernoulli_positions(trials, p, rng)
    owner = np.searchsorted(ends, hits, side="right")
    # Trial number to CSR position, per row: one gather per success instead of three.
    shift = starts - (ends - lengths)
    return hits + shift[owner], owner, trials
