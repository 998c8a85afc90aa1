"""The compiled kernels (numba): imported at the first kernel call (sim.engine.kernels), never
with the engine, because importing numba costs ~0.3 s of CPU.

Each kernel names the numpy reference it must equal bit for bit. Every constant is an np.uint64
and every shift count too: numba, like numpy, would turn a uint64 mixed with a signed integer
into a float64, and the bits would be lost.
"""

from __future__ import annotations

import os
import sys

import numba
import numpy as np
from numba import njit, prange

from sim.engine.draws import _GOLDEN, _MIX_1, _MIX_2, _UNIT
from sim.engine.kernels.disk_cache import lock_writes
from sim.engine.kernels.prefetch import PREFETCH_AHEAD, prefetch_row

if "NUMBA_THREADING_LAYER" not in os.environ:
    # Always present, and safe in a process that forks; one call at a time (sim.engine.kernels).
    numba.config.THREADING_LAYER = "workqueue"  # type: ignore[attr-defined]

# The threading layer starts now, before any kernel is loaded from the on-disk cache. numba gives
# LLVM the layer's functions when it starts it, at the first threaded call or compilation. A cached
# memory shift (it reaches a threaded kernel) loaded before then was found linked with a null
# address, its arguments' unpacking, and its first call jumped to address 0: SIGSEGV in every
# fresh process once the cache held it (numba issue #8578). The same cache ran correctly, to the
# bit, with the layer started first. `get_num_threads` starts it.
numba.get_num_threads()


def thread_count() -> int:
    """The threads a threaded kernel shares its rows among (numba's, one per core by default)."""
    return int(numba.get_num_threads())


_S11 = np.uint64(11)
_S27 = np.uint64(27)
_S30 = np.uint64(30)
_S31 = np.uint64(31)


@njit(cache=True, inline="always")
def _mix(z: np.uint64) -> np.uint64:  # pragma: no cover - compiled
    """sim.engine.draws._mix on one word."""
    z = (z ^ (z >> _S30)) * _MIX_1
    z = (z ^ (z >> _S27)) * _MIX_2
    return z ^ (z >> _S31)


@njit(cache=True)
def _chain_into(
    start: np.ndarray, words: tuple, premix: bool, out: np.ndarray
) -> None:  # pragma: no cover - compiled
    """The keys, one simple pass per word (passes the compiler vectorises): every input has
    one element (shared by all identities) or one per identity."""
    count = out.shape[0]
    if start.shape[0] == 1:
        first = _mix(start[0] + _GOLDEN) if premix else start[0]
        for i in range(count):
            out[i] = first
    else:
        for i in range(count):
            out[i] = _mix(start[i] + _GOLDEN) if premix else start[i]
    for word in words:
        if word.shape[0] == 1:
            term = np.uint64(word[0]) * _GOLDEN + _GOLDEN
            for i in range(count):
                out[i] = _mix(out[i] ^ term)
        else:
            for i in range(count):
                out[i] = _mix(out[i] ^ (np.uint64(word[i]) * _GOLDEN + _GOLDEN))


@njit(cache=True)
def chain_keys(
    start: np.ndarray, words: tuple, premix: bool, out: np.ndarray
) -> None:  # pragma: no cover - compiled
    """Reference: `sim.engine.draws._chain(start, words)`, after `_mix(start + _GOLDEN)` when
    `premix` (that is `combine`). `start` is uint64, each word int64 (its bits are the
    reference's `_words`), each of one element or of len(out)."""
    _chain_into(start, words, premix, out)


@njit(cache=True)
def chain_uniform(
    start: np.ndarray, words: tuple, premix: bool, out: np.ndarray
) -> None:  # pragma: no cover - compiled
    """Reference: `sim.engine.draws.unit_interval` of `chain_keys`'s keys; the conversion is
    exact (a key's top 53 bits fit a float64), so the float is the reference's."""
    keys = np.empty(out.shape[0], dtype=np.uint64)
    _chain_into(start, words, premix, keys)
    for i in range(out.shape[0]):
        out[i] = (np.float64(keys[i] >> _S11) + 0.5) * _UNIT


