"""Two-speed collective memory (Candia et al. 2019): every attitude shock splits into a fast
part and a slow part that decay back to the user's pre-crisis anchor at their own half-lives."""

from __future__ import annotations

import numpy as np

_FOLD_BELOW = 1e-100  # fold a decay scale into the stored parts before it can underflow


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
    changes two numbers. The mean attitude of everyone and of one group (the stakeholders) is kept
    as running sums updated by each shift. The sums ignore the clip. Whatever the decay factors,
    a user's attitude stays between anchor + (its negative parts) and anchor + (its positive
    parts), so the clip can only ever matter for the few users for whom one of those bounds lies
    outside [-1, 1] ("irregular"); the mean corrects for them exactly.
    """

    def __init__(self, anchor: np.ndarray, slow_share: float, group: np.ndarray) -> None:
        self.anchor = anchor
        self.slow_share = slow_share
        self.group = group
        n = len(anchor)
        self._fast = np.zeros(n)
        self._slow = np.zeros(n)
        self._fast_scale = 1.0
        self._slow_scale = 1.0
        self._irregular = np.abs(anchor) > 1.0  # no parts yet: the bounds are the anchor
        self._irregular_users = np.empty(0, dtype=np.int64)
        self._irregular_stale = True
        self._anchor_sum = (float(anchor.sum()), float(anchor[group].sum()))
        self._count = (n, int(np.count_nonzero(group)))
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
        """Current attitude, in [-1, 1]."""
        return np.clip(self.unclipped(users), -1.0, 1.0)

    def mean(self, in_group: bool = False) -> float:
        """Mean attitude of everyone (or of the group), exact, without visiting every user."""
        g = int(in_group)
        count = self._count[g]
        if count == 0:
            return float("nan")
        total = (
            self._anchor_sum[g]
            + self._fast_sum[g] * self._fast_scale
            + self._slow_sum[g] * self._slow_scale
        )
        odd = self._irregular_now()
        if in_group:
            odd = odd[self.group[odd]]
        if len(odd):
            raw = self.unclipped(odd)
            total += float(np.sum(np.clip(raw, -1.0, 1.0) - raw))
        return total / count

    # ------------------------------------------------------------------ changing

    def shift(self, users: np.ndarray, delta: np.ndarray) -> None:
        """Apply attitude changes, bounded to [-1, 1]; `users` must be unique."""
        if len(users) == 0:
            return
        anchor = self.anchor[users]
        fast = self._fast[users] * self._fast_scale
        slow = self._slow[users] * self._slow_scale
        current = np.clip(anchor + fast + slow, -1.0, 1.0)
        fast_change, slow_change = split_shock(bounded_change(current, delta), self.slow_share)
        fast += fast_change
        slow += slow_change
        self._fast[users] = fast / self._fast_scale
        self._slow[users] = slow / self._slow_scale
        in_group = self.group[users]
        for totals, change, scale in (
            (self._fast_sum, fast_change, self._fast_scale),
            (self._slow_sum, slow_change, self._slow_scale),
        ):
            totals[0] += float(change.sum()) / scale
            totals[1] += float(change[in_group].sum()) / scale
        # However the parts decay from here, the attitude stays between these two bounds.
        lowest = anchor + np.minimum(fast, 0.0) + np.minimum(slow, 0.0)
        highest = anchor + np.maximum(fast, 0.0) + np.maximum(slow, 0.0)
        irregular = (lowest < -1.0) | (highest > 1.0)
        if np.any(irregular != self._irregular[users]):
            self._irregular[users] = irregular
            self._irregular_stale = True

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
        """Recompute the running sums from the stored parts (they drift by rounding only)."""
        self._fast_sum = [float(self._fast.sum()), float(self._fast[self.group].sum())]
        self._slow_sum = [float(self._slow.sum()), float(self._slow[self.group].sum())]

    def _irregular_now(self) -> np.ndarray:
        if self._irregular_stale:
            self._irregular_users = np.flatnonzero(self._irregular)
            self._irregular_stale = False
        return self._irregular_users
