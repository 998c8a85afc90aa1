"""Attitude updates: negativity bias, halo, bounded-confidence averaging (docs/model.md 4)."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import csr_matrix

from sim.engine.kernels import compiled, on_threads, threaded_calls

if TYPE_CHECKING:
    from sim.engine.crowd.memory import AttitudeMemory


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


class Listening:
    """The listening graph (row u: the followees u listens to, in index order) with the arrays
    its rounds reuse, made on the first round and kept: the compiled round's per-user arrays
    (`round_arrays`), and the numpy round's per-edge buffers (`buffers`): each edge's listener
    (the row index, in place of an `np.repeat` per round), a float32 scratch array per edge, a
    matrix sharing the graph's `indices` and `indptr` whose float32 data holds the round's
    near-or-not mask (with a uint8 mask, scipy copies it to float32 for every product), and
    where each row starts, for counting each row's near followees in one streaming pass."""

    def __init__(self, graph: csr_matrix) -> None:
        self.graph = graph
        self._buffers: _Buffers | None = None
        self._round: RoundArrays | None = None

    def buffers(self) -> _Buffers:
        if self._buffers is None:
            self._buffers = _Buffers(self.graph)
        return self._buffers

    def round_arrays(self) -> RoundArrays:
        """The compiled round's per-user arrays, made at its first round and kept (one
        Listening per run, so never shared by two runs)."""
        if self._round is None:
            self._round = RoundArrays(self.graph.shape[0])
        return self._round


class RoundArrays:
    """What a compiled averaging round writes, one row per user: the attitude it hears and the
    value it moves, side by side in float32 (`heard_and_value`, users x 2: an edge's one read
    brings both), each user's change, then the users who move (the changes compacted to the
    front). Kept from round to round: at 10^7 users these are 240 MB that a round would
    otherwise map afresh and fault in page by page (bench/RESULTS.md)."""

    def __init__(self, users: int) -> None:
        self.heard_and_value = np.empty((users, 2), dtype=np.float32)
        self.change = np.empty(users)
        self.moved = np.empty(users, dtype=np.int64)


class _Buffers:
    def __init__(self, graph: csr_matrix) -> None:
        edges, users = graph.nnz, graph.shape[0]
        index = np.int32 if max(edges, users) < 2**31 else np.int64
        self.listener = np.repeat(np.arange(users, dtype=index), np.diff(graph.indptr))
        self.gathered = np.empty(edges, dtype=np.float32)
        self.within = csr_matrix(
            (np.zeros(edges, dtype=np.float32), graph.indices, graph.indptr), shape=graph.shape
        )
        # np.add.reduceat needs starts inside the array and gives an empty row the next row's
        # first entry: clip the starts, and zero the rows with no edge after the count.
        self.starts = np.minimum(graph.indptr[:-1], max(edges - 1, 0))
        self.empty = np.flatnonzero(np.diff(graph.indptr) == 0)
        self.near = np.empty(users, dtype=np.float32)


def listening_graph(followees: csr_matrix, listened: np.ndarray) -> Listening:
    """The followees each user listens to in social averaging: only `listened` users count
    (inactives listen but are not listened to). Built once: the averaging then touches only
    these edges."""
    keep = listened[followees.indices]
    rows = np.repeat(np.arange(followees.shape[0]), np.diff(followees.indptr))[keep]
    indptr = np.zeros(followees.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=followees.shape[0]), out=indptr[1:])
    data = np.ones(int(keep.sum()), dtype=np.int8)
    return Listening(csr_matrix((data, followees.indices[keep], indptr), shape=followees.shape))


def averaging_moves(
    memory: AttitudeMemory,
    listening: Listening,
    confidence_bound: float,
    step: float,
    of_crisis_shift: bool,
) -> tuple[np.ndarray, np.ndarray] | None:
    """A round of social averaging on the memory's attitudes: the users it moves (ascending)
    and their changes, as `bounded_confidence_shift` computes them, moving each user's
    crisis-formed shift (`of_crisis_shift`) or its whole attitude; None when the crisis has
    moved nobody yet (there is nothing to average). Compiled, the round reads and writes only
    arrays kept with the listening graph (`Listening.round_arrays`), and the two returned are
    views of them, valid until the next round."""
    jit = compiled()
    if jit is None:
        attitude = memory.attitude()
        crisis_shift = attitude - memory.anchor if of_crisis_shift else None
        if crisis_shift is not None and not np.any(crisis_shift):
            return None
        shift = bounded_confidence_shift(attitude, listening, confidence_bound, step, crisis_shift)
        moved = np.flatnonzero(shift)
        return moved, shift[moved]
    arrays = listening.round_arrays()
    if not memory.in_float32(arrays.heard_and_value, of_crisis_shift):
        return None
    _compiled_round(
        jit, listening.graph, arrays.heard_and_value, confidence_bound, step, arrays.change
    )
    count = jit.compact_nonzero(arrays.change, arrays.moved)
    return arrays.moved[:count], arrays.change[:count]