@njit(cache=True)
def _block(
    values: np.ndarray, factor: float, low: int, count: int
) -> float:  # pragma: no cover - compiled
    """numpy's pairwise sum of at most 128 numbers (each value times `factor`): one by one
    below eight, else eight running sums combined in pairs, then the rest one by one."""
    if count < 8:
        total = 0.0
        for i in range(low, low + count):
            total += values[i] * factor
        return total
    r0, r1, r2, r3 = (
        values[low] * factor,
        values[low + 1] * factor,
        values[low + 2] * factor,
        values[low + 3] * factor,
    )
    r4, r5, r6, r7 = (
        values[low + 4] * factor,
        values[low + 5] * factor,
        values[low + 6] * factor,
        values[low + 7] * factor,
    )
    i = 8
    whole = count - count % 8
    while i < whole:
        at = low + i
        r0 += values[at] * factor
        r1 += values[at + 1] * factor
        r2 += values[at + 2] * factor
        r3 += values[at + 3] * factor
        r4 += values[at + 4] * factor
        r5 += values[at + 5] * factor
        r6 += values[at + 6] * factor
        r7 += values[at + 7] * factor
        i += 8
    total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < count:
        total += values[low + i] * factor
        i += 1
    return total


@njit(cache=True)
def numpy_sum(values: np.ndarray) -> float:  # pragma: no cover - compiled
    """Reference: `float(values.sum())` of a contiguous float64 array, numpy's own pairwise
    summation (numpy/_core/src/umath/loops_utils.h.src): `numpy_sum_times` by 1.0, which
    leaves every value as it is."""
    return numpy_sum_times(values, 1.0)


@njit(cache=True)
def numpy_sum_times(values: np.ndarray, factor: float) -> float:  # pragma: no cover - compiled
    """Reference: `float((values * factor).sum())` of a contiguous float64 array, in numpy's
    own pairwise order, without the array of products: blocks of up to 128 summed by `_block`,
    a longer run halved at a multiple of eight, left half + right half. The same additions of
    the same products in the same order, so the same float; numpy's reduction starts from its
    identity, 0.0, which turns a sum of negative zeros into 0.0. numpy recurses; this walks the
    same tree with a stack of its own (numba's on-disk cache crashes on a recursive function)."""
    count = values.shape[0]
    if count <= 128:
        return 0.0 + _block(values, factor, 0, count)
    lows = np.empty(64, dtype=np.int64)  # the tree is at most log2(count / 64) deep
    counts = np.empty(64, dtype=np.int64)
    lefts = np.empty(64)
    phases = np.zeros(64, dtype=np.int64)  # 0 new, 1 summing its left half, 2 its right
    top = 0
    lows[0], counts[0] = 0, count
    while True:
        if counts[top] <= 128:
            value = _block(values, factor, lows[top], counts[top])
            top -= 1
            while top >= 0 and phases[top] == 2:
                value = lefts[top] + value
                top -= 1
            if top < 0:
                return 0.0 + value
            lefts[top], phases[top] = value, 2
            half = counts[top] // 2
            half -= half % 8
            lows[top + 1], counts[top + 1] = lows[top] + half, counts[top] - half
        else:
            phases[top] = 1
            half = counts[top] // 2
            half -= half % 8
            lows[top + 1], counts[top + 1] = lows[top], half
        top += 1
        phases[top] = 0


@njit(cache=True)
def _clip(value: float) -> float:  # pragma: no cover - compiled
    """np.clip(value, -1.0, 1.0), NaN kept as numpy keeps it."""
    if value < -1.0:
        return -1.0
    if value > 1.0:
        return 1.0
    return value


@njit(cache=True)
def _below(value: float) -> float:  # pragma: no cover - compiled
    """np.minimum(value, 0.0) as far as a comparison can tell (NaN kept)."""
    return value if value < 0.0 or value != value else 0.0


