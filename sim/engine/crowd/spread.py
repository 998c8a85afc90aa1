"""Spread of negative content: sharing, skepticism, stifling (MODEL.md section 3)."""

from __future__ import annotations

import numpy as np


def initial_anger(
    anger_gain: float, responsibility: np.ndarray, severity: np.ndarray
) -> np.ndarray:
    """Anger on first exposure: responsibility drives anger (Coombs & Holladay 2007)."""
    return np.clip(anger_gain * responsibility * severity, 0.0, 1.0)


def share_probability(
    base: float,
    negativity_boost: float,
    relevance: np.ndarray,
    anger: np.ndarray,
    anger_sharing: float,
    damping: np.ndarray,
    thread_fuel: float = 1.0,
) -> np.ndarray:
    """Chance that one exposure makes an undecided user share: p0 * m_neg * w * (1 + a_g g) * D."""
    p = base * negativity_boost * relevance * (1.0 + anger_sharing * anger) * damping * thread_fuel
    return np.clip(p, 0.0, 1.0)


def skeptic_probability(skeptic_rate: float, attitude: np.ndarray) -> np.ndarray:
    """Committed users counter-argue: l * max(a, 0)."""
    return skeptic_rate * np.maximum(attitude, 0.0)


def stifling_probability(aware_followers: np.ndarray, followers: np.ndarray) -> np.ndarray:
    """Maki-Thompson stifling: a repost landing on followers who already know stops the spreader
    with probability equal to the share of followers already aware."""
    return np.divide(aware_followers, followers, out=np.zeros(len(followers)), where=followers > 0)