def _compiled_round(
    jit: ModuleType,
    graph: csr_matrix,
    heard_and_value: np.ndarray,
    confidence_bound: float,
    step: float,
    change: np.ndarray,
) -> None:
    # As numpy compares a float32 array with a Python float (NEP 50): in float32.
    bound = np.float32(confidence_bound)
    arguments = (graph.indptr, graph.indices, heard_and_value, bound, float(step), change)
    if on_threads(graph.nnz):
        with threaded_calls:
            jit.averaging_round_threaded(*arguments)
    else:
        jit.averaging_round(*arguments)


def bounded_confidence_shift(
    attitude: np.ndarray,
    listening: Listening,
    confidence_bound: float,
    step: float,
    moved: np.ndarray | None = None,
) -> np.ndarray:
    """Each user moves `step` toward the mean of the followees it listens to whose attitude is
    within the bound (Deffuant et al. 2000; Hegselmann & Krause 2002). `listening` is the
    `listening_graph`. What moves is `moved` (by default the attitude itself; the model passes
    the crisis-formed shift, see `Attitude.averaging_of`); who counts is decided on `attitude`.
    Returns the change for every user.

    In float32 per edge (the differences need ~1e-7 precision, and the pass is memory-bound):
    for user i with near followees J (|a_j - a_i| <= bound, in float32), in index order,
    n = |J| and s = sum of v_j summed left to right in float32; the change is
    step * float64(s - n * v_i) / n, 0 where n = 0. Where numba imports this is one compiled
    pass over the edges (`sim.engine.kernels.jit.averaging_round`, against the machine's floor
    in bench/averaging.py), its rows shared among the cores when the graph is big
    enough (`averaging_round_threaded`, sim.engine.kernels.on_threads), else
    `averaging_round_reference`; all give these bits (tests/sim_tests/test_averaging.py)."""
    jit = compiled()
    if jit is None:
        heard = attitude.astype(np.float32)
        value = heard if moved is None else moved.astype(np.float32)
        return averaging_round_reference(heard, value, listening, confidence_bound, step)
    heard_and_value = np.empty((len(attitude), 2), dtype=np.float32)  # rounded as astype rounds
    heard_and_value[:, 0] = attitude
    heard_and_value[:, 1] = attitude if moved is None else moved
    change = np.empty(len(attitude))
    _compiled_round(jit, listening.graph, heard_and_value, confidence_bound, step, change)
    return change


def averaging_round_reference(
    heard: np.ndarray,
    value: np.ndarray,
    listening: Listening,
    confidence_bound: float,
    step: float,
) -> np.ndarray:
    """`bounded_confidence_shift` in numpy, on float32 attitudes and moved values: in buffers
    kept with the listening graph, it computes exactly what the round did with a uint8 mask,
    np.repeat and two sparse products, bit for bit (bench/averaging.py keeps that round), without
    their per-edge temporaries."""
    buffers = listening.buffers()
    within, gathered = buffers.within, buffers.gathered
    mask = within.data
    # mask = (|a_j - a_i| <= bound) per edge, as 0.0 / 1.0 in the matrix's float32 data.
    np.take(heard, within.indices, out=gathered, mode="clip")
    np.take(heard, buffers.listener, out=mask, mode="clip")
    np.subtract(gathered, mask, out=gathered)
    np.abs(gathered, out=gathered)
    np.less_equal(gathered, confidence_bound, out=mask)
    # Counts of 0.0 / 1.0 are exact in float32 whatever the order of the sum.
    n = buffers.near
    if len(mask):
        np.add.reduceat(mask, buffers.starts, out=n)
        n[buffers.empty] = 0.0
    else:
        n[:] = 0.0
    # scipy's matvec sums each row in index order in float32, as before; the far edges add
    # +0.0, which changes no sum (a running sum that starts at +0.0 is never -0.0).
    total = within @ value
    total -= n * value
    change = total.astype(np.float64)
    np.divide(change, n, out=change, where=n > 0)
    change[n == 0] = 0.0
    change *= step
    return change


def silence_drift(drift_per_h: float, tick_h: float, listeners: int) -> np.ndarray:
    """While the brand says nothing, users who follow the story read silence as guilt
    (Ferrin et al. 2007): the same loss per tick for each of them."""
    return np.full(listeners, -drift_per_h * tick_h)