@njit(cache=True)
def _above(value: float) -> float:  # pragma: no cover - compiled
    """np.maximum(value, 0.0) as far as a comparison can tell (NaN kept)."""
    return value if value > 0.0 or value != value else 0.0


@njit(cache=True, inline="always")
def _shift_one(
    i: int,
    users: np.ndarray,
    delta: np.ndarray,
    anchor: np.ndarray,
    fast_parts: np.ndarray,
    slow_parts: np.ndarray,
    scales: tuple,
    irregular: np.ndarray,
    change: np.ndarray,
    after: np.ndarray,
) -> int:  # pragma: no cover - compiled
    """The i-th user of `memory_shift`: its stored parts, irregular flag, bounded change and
    attitude after; 1 if its irregular flag changed, else 0."""
    fast_scale, slow_scale, slow_share = scales
    user = users[i]
    base = anchor[user]
    fast = fast_parts[user] * fast_scale
    slow = slow_parts[user] * slow_scale
    current = _clip(base + fast + slow)
    bounded = _clip(current + delta[min(np.int64(i), delta.shape[0] - 1)]) - current
    change[i] = bounded
    fast_change = bounded * (1.0 - slow_share)
    slow_change = bounded * slow_share
    fast += fast_change
    slow += slow_change
    fast_parts[user] += fast_change / fast_scale
    slow_parts[user] += slow_change / slow_scale
    lowest = base + _below(fast) + _below(slow)
    highest = base + _above(fast) + _above(slow)
    odd = (lowest < -1.0) | (highest > 1.0)
    flipped = int(odd != irregular[user])
    irregular[user] = odd
    after[i] = base + fast + slow
    return flipped


@njit(cache=True)
def _shift_each(
    users: np.ndarray,
    delta: np.ndarray,
    anchor: np.ndarray,
    fast_parts: np.ndarray,
    slow_parts: np.ndarray,
    scales: tuple,
    irregular: np.ndarray,
    change: np.ndarray,
    after: np.ndarray,
) -> int:  # pragma: no cover - compiled
    flipped = 0
    for i in range(users.shape[0]):
        flipped += _shift_one(
            i, users, delta, anchor, fast_parts, slow_parts, scales, irregular, change, after
        )
    return flipped


@njit(cache=True, parallel=True)
def _shift_each_threaded(
    users: np.ndarray,
    delta: np.ndarray,
    anchor: np.ndarray,
    fast_parts: np.ndarray,
    slow_parts: np.ndarray,
    scales: tuple,
    irregular: np.ndarray,
    change: np.ndarray,
    after: np.ndarray,
) -> int:  # pragma: no cover - compiled
    """`_shift_each` with its users shared among numba's threads: the users are unique, so
    each user's arrays are written by one thread, in the same arithmetic."""
    flipped = 0
    for i in prange(users.shape[0]):
        flipped += _shift_one(
            i, users, delta, anchor, fast_parts, slow_parts, scales, irregular, change, after
        )
    return flipped


@njit(cache=True, inline="always")
def _members_of(
    values: np.ndarray, users: np.ndarray, membership: np.ndarray, group: int, out: np.ndarray
) -> int:  # pragma: no cover - compiled
    """values[i] for each i whose user is in `group`, in order, written to the front of `out`
    without a branch (every value is written at the next free place, which moves on only for
    a member: a random share of users are members, and a branch on it mispredicts often);
    returns how many."""
    inside = 0
    for i in range(users.shape[0]):
        out[inside] = values[i]
        inside += int(membership[group, users[i]])
    return inside


