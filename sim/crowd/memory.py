"""Two-speed collective memory (Candia et al. 2019): every attitude shock splits into a fast
part and a slow part that decay back to the user's pre-crisis anchor at their own half-lives."""

from __future__ import annotations

import numpy as np


def split_shock(delta: np.ndarray, slow_share: float) -> tuple[np.ndarray, np.ndarray]:
    """The fast and slow parts of an attitude change."""
    return delta * (1.0 - slow_share), delta * slow_share


def bounded_change(current: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """The part of `delta` that keeps attitudes inside [-1, 1]."""
    return np.clip(current + delta, -1.0, 1.0) - current
