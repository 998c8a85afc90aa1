"""Spread of negative content: sharing, skepticism, stifling (docs/model.md section 3)."""

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
    appeal: np.ndarray | float = 1.0,
) -> np.ndarray:
    """Chance that one exposure makes an undecided user share:
    p0 * m_neg * w * (1 + a_g g) * D * (thread fuel) * (the post's appeal)."""
    p = (
        base
        * negativity_boost
        * relevance
        * (1.0 + anger_sharing * anger)
        * damping
        * thread_fuel
        * appeal
    )
    return np.clip(p, 0.0, 1.0)


def post_appeal(sigma: float, normal: np.ndarray) -> np.ndarray:
    """How shareable a new post is: lognormal with median 1 (Goel, Anderson, Hofman & Watts
    2016: heavy-tailed cascades come from broadcasters and from differences between posts)."""
    return np.exp(sigma * normal)


def any_of(probability: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    """Chance that at least one of a group's independent trials succeeds, for trials of
    different chances: 1 - prod(1 - p), summed in logs per group."""
    log_none = np.bincount(
        group, weights=np.log1p(-np.clip(probability, 0.0, 1.0 - 1e-12)), minlength=groups
    )
    return -np.expm1(log_none)


def skeptic_probability(skeptic_rate: float, attitude: np.ndarray) -> np.ndarray:
    """Committed users counter-argue: l * max(a, 0)."""
    return skeptic_rate * np.maximum(attitude, 0.0)


def stifling_probability(aware_followers: np.ndarray, followers: np.ndarray) -> np.ndarray:
    """Maki-Thompson stifling: a repost landing on followers who already know stops the spreader
    with probability equal to the share of followers already aware."""
    return np.divide(aware_followers, followers, out=np.zeros(len(followers)), where=followers > 0)
