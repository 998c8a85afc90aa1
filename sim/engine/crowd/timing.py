"""Turning half-lives and hourly rates into per-tick probabilities."""

import math

import numpy as np


def per_tick_probability(half_life_h: float, tick_h: float) -> float:
    """Chance that a memoryless process with this half-life ends within one tick."""
    return 1.0 - 2.0 ** (-tick_h / half_life_h)


def rate_to_tick_probability(rate_per_h: np.ndarray | float, tick_h: float) -> np.ndarray | float:
    """Chance of at least one event in a tick for a Poisson process with this hourly rate."""
    return -np.expm1(-np.asarray(rate_per_h) * tick_h)


def decay_factor(half_life_h: float, elapsed_h: float) -> float:
    """Share of a quantity left after elapsed_h hours of exponential decay."""
    return math.exp(-math.log(2.0) * elapsed_h / half_life_h)


def at_least_once(probability: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Chance that at least one of `times` independent trials succeeds."""
    return -np.expm1(times * np.log1p(-np.clip(probability, 0.0, 1.0 - 1e-12)))
