"""Geometric skipping draws the same distribution as one uniform per trial."""

import numpy as np
import pytest

from sim.engine.crowd.bernoulli import (
    bernoulli_positions,
    slice_successes,
    slice_successes_and_trials,
)


@pytest.mark.parametrize("p", [0.002, 0.05, 0.2, 0.6])
def test_the_success_rate_is_the_chance(p):
    rng = np.random.default_rng(3)
    n = 200_000
    counts = [len(bernoulli_positions(n, p, rng)) for _ in range(10)]
    expected, sd = n * p, np.sqrt(n * p * (1 - p) / 10)
    assert abs(np.mean(counts) - expected) < 5 * sd


def test_every_position_is_equally_likely():
    rng = np.random.default_rng(4)
    hits = np.zeros(20)
    for _ in range(20_000):
        hits[bernoulli_positions(20, 0.1, rng)] += 1
    # Each position is a Binomial(20000, 0.1): sd ~ 42 around 2000.
    assert np.all(np.abs(hits - 2000) < 5 * 42)


def test_positions_are_sorted_unique_and_inside():
    positions = bernoulli_positions(10_000, 0.01, np.random.default_rng(5))
    assert np.all(np.diff(positions) > 0)
    assert positions.min() >= 0 and positions.max() < 10_000


def test_the_same_generator_state_gives_the_same_successes():
    a = bernoulli_positions(1_000_000, 0.003, np.random.default_rng(9))
    b = bernoulli_positions(1_000_000, 0.003, np.random.default_rng(9))
    assert np.array_equal(a, b)


def test_edge_chances():
    rng = np.random.default_rng(0)
    assert len(bernoulli_positions(100, 0.0, rng)) == 0
    assert np.array_equal(bernoulli_positions(5, 1.0, rng), np.arange(5))
    assert len(bernoulli_positions(0, 0.5, rng)) == 0


def test_slice_successes_names_the_row_and_the_csr_position():
    indptr = np.array([0, 3, 3, 10])
    positions, owner = slice_successes(indptr, np.array([2, 0, 1]), 1.0, np.random.default_rng(0))
    assert positions.tolist() == [3, 4, 5, 6, 7, 8, 9, 0, 1, 2]
    assert owner.tolist() == [0] * 7 + [1] * 3


def test_slice_successes_of_no_rows_is_empty():
    positions, owner = slice_successes(
        np.array([0, 2]), np.array([], dtype=np.int64), 0.5, np.random.default_rng(0)
    )
    assert len(positions) == 0 and len(owner) == 0


def test_slice_successes_and_trials_also_counts_the_rows_trials():
    indptr = np.array([0, 3, 3, 10])
    rows = np.array([2, 0, 1])
    positions, owner, trials = slice_successes_and_trials(
        indptr, rows, 0.3, np.random.default_rng(6)
    )
    again = slice_successes(indptr, rows, 0.3, np.random.default_rng(6))
    assert trials == 10
    assert positions.tolist() == again[0].tolist() and owner.tolist() == again[1].tolist()
