"""Attitude updates: negativity bias, halo, bounded-confidence averaging (docs/model.md 4)."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix


def halo_shield(anchor: np.ndarray, threshold: float, maximum: float) -> np.ndarray:
    """Only very favourable prior reputations shield (Coombs & Holladay 2006)."""
    span = max(1.0 - threshold, 1e-9)
    return maximum * np.clip((anchor - threshold) / span, 0.0, 1.0)


def negative_update(
    learning_rate: float,
    loss_aversion: float,
    severity: np.ndarray,
    responsibility: np.ndarray,
    halo: np.ndarray,
    source_weight: np.ndarray | float,
) -> np.ndarray:
    """da = -eta * lambda * severity * (0.5 + r) * (1 - H) * s_src (always <= 0)."""
    return (
        -learning_rate
        * loss_aversion
        * severity
        * (0.5 + responsibility)
        * (1.0 - halo)
        * source_weight
    )


def listening_graph(followees: csr_matrix, listened: np.ndarray) -> csr_matrix:
    """The followees each user listens to in social averaging: only `listened` users count
    (inactives listen but are not listened to). Built once: the averaging then touches only
    these edges."""
    keep = listened[followees.indices]
    rows = np.repeat(np.arange(followees.shape[0]), np.diff(followees.indptr))[keep]
    indptr = np.zeros(followees.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=followees.shape[0]), out=indptr[1:])
    data = np.ones(int(keep.sum()), dtype=np.int8)
    return csr_matrix((data, followees.indices[keep], indptr), shape=followees.shape)


def bounded_confidence_shift(
    attitude: np.ndarray,
    listening: csr_matrix,
    confidence_bound: float,
    step: float,
    moved: np.ndarray | None = None,
) -> np.ndarray:
    """Each user moves `step` toward the mean of the followees it listens to whose attitude is
    within the bound (Deffuant et al. 2000; Hegselmann & Krause 2002). `listening` is the
    `listening_graph`. What moves is `moved` (by default the attitude itself; the model passes
    the crisis-formed shift, see `Attitude.averaging_of`); who counts is decided on `attitude`.
    Returns the change for every user."""
    indptr = listening.indptr
    # float32 per edge: the differences need ~1e-7 precision, and the pass is memory-bound.
    heard = attitude.astype(np.float32)
    near = np.abs(heard[listening.indices] - np.repeat(heard, np.diff(indptr))) <= confidence_bound
    # Sum over the near followees: (sum of their values) - n * own value, by sparse products.
    within = csr_matrix((near.view(np.uint8), listening.indices, indptr), shape=listening.shape)
    value = heard if moved is None else moved.astype(np.float32)
    n = within @ np.ones(len(value), dtype=np.float32)
    total = (within @ value - n * value).astype(np.float64)
    return step * np.divide(total, n, out=np.zeros_like(attitude), where=n > 0)


def silence_drift(drift_per_h: float, tick_h: float, listeners: int) -> np.ndarray:
    """While the brand says nothing, users who follow the story read silence as guilt
    (Ferrin et al. 2007): the same loss per tick for each of them."""
    return np.full(listeners, -drift_per_h * tick_h)
