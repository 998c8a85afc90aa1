"""Social averaging gives the bits of the formula it replaced (kept as the reference in
bench/averaging.py), on random graphs and attitudes, on both paths: the compiled pass over the
edges and the numpy round in its kept buffers (sim.engine.kernels)."""

from __future__ import annotations

import numba
import numpy as np
import pytest
from scipy.sparse import csr_matrix

import sim.engine.kernels as kernels
from bench.averaging import reference_shift
from sim.engine.crowd.attitude import averaging_moves, bounded_confidence_shift, listening_graph
from sim.engine.crowd.memory import AttitudeMemory
from sim.engine.kernels import jit


@pytest.fixture(params=["compiled", "threaded", "numpy"])
def either_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test on every path, whatever STORMDRILL_KERNELS says and however big the graph."""
    use(monkeypatch, request.param)


def use(monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    monkeypatch.setattr(kernels, "_loaded", [None if path == "numpy" else jit])
    if path == "threaded":
        on_threads(monkeypatch)


def on_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every compiled pass on its threaded twin, however small, even on a one-core machine."""
    monkeypatch.setattr(kernels, "THREADED_FROM", 0)
    monkeypatch.setattr(jit, "thread_count", lambda: 2)


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


def test_a_big_round_runs_on_threads_and_a_small_one_on_the_calling_thread(monkeypatch) -> None:
    use(monkeypatch, "compiled")
    followees, attitude, listened, _ = random_case(7)
    listening = listening_graph(followees, listened)
    assert 0 < listening.graph.nnz < kernels.THREADED_FROM
    monkeypatch.setattr(jit, "averaging_round_threaded", None)  # a call would raise
    small = bounded_confidence_shift(attitude, listening, 0.4, 0.1)
    monkeypatch.undo()
    on_threads(monkeypatch)
    use(monkeypatch, "compiled")
    monkeypatch.setattr(jit, "averaging_round", None)
    assert bounded_confidence_shift(attitude, listening, 0.4, 0.1).tobytes() == small.tobytes()


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_the_threaded_round_gives_the_same_bits_on_any_number_of_threads(threads) -> None:
    """Each row is one thread's, summed in the serial order: how the rows are shared out
    changes nothing (numba caps the count at its pool's size)."""
    threads = min(threads, numba.config.NUMBA_NUM_THREADS)
    for seed in range(8):
        followees, attitude, listened, crisis_shift = random_case(seed)
        graph = listening_graph(followees, listened).graph
        heard_and_value = np.stack((attitude, crisis_shift), axis=1).astype(np.float32)
        serial, threaded = np.empty(len(attitude)), np.empty(len(attitude))
        arguments = (graph.indptr, graph.indices, heard_and_value, np.float32(0.4), 0.1)
        jit.averaging_round(*arguments, serial)
        numba.set_num_threads(threads)
        try:
            jit.averaging_round_threaded(*arguments, threaded)
        finally:
            numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
        assert threaded.tobytes() == serial.tobytes()


@pytest.mark.parametrize("of_crisis_shift", [True, False])
def test_a_round_on_the_memory_moves_the_users_the_shift_gives(either_path, of_crisis_shift):
    """`averaging_moves`, on whichever path, moves exactly the users whose change is not zero,
    by the changes `bounded_confidence_shift` computes on the numpy path; and an unmoved
    crowd has nothing to average when crisis shifts are averaged."""
    for seed in range(6):
        followees, attitude, listened, _ = random_case(seed)
        n = len(attitude)
        memory = AttitudeMemory(attitude, 0.3, {})
        listening = listening_graph(followees, listened)
        unmoved = averaging_moves(memory, listening, 0.4, 0.1, of_crisis_shift)
        assert (unmoved is None) == of_crisis_shift
        rng = np.random.default_rng(seed)
        memory.shift(np.arange(n), rng.normal(0.0, 0.3, n) * (rng.random(n) < 0.5))
        current = memory.attitude()
        moved_from = current - memory.anchor if of_crisis_shift else None
        saved = kernels._loaded[:]
        kernels._loaded[:] = [None]
        want = bounded_confidence_shift(current, listening, 0.4, 0.1, moved_from)
        kernels._loaded[:] = saved
        moves = averaging_moves(memory, listening, 0.4, 0.1, of_crisis_shift)
        assert moves is not None
        users, change = moves
        assert users.tobytes() == np.flatnonzero(want).tobytes()
        assert change.tobytes() == want[users].tobytes()


def test_the_compiled_round_keeps_its_arrays_from_round_to_round(monkeypatch) -> None:
    use(monkeypatch, "compiled")
    followees, attitude, listened, _ = random_case(7)
    memory = AttitudeMemory(attitude, 0.3, {})
    shock = np.random.default_rng(3).normal(0.0, 0.3, len(attitude))
    memory.shift(np.arange(len(attitude)), shock)
    listening = listening_graph(followees, listened)
    averaging_moves(memory, listening, 0.4, 0.1, True)
    arrays = listening.round_arrays()
    moves = averaging_moves(memory, listening, 0.4, 0.1, True)
    assert moves is not None and listening.round_arrays() is arrays
    assert len(moves[0]) > 0
    assert np.shares_memory(moves[0], arrays.moved) and np.shares_memory(moves[1], arrays.change)


def test_a_graph_with_no_edge_moves_nobody(either_path) -> None:
    listening = listening_graph(csr_matrix((3, 3), dtype=np.int8), np.ones(3, dtype=bool))
    shift = bounded_confidence_shift(np.array([0.1, 0.5, -0.2]), listening, 0.4, 0.1)
    assert shift.tobytes() == np.zeros(3).tobytes()
