"""Two-speed collective memory (Candia et al. 2019): every attitude shock splits into a fast
part and a slow part that decay back to the user's pre-crisis anchor at their own half-lives.

A shift runs as one compiled pass where numba imports (`sim.engine.kernels.jit.memory_shift`),
else as the numpy reference `AttitudeMemory._shift_reference`; the two agree bit for bit, the
running sums included (the kernel sums as numpy does, pairwise; tests/sim_tests/test_kernels.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType

import numpy as np

from sim.engine.kernels import compiled, on_threads, threaded_calls

_FOLD_BELOW = 1e-100  # fold a decay scale into the stored parts before it can underflow


def sorted_unique(users: np.ndarray) -> np.ndarray:
    """`np.unique(users)`, without its sort when `users` are already strictly ascending, as the
    phases mostly pass them (one pass to check; the sort of millions of readers a tick at 10^7
    users cost more than the rest of becoming aware)."""
    if len(users) < 2 or bool(np.all(users[1:] > users[:-1])):
        return users
    return np.unique(users)


def split_shock(delta: np.ndarray, slow_share: float) -> tuple[np.ndarray, np.ndarray]:
    """The fast and slow parts of an attitude change."""
    return delta * (1.0 - slow_share), delta * slow_share


def bounded_change(current: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """The part of `delta` that keeps attitudes inside [-1, 1]."""
    return np.clip(current + delta, -1.0, 1.0) - current


class AttitudeMemory:
    """Every user's attitude a = clip(anchor + fast + slow, -1, 1), kept so that a quiet tick
    costs the same for ten users as for ten million.

    Decay multiplies every user's fast part by one factor and every slow part by another, so each
    part is stored once with a shared scale (the part is stored value x scale): a tick of decay
    changes two numbers. The mean attitude of everyone and of each named group (the stakeholders;
    the users aware of the crisis, a group users join as they learn of it) is kept as running
    sums updated by each shift and each enrolment. The sums ignore the clip. Whatever the decay
    factors, a user's attitude stays between anchor + (its negative parts) and anchor + (its
    positive parts), so the clip can only ever matter for the few users for whom one of those
    bounds lies outside [-1, 1] ("irregular"); the mean corrects for them exactly.
    """

    def __init__(
        self, anchor: np.ndarray, slow_share: float, groups: Mapping[str, np.ndarray]
    ) -> None:
        self.anchor = anchor
        self.slow_share = slow_share
        n = len(anchor)
        # Group 0 is everyone; the named groups follow in the order given. One row of one
        # table each, so the compiled shift reads every group's members from one array.
        self._names = {name: k + 1 for k, name in enumerate(groups)}
        self._membership = np.ones((1 + len(groups), n), dtype=bool)
        for row, members in zip(self._membership[1:], groups.values(), strict=True):
            row[:] = members
        self._members = list(self._membership)
        self._fast = np.zeros(n)
        self._slow = np.zeros(n)
        self._fast_scale = 1.0
        self._slow_scale = 1.0
        self._irregular = np.abs(anchor) > 1.0  # no parts yet: the bounds are the anchor
        self._irregular_users = np.empty(0, dtype=np.int64)
        self._irregular_stale = True
        self._scratch: np.ndarray | None = None  # the compiled kernels' two rows, made once
        self._anchor_sum = np.array([float(anchor[m].sum()) for m in self._members])
        self._count = np.array([int(np.count_nonzero(m)) for m in self._members])
        self.resync()

    # ------------------------------------------------------------------ reading

    @property
    def fast(self) -> np.ndarray:
        return self._fast * self._fast_scale

    @property
    def slow(self) -> np.ndarray:
        return self._slow * self._slow_scale

    def unclipped(self, users: np.ndarray | slice = slice(None)) -> np.ndarray:
        return (
            self.anchor[users]
            + self._fast[users] * self._fast_scale
            + self._slow[users] * self._slow_scale
        )

    def attitude(self, users: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Current attitude, in [-1, 1]. Some users' (an array of ids) in one compiled pass
        where numba imports (`jit.attitudes_of`: the same bits as `_attitude_reference`; a
        wave's exposure asks for a million at 10^7 users)."""
        jit = compiled()
        if (
            jit is None
            or not isinstance(users, np.ndarray)
            or users.dtype != np.int64
            or users.ndim != 1
        ):
            return self._attitude_reference(users)
        fast_scale, slow_scale = float(self._fast_scale), float(self._slow_scale)
        return jit.attitudes_of(users, self.anchor, self._fast, self._slow, fast_scale, slow_scale)

    def _attitude_reference(self, users: np.ndarray | slice = slice(None)) -> np.ndarray:
        return np.clip(self.unclipped(users), -1.0, 1.0)

    def count(self, group: str | None = None) -> int:
        return int(self._count[self._group(group)])

    def mean(self, group: str | None = None) -> float:
        """Mean attitude of everyone (or of a group), exact, without visiting every user."""
        g = self._group(group)
        count = self._count[g]
        if count == 0:
            return float("nan")
        total = (
            self._anchor_sum[g]
            + self._fast_sum[g] * self._fast_scale
            + self._slow_sum[g] * self._slow_scale
        )
        odd = self._irregular_now()
        if g:
            odd = odd[self._members[g][odd]]
        if len(odd):
            raw = self.unclipped(odd)
            total += float(np.sum(np.clip(raw, -1.0, 1.0) - raw))
        return float(total / count)

    def anchor_mean(self, group: str | None = None) -> float:
        """Mean pre-crisis attitude of everyone (or of a group)."""
        g = self._group(group)
        count = self._count[g]
        return float(self._anchor_sum[g] / count) if count else float("nan")

    # ------------------------------------------------------------------ changing

    def enroll(self, group: str, users: np.ndarray) -> None:
        """Users join a group (those already in it are left as they are)."""
        g = self._group(group)
        members = self._members[g]
        new = sorted_unique(users[~members[users]])
        if len(new) == 0:
            return
        members[new] = True
        self._count[g] += len(new)
        self._anchor_sum[g] += float(self.anchor[new].sum())
        self._fast_sum[g] += float(self._fast[new].sum())
        self._slow_sum[g] += float(self._slow[new].sum())

    def shift(self, users: np.ndarray, delta: np.ndarray, resync: bool = False) -> np.ndarray:
        """Apply attitude changes, bounded to [-1, 1]; `users` must be unique. Returns the
        users' attitudes after the change. `resync`: recompute the running sums from the
        stored parts afterwards (`resync`) instead of adding the changes to them, as a shift
        of most of the crowd (social averaging's) wants: the same sums, without the passes
        over the shifted users that the resync would throw away."""
        if len(users) == 0:
            if resync:
                self.resync()
            return np.empty(0)
        jit = compiled()
        change = np.asarray(delta, dtype=np.float64).reshape(-1)
        if jit is None or users.ndim != 1 or len(change) not in (1, len(users)):
            after = self._shift_reference(users, delta, with_sums=not resync)
        else:
            after = self._compiled_shift(jit, users, change, with_sums=not resync)
        if resync:
            self.resync()
        return after

    def _compiled_shift(
        self, jit: ModuleType, users: np.ndarray, change: np.ndarray, with_sums: bool
    ) -> np.ndarray:
        after = np.empty(len(users))
        scales = (float(self._fast_scale), float(self._slow_scale), float(self.slow_share))
        arguments = (
            users,
            change,
            self.anchor,
            self._fast,
            self._slow,
            scales,
            self._membership,
            self._sums,
            with_sums,
            self._irregular,
            after,
            self._scratch_rows(),
        )
        if on_threads(len(users)):
            with threaded_calls:
                flipped = jit.memory_shift(*arguments, True)
        else:
            flipped = jit.memory_shift(*arguments, False)
        if flipped:
            self._irregular_stale = True
        return after

    def in_float32(self, heard_and_value: np.ndarray, of_shift: bool) -> bool:
        """Social averaging's inputs, in an array the caller keeps (users x 2, float32), so a
        round makes none: every user's attitude rounded to float32 in column 0, and in column 1
        its shift from the anchor (in float64, then rounded) if `of_shift`, else the attitude
        again. Returns whether any shift is not zero (True when no shift is asked for).
        Compiled where numba imports (`jit.attitudes_in_float32`), else `_float32_reference`:
        the same bits."""
        jit = compiled()
        if jit is None:
            return self._float32_reference(heard_and_value, of_shift)
        return bool(
            jit.attitudes_in_float32(
                self.anchor,
                self._fast,
                self._slow,
                float(self._fast_scale),
                float(self._slow_scale),
                heard_and_value,
                of_shift,
            )
        )

    def _float32_reference(self, heard_and_value: np.ndarray, of_shift: bool) -> bool:
        attitude = self.attitude()
        heard_and_value[:, 0] = attitude
        if not of_shift:
            heard_and_value[:, 1] = heard_and_value[:, 0]
            return True
        away = attitude - self.anchor
        heard_and_value[:, 1] = away
        return bool(np.any(away))

    def _scratch_rows(self) -> np.ndarray:
        """Two rows of one float64 per user for the compiled kernels' sums, made at the first
        shift or resync and kept, so that no round maps fresh pages for them again."""
        if self._scratch is None:
            self._scratch = np.empty((2, len(self.anchor)))
        return self._scratch

    def _shift_reference(
        self, users: np.ndarray, delta: np.ndarray, with_sums: bool = True
    ) -> np.ndarray:
        """`shift` in numpy: the reference the compiled shift must equal bit for bit."""
        anchor = self.anchor[users]
        fast = self._fast[users] * self._fast_scale
        slow = self._slow[users] * self._slow_scale
        current = np.clip(anchor + fast + slow, -1.0, 1.0)
        fast_change, slow_change = split_shock(bounded_change(current, delta), self.slow_share)
        fast += fast_change
        slow += slow_change
        # Add the change to what is stored (not store the new total): a zero change then leaves
        # a user's stored parts exactly as they were, whatever else is shifted with it.
        self._fast[users] += fast_change / self._fast_scale
        self._slow[users] += slow_change / self._slow_scale
        for g, members in enumerate(self._members if with_sums else ()):
            inside = slice(None) if g == 0 else members[users]
            self._fast_sum[g] += float(fast_change[inside].sum()) / self._fast_scale
            self._slow_sum[g] += float(slow_change[inside].sum()) / self._slow_scale
        # However the parts decay from here, the attitude stays between these two bounds.
        lowest = anchor + np.minimum(fast, 0.0) + np.minimum(slow, 0.0)
        highest = anchor + np.maximum(fast, 0.0) + np.maximum(slow, 0.0)
        irregular = (lowest < -1.0) | (highest > 1.0)
        if np.any(irregular != self._irregular[users]):
            self._irregular[users] = irregular
            self._irregular_stale = True
        return anchor + fast + slow

    def decay(self, fast_factor: float, slow_factor: float) -> None:
        """Both memory parts decay toward the anchor by their factors: O(1)."""
        self._fast_scale *= fast_factor
        self._slow_scale *= slow_factor
        if min(self._fast_scale, self._slow_scale) < _FOLD_BELOW:
            self._fast *= self._fast_scale
            self._slow *= self._slow_scale
            self._fast_scale = self._slow_scale = 1.0
            self.resync()

    def resync(self) -> None:
        """Recompute the running sums from the stored parts (they drift by rounding only).
        Both in one table (row 0 fast, row 1 slow, a column per group) the compiled shift
        updates in place. Compiled where numba imports (`jit.group_sums`, the same sums to the
        bit without a copy of the parts per group: 20 -> 5 ms at 10^6 users and three groups),
        the fast parts on one thread and the slow on another when the crowd is big enough."""
        jit = compiled()
        if jit is None:
            self._sums = np.array(
                [
                    [float(self._fast[m].sum()) for m in self._members],
                    [float(self._slow[m].sum()) for m in self._members],
                ]
            )
        else:
            self._sums = np.empty((2, len(self._members)))
            scratch = self._scratch_rows()
            if on_threads(len(self.anchor)):
                with threaded_calls:
                    jit.group_sums_threaded(
                        self._fast, self._slow, self._membership, self._sums, scratch
                    )
            else:
                jit.group_sums(self._fast, self._membership, self._sums[0], scratch[0])
                jit.group_sums(self._slow, self._membership, self._sums[1], scratch[0])
        self._fast_sum, self._slow_sum = self._sums

    def _group(self, group: str | None) -> int:
        return 0 if group is None else self._names[group]

    def _irregular_now(self) -> np.ndarray:
        if self._irregular_stale:
            self._irregular_users = np.flatnonzero(self._irregular)
            self._irregular_stale = False
        return self._irregular_users
