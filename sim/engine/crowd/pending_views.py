"""Views scheduled for future ticks: drawn when an item is posted, delivered when due."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np


class ItemKind(IntEnum):
    NEGATIVE = 0  # third-party negative post or news item
    DEFENDING = 1  # a supporter defending the brand
    STATEMENT = 2  # a brand statement (own post, relay, media quote, reply)


@dataclass(frozen=True)
class Views:
    """A batch of views: who sees what, with which source weight. `item` is the post's id in
    the post log, or for a brand statement its index in the model's statements."""

    readers: np.ndarray
    kind: np.ndarray
    weight: np.ndarray
    item: np.ndarray

    def of_kind(self, kind: ItemKind) -> Views:
        mask = self.kind == kind
        return Views(self.readers[mask], self.kind[mask], self.weight[mask], self.item[mask])

    def __len__(self) -> int:
        return len(self.readers)


class PendingViews:
    """A ring of per-tick buckets as long as the longest delay. A tick's views come back in
    the order they were added: batch by batch, and within a batch in the batch's order.

    An item's views spread over up to a window's worth of ticks (144 five-minute ticks for a
    12-hour window), so filing each added batch into its buckets at once would cost a bucket
    entry per batch and delay. Batches wait instead, and are filed together when a tick is
    next taken out: one stable sort of all of them by due bucket, and a slice of that sort per
    bucket, which keeps every bucket's order (batch by batch, then within the batch)."""

    def __init__(self, horizon_ticks: int) -> None:
        self._size = horizon_ticks + 1
        self._buckets: list[list[tuple[np.ndarray, ...]]] = [[] for _ in range(self._size)]
        self._waiting: list[tuple[np.ndarray, ...]] = []

    def add(
        self,
        now: int,
        readers: np.ndarray,
        delays: np.ndarray,
        kind: ItemKind,
        weight: np.ndarray | float = 1.0,
        item: np.ndarray | int = -1,
    ) -> None:
        if len(readers) == 0:
            return
        if np.any(delays >= self._size) or np.any(delays < 1):
            raise ValueError("view delays must be between 1 and the ring's horizon")
        self._waiting.append(
            (
                readers.astype(np.int64),
                np.full(len(readers), kind, dtype=np.int8),
                np.broadcast_to(np.asarray(weight, dtype=np.float64), readers.shape),
                np.broadcast_to(np.asarray(item, dtype=np.int64), readers.shape),
                (now + delays) % self._size,
            )
        )

    def pop(self, now: int) -> Views:
        self._file_waiting()
        bucket = self._buckets[now % self._size]
        self._buckets[now % self._size] = []
        if not bucket:
            empty = np.empty(0)
            return Views(
                empty.astype(np.int64), empty.astype(np.int8), empty, empty.astype(np.int64)
            )
        return Views(*(np.concatenate(parts) for parts in zip(*bucket, strict=True)))

    def is_empty(self) -> bool:
        return not self._waiting and not any(self._buckets)

    def _file_waiting(self) -> None:
        """Each waiting view into its due bucket, in the order the views were added."""
        if not self._waiting:
            return
        readers, kinds, weights, items, due = (
            np.concatenate(column) for column in zip(*self._waiting, strict=True)
        )
        self._waiting = []
        order = np.argsort(due, kind="stable")
        readers, kinds, weights, items, due = (
            readers[order],
            kinds[order],
            weights[order],
            items[order],
            due[order],
        )
        cuts = (np.flatnonzero(np.diff(due)) + 1).tolist()
        for start, end in zip([0, *cuts], [*cuts, len(due)], strict=True):
            self._buckets[int(due[start])].append(
                (readers[start:end], kinds[start:end], weights[start:end], items[start:end])
            )
