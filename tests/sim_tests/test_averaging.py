"""Social averaging gives the bits of the formula it replaced (kept as the reference in
bench/averaging.py), on random graphs and attitudes, on both paths: the compiled pass over the
edges and the numpy round in its kept buffers (sim.engine.kernels)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

import sim.engine.kernels as kernels
from bench.averaging import reference_shift
from sim.engine.crowd.attitude import bounded_confidence_shift, listening_graph
from sim.engine.kernels import jit


@pytest.fixture(params=["compiled", "numpy"])
def either_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test on both paths, whatever STORMDRILL_KERNELS says."""
    use(monkeypatch, request.param)


def use(monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    monkeypatch.setattr(kernels, "_loaded", [jit if path == "compiled" else None])


def random_case(seed: int) -> tuple[csr_matrix, np.ndarray, np.ndarray, np.ndarray]:
    """A follower graph of random size and density, with isolated users and long rows (where
    the order of a float32 sum shows), attitudes on a coarse grid (so that differences land
    exactly on the bound) or continuous, and a crisis shift with zeros and negative zeros."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    density = float(rng.choice([0.0, 0.01, 0.1, 0.6]))
    followees = csr_matrix((rng.random((n, n)) < density).astype(np.int8))
    if rng.random() < 0.5:
        attitude = rng.integers(-10, 11, n) / 10.0
    else:
        attitude = np.clip(rng.normal(0.3, 0.5, n), -1.0, 1.0)
    crisis_shift = rng.normal(0.0, 0.2, n) * (rng.random(n) < 0.7)
    crisis_shift[rng.random(n) < 0.1] = -0.0
    return followees, attitude, rng.random(n) < 0.6, crisis_shift


@pytest.mark.parametrize("seed", range(60))
def test_a_round_gives_the_bits_of_the_formula_it_replaced(either_path, seed: int) -> None:
    followees, attitude, listened, crisis_shift = random_case(seed)
    listening = listening_graph(followees, listened)
    for bound, step in ((0.4, 0.1), (0.2, 0.37), (2.0, 1.0), (0.0, 0.5)):
        for moved in (None, crisis_shift):
            new = bounded_confidence_shift(attitude, listening, bound, step, moved)
            old = reference_shift(attitude, listening.graph, bound, step, moved)
            assert new.dtype == old.dtype == np.float64
            assert new.tobytes() == old.tobytes()


def test_rounds_in_a_row_stay_exact(either_path) -> None:
    followees, attitude, listened, _ = random_case(7)
    listening = listening_graph(followees, listened)
    for _ in range(5):
        new = bounded_confidence_shift(attitude, listening, 0.4, 0.1)
        assert new.tobytes() == reference_shift(attitude, listening.graph, 0.4, 0.1).tobytes()
        attitude = np.clip(attitude + new, -1.0, 1.0)


def test_the_numpy_round_keeps_its_buffers_and_shares_the_graph_arrays(monkeypatch) -> None:
    use(monkeypatch, "numpy")
    followees, attitude, listened, _ = random_case(7)
    listening = listening_graph(followees, listened)
    assert listening.graph.nnz > 0
    bounded_confidence_shift(attitude, listening, 0.4, 0.1)
    buffers = listening.buffers()
    bounded_confidence_shift(attitude, listening, 0.4, 0.1)
    assert listening.buffers() is buffers
    # The matrix of the mask is a view of the graph's edges, not a second copy of them.
    assert np.shares_memory(buffers.within.indices, listening.graph.indices)
    assert buffers.within.data.dtype == np.float32


def test_the_compiled_round_makes_no_buffers(monkeypatch) -> None:
    use(monkeypatch, "compiled")
    followees, attitude, listened, _ = random_case(7)
    listening = listening_graph(followees, listened)
    bounded_confidence_shift(attitude, listening, 0.4, 0.1)
    assert listening._buffers is None


def test_a_graph_with_no_edge_moves_nobody(either_path) -> None:
    listening = listening_graph(csr_matrix((3, 3), dtype=np.int8), np.ones(3, dtype=bool))
    shift = bounded_confidence_shift(np.array([0.1, 0.5, -0.2]), listening, 0.4, 0.1)
    assert shift.tobytes() == np.zeros(3).tobytes()