@njit(cache=True)
def memory_shift(
    users: np.ndarray,
    delta: np.ndarray,
    anchor: np.ndarray,
    fast_parts: np.ndarray,
    slow_parts: np.ndarray,
    scales: tuple,
    membership: np.ndarray,
    sums: np.ndarray,
    with_sums: bool,
    irregular: np.ndarray,
    after: np.ndarray,
    scratch: np.ndarray,
    threaded: bool,
) -> bool:  # pragma: no cover - compiled
    """Reference: `sim.engine.crowd.memory.AttitudeMemory._shift_reference`, in one pass per
    quantity: stored parts, running sums (row 0 fast, row 1 slow, a column per group; group 0
    is everyone; unless not `with_sums`, when the caller resyncs them) and irregular flags
    updated in place, each user's attitude after the change written to `after`; True if an
    irregular flag changed. `delta` has one element or one per user; `scales` is (fast scale,
    slow scale, slow share); `scratch` is the memory's own two rows of at least one value per
    user, so that a shift makes no array but `after`.
    `threaded`: the users' own updates on numba's threads (the caller holds
    `sim.engine.kernels.threaded_calls`); the sums are summed on this one, in numpy's order,
    each part's change made again from the bounded change by the same product, as the sum
    reads it (`numpy_sum_times`): a group's members' changes are gathered once for both parts,
    and everyone's are not gathered at all."""
    count = users.shape[0]
    change, inside = scratch[0, :count], scratch[1]
    if threaded:
        flipped = _shift_each_threaded(
            users, delta, anchor, fast_parts, slow_parts, scales, irregular, change, after
        )
    else:
        flipped = _shift_each(
            users, delta, anchor, fast_parts, slow_parts, scales, irregular, change, after
        )
    fast_scale, slow_scale, slow_share = scales
    fast_share = 1.0 - slow_share
    for group in range(membership.shape[0] if with_sums else 0):
        members = change
        if group > 0:  # group 0 is everyone: its changes are all of them, as they are
            members = inside[: _members_of(change, users, membership, group, inside)]
        sums[0, group] += numpy_sum_times(members, fast_share) / fast_scale
        sums[1, group] += numpy_sum_times(members, slow_share) / slow_scale
    return flipped > 0


@njit(cache=True)
def group_sums(
    values: np.ndarray, membership: np.ndarray, out: np.ndarray, buffer: np.ndarray
) -> None:  # pragma: no cover - compiled
    """Reference: `[float(values[members].sum()) for members in membership]`, written to `out`,
    where the first group is everyone (as the memory's is): its sum is of `values` as they are;
    each other group's members' values, in user order, are gathered into `buffer` (at least one
    value per user; no array made, nor a branch per user); each is summed in numpy's own
    pairwise order (`numpy_sum`)."""
    for group in range(membership.shape[0]):
        if group == 0:
            out[group] = numpy_sum(values)
            continue
        inside = 0
        for user in range(values.shape[0]):
            buffer[inside] = values[user]
            inside += int(membership[group, user])
        out[group] = numpy_sum(buffer[:inside])


