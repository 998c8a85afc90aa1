"""Attitude updates: negativity bias, halo, bounded-confidence averaging (MODEL.md section 4)."""

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


def bounded_confidence_shift(
    attitude: np.ndarray,
    followees: csr_matrix,
    listened: np.ndarray,
    confidence_bound: float,
    step: float,
) -> np.ndarray:
    """Each user moves `step` toward the mean of the followees whose attitude is within the bound
    (Deffuant et al. 2000; Hegselmann & Krause 2002). Only `listened` users are followees that
    count: inactives listen but are not listened to. Returns the change for every user."""
    listener = np.repeat(np.arange(followees.shape[0]), np.diff(followees.indptr))
    speaker = followees.indices
    difference = attitude[speaker] - attitude[listener]
    counts = listened[speaker] & (np.abs(difference) <= confidence_bound)
    n = np.bincount(listener[counts], minlength=followees.shape[0])
    total = np.bincount(listener[counts], weights=difference[counts], minlength=followees.shape[0])
    return step * np.divide(total, n, out=np.zeros_like(attitude), where=n > 0)


def silence_drift(drift_per_h: float, tick_h: float, listeners: int) -> np.ndarray:
    """While the brand says nothing, users who follow the story read silence as guilt
    (Ferrin et al. 2007): the same loss per tick for each of them."""
    return np.full(listeners, -drift_per_h * tick_h)