@njit(cache=True, parallel=True)
def group_sums_threaded(
    fast_parts: np.ndarray,
    slow_parts: np.ndarray,
    membership: np.ndarray,
    sums: np.ndarray,
    scratch: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """`group_sums` of the fast parts into sums[0] and of the slow parts into sums[1], one on
    each of two threads, each gathering into a row of `scratch` (two rows of at least one value
    per user) of its own: the same sums, each added in the same order."""
    for part in prange(2):
        values = fast_parts if part == 0 else slow_parts
        group_sums(values, membership, sums[part], scratch[part])


@njit(cache=True)
def attitudes_in_float32(
    anchor: np.ndarray,
    fast_parts: np.ndarray,
    slow_parts: np.ndarray,
    fast_scale: float,
    slow_scale: float,
    heard_and_value: np.ndarray,
    of_shift: bool,
) -> bool:  # pragma: no cover - compiled
    """Reference: `sim.engine.crowd.memory.AttitudeMemory._float32_reference`: every user's
    attitude clip(anchor + fast x scale + slow x scale) rounded to float32 into column 0 of
    `heard_and_value`, and into column 1 its shift from the anchor (in float64, then rounded)
    if `of_shift`, else the attitude again; whether any such shift is not zero (True when no
    shift is asked for)."""
    moved = not of_shift
    for user in range(anchor.shape[0]):
        base = anchor[user]
        attitude = _clip(base + fast_parts[user] * fast_scale + slow_parts[user] * slow_scale)
        heard_and_value[user, 0] = np.float32(attitude)
        if of_shift:
            away = attitude - base
            heard_and_value[user, 1] = np.float32(away)
            moved |= away != 0.0
        else:
            heard_and_value[user, 1] = np.float32(attitude)
    return moved


@njit(cache=True)
def attitudes_of(
    users: np.ndarray,
    anchor: np.ndarray,
    fast_parts: np.ndarray,
    slow_parts: np.ndarray,
    fast_scale: float,
    slow_scale: float,
) -> np.ndarray:  # pragma: no cover - compiled
    """Reference: `sim.engine.crowd.memory.AttitudeMemory._attitude_reference(users)`, the
    attitudes clip(anchor + fast x scale + slow x scale) of some users (valid ids, repeats
    allowed), in one pass: the same operations in the same order, where numpy gathers three
    arrays and makes four more."""
    out = np.empty(users.shape[0])
    for k in range(users.shape[0]):
        user = users[k]
        out[k] = _clip(anchor[user] + fast_parts[user] * fast_scale + slow_parts[user] * slow_scale)
    return out


@njit(cache=True)
def compact_nonzero(values: np.ndarray, users: np.ndarray) -> int:  # pragma: no cover
    """Reference: `users = np.flatnonzero(values); values[:len(users)] = values[users]`, in
    place, without a branch; returns how many. A value is written at or before where it was
    read, so none is overwritten before it is read."""
    count = 0
    for i in range(values.shape[0]):
        value = values[i]
        users[count] = i
        values[count] = value
        count += int(value != 0.0)
    return count


@njit(cache=True)
def _ids_at(
    start: np.uint64, ids: np.ndarray, tick: int, premix: bool, out: np.ndarray
) -> None:  # pragma: no cover - compiled
    """The keys of (start, id, tick) for every id: `chain_keys` for the commonest identity,
    users at a tick, with the tick's word made once."""
    first = _mix(start + _GOLDEN) if premix else start
    term = np.uint64(tick) * _GOLDEN + _GOLDEN
    for i in range(ids.shape[0]):
        out[i] = _mix(_mix(first ^ (np.uint64(ids[i]) * _GOLDEN + _GOLDEN)) ^ term)


@njit(cache=True)
def ids_at_keys(
    start: np.uint64, ids: np.ndarray, tick: int, premix: bool, out: np.ndarray
) -> None:  # pragma: no cover - compiled
    """Reference: `_chain(start, (ids, tick))` (after the premix, as `chain_keys`), for an int64
    array of ids and one int tick; called without the tuple and the broadcasting, which is
    most of a small draw's cost."""
    _ids_at(start, ids, tick, premix, out)


@njit(cache=True)
def ids_at_uniform(
    start: np.uint64, ids: np.ndarray, tick: int, premix: bool, out: np.ndarray
) -> None:  # pragma: no cover - compiled
    """Reference: `unit_interval` of `ids_at_keys`'s keys."""
    keys = np.empty(ids.shape[0], dtype=np.uint64)
    _ids_at(start, ids, tick, premix, keys)
    for i in range(out.shape[0]):
        out[i] = (np.float64(keys[i] >> _S11) + 0.5) * _UNIT


@njit(cache=True, inline="always")
def _averaged_row(
    indptr: np.ndarray,
    indices: np.ndarray,
    heard_and_value: np.ndarray,
    bound: np.float32,
    step: float,
    i: int,
    last_edge: int,
) -> float:  # pragma: no cover - compiled
    """Row i of `averaging_round`: its near followees j (|heard_j - heard_i| <= bound, in
    float32) in index order, their count n and their values summed left to right in float32
    from +0.0, then step * float64(s - n * value_i) / float64(n), or 0.0 where n = 0. Each
    user's heard attitude and moved value sit side by side (`heard_and_value[j]`, 8 bytes), so
    an edge costs one random read, not two: at 10^7 users the tables are past the caches.

    Without a branch: every followee's value is added, times 1.0 if near and 0.0 if not. A far
    edge so adds +0.0 or -0.0 (the sparse product's 0.0 * v), which changes no sum: x + (+-0.0)
    is x for every x but -0.0, and a sum that starts at +0.0 is never -0.0 (x + -x is +0.0).
    A third of the edges are far at random, so a branch mispredicts often (bench/averaging.py).

    Each edge first prefetches the row `PREFETCH_AHEAD` edges on (the next rows' included, up to
    `last_edge`, the graph's last): the read it will need is then in flight long before."""
    own = heard_and_value[i, 0]
    total = np.float32(0.0)
    near = 0
    for edge in range(indptr[i], indptr[i + 1]):
        prefetch_row(heard_and_value, indices[min(edge + PREFETCH_AHEAD, last_edge)])
        j = indices[edge]
        inside = abs(heard_and_value[j, 0] - own) <= bound
        total += heard_and_value[j, 1] * np.float32(inside)
        near += inside
    if near == 0:
        return 0.0
    count = np.float32(near)
    return step * (np.float64(total - count * heard_and_value[i, 1]) / np.float64(count))


@njit(cache=True)
def averaging_round(
    indptr: np.ndarray,
    indices: np.ndarray,
    heard_and_value: np.ndarray,
    bound: np.float32,
    step: float,
    change: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """Reference: `sim.engine.crowd.attitude.averaging_round_reference`, in one pass over the
    listening edges, a row at a time (`_averaged_row`); `heard_and_value` is (users, 2)
    float32, C-ordered: each user's attitude as heard, then the value the round moves."""
    last_edge = max(indices.shape[0] - 1, 0)
    for i in range(change.shape[0]):
        change[i] = _averaged_row(indptr, indices, heard_and_value, bound, step, i, last_edge)


@njit(cache=True, parallel=True)
def averaging_round_threaded(
    indptr: np.ndarray,
    indices: np.ndarray,
    heard_and_value: np.ndarray,
    bound: np.float32,
    step: float,
    change: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """`averaging_round` with its rows shared among numba's threads: a row reads only the
    round's inputs and writes only its own change, each in the same order as the serial pass,
    so the bits are the same whatever the number of threads or how the rows are split."""
    last_edge = max(indices.shape[0] - 1, 0)
    for i in prange(change.shape[0]):
        change[i] = _averaged_row(indptr, indices, heard_and_value, bound, step, i, last_edge)


_BYTES_ONES = np.uint64(0x0101010101010101)
_BYTES_HIGH = np.uint64(0x8080808080808080)
_LITTLE_ENDIAN = sys.byteorder == "little"  # byte k of a word is then the word's k-th user
_S7 = np.uint64(7)
_S56 = np.uint64(56)
_TOP_BITS_TO_BYTE = np.uint64(0x0102040810204080)
"""Times the word of byte k's flags (bit 8k, after a shift by 7), this puts flag k at bit 56 + k
and no carry above bit 55: the word's top byte is then the eight flags, one bit a user."""
_HIT_PLACES = np.array(
    [
        [k for k in range(8) if mask >> k & 1] + [0] * (8 - bin(mask).count("1"))
        for mask in range(256)
    ],
    dtype=np.int64,
)
"""For each byte of eight flags, where its set bits are, in order (then zeros)."""
_HIT_COUNTS = np.array([bin(mask).count("1") for mask in range(256)], dtype=np.int64)


@njit(cache=True)
def users_in_states(
    state: np.ndarray, first: int, last: int, count: int
) -> np.ndarray:  # pragma: no cover - compiled
    """Reference: `np.flatnonzero((state >= first) & (state <= last))` for State codes (0 to
    127), where `count` is how many users are in those states (the population keeps the
    counts): the result is made at its size, with no count pass and no copy.

    The codes are read eight at a time, as 64-bit words. Adding 128 - first to a byte sets its
    top bit iff the code is at least `first`, adding 127 - last iff it is above `last`; no byte
    carries into the next, as codes are below 128. A word with none in the range is skipped.
    Else its eight flags are gathered into one byte by a multiplication (`_TOP_BITS_TO_BYTE`)
    and all eight places are written from a table of where each byte's set bits are
    (`_HIT_PLACES`), the next free place moving on by their number: the next word's writes
    cover the rest. No branch per user, which mispredicts often at a middling share. The scan
    stops where `count` users are found, and writes past them only into the result's spare
    eight."""
    if last < first or count <= 0:
        return np.empty(0, dtype=np.int64)
    users = np.empty(count + 8, dtype=np.int64)
    n = state.shape[0]
    filled = 0
    begin = 0
    if _LITTLE_ENDIAN:
        whole = n - n % 8
        words = state[:whole].view(np.uint64)
        at_least = np.uint64(128 - first) * _BYTES_ONES
        above = np.uint64(127 - last) * _BYTES_ONES
        for w in range(words.shape[0]):
            if filled >= count:
                break
            word = words[w]
            hit = (word + at_least) & ~(word + above) & _BYTES_HIGH
            if hit:
                flags = ((hit >> _S7) * _TOP_BITS_TO_BYTE) >> _S56
                first_user = w * 8
                for k in range(8):
                    users[filled + k] = first_user + _HIT_PLACES[flags, k]
                filled += _HIT_COUNTS[flags]
        begin = whole
    low = np.uint8(first)
    width = np.uint8(last - first)
    for user in range(begin, n):
        if filled >= count:
            break
        users[filled] = user
        filled += int(np.uint8(np.uint8(state[user]) - low) <= width)
    return users[:filled]


@njit(cache=True)
def mark_turned(
    users: np.ndarray, after: np.ndarray, anchor: np.ndarray, turned_tick: np.ndarray, tick: int
) -> None:  # pragma: no cover - compiled
    """Reference: `sim.engine.world.population.Population._mark_turned_reference`: each user
    (unique) who liked the brand (anchor >= 0), has not turned before and whose attitude
    `after` is below zero turns at `tick`."""
    for i in range(users.shape[0]):
        user = users[i]
        if after[i] < 0.0 and turned_tick[user] < 0 and anchor[user] >= 0.0:
            turned_tick[user] = tick


@njit(cache=True, parallel=True)
def mark_turned_threaded(
    users: np.ndarray, after: np.ndarray, anchor: np.ndarray, turned_tick: np.ndarray, tick: int
) -> None:  # pragma: no cover - compiled
    """`mark_turned` with its users shared among numba's threads: the users are unique, so each
    user's tick is written by one thread at most."""
    for i in prange(users.shape[0]):
        user = users[i]
        if after[i] < 0.0 and turned_tick[user] < 0 and anchor[user] >= 0.0:
            turned_tick[user] = tick


@njit(cache=True)
def move_to_state(
    users: np.ndarray, state: np.ndarray, counts: np.ndarray, code: int
) -> None:  # pragma: no cover - compiled
    """Reference: `sim.engine.world.population.Population._set_state_reference`: each user
    (repeats allowed) moved to state `code`, the per-state counts kept."""
    for i in range(users.shape[0]):
        user = users[i]
        old = state[user]
        if old != code:
            counts[old] -= 1
            counts[code] += 1
            state[user] = code


@njit(cache=True)
def unique_inverse_counts(
    values: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Reference: `np.unique(values, return_inverse=True, return_counts=True)` of a 1-D integer
    array: the sorted distinct values, each value's index among them and how often each occurs.
    The three are canonical, so a sort and one scan give numpy's arrays."""
    count = values.shape[0]
    order = np.argsort(values, kind="mergesort")
    inverse = np.empty(count, dtype=np.int64)
    distinct = np.empty(count, dtype=values.dtype)
    counts = np.zeros(count, dtype=np.int64)
    found = -1
    for k in range(count):
        value = values[order[k]]
        if found < 0 or value != distinct[found]:
            found += 1
            distinct[found] = value
        counts[found] += 1
        inverse[order[k]] = found
    return distinct[: found + 1].copy(), inverse, counts[: found + 1].copy()


lock_writes(globals())  # every kernel's cache saved one process at a time (disk_cache)
