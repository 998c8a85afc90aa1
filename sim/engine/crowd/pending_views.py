"""Views scheduled for future ticks: drawn when an item is posted, delivered when due."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np


class ItemKind(IntEnum):
    NEGATIVE = 0  # third-party negative post or news item
    DEFENDING = 1  # a supporter defending the brand
    STATEMENT = 2  # a brand statement (own post, relay, media quote, reply)


_KINDS = len(ItemKind)


@dataclass(frozen=True)
class Views:
    """A batch of views of one kind of item: who sees what, with which source weight. `item` is
    the post's id in the post log, or for a brand statement its index in the model's
    statements."""

    readers: np.ndarray
    weight: np.ndarray
    item: np.ndarray

    def __len__(self) -> int:
        return len(self.readers)


@dataclass(frozen=True)
class DueViews:
    """The views due at a tick, by kind of item."""

    kinds: tuple[Views, ...]  # one per ItemKind, in its order

    def of_kind(self, kind: ItemKind) -> Views:
        return self.kinds[kind]

    def __len__(self) -> int:
        return sum(len(views) for views in self.kinds)


class PendingViews:
    """A ring of per-tick buckets as long as the longest delay. A tick's views of each kind
    come back in the order they were added: batch by batch, and within a batch in the batch's
    order.

    An item's views spread over up to a window's worth of ticks (144 five-minute ticks for a
    12-hour window), so filing each added batch into its buckets at once would cost a bucket
    entry per batch and delay. Batches wait instead, and are filed together when a tick is
    next taken out: one stable sort of all of them by due bucket and kind, and a slice of that
    sort per bucket and kind, which keeps each one's order (batch by batch, then within the
    batch)."""

    def __init__(self, horizon_ticks: int) -> None:
        self._size = horizon_ticks + 1
        self._buckets: list[list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]] = [
            [] for _ in range(self._size)
        ]
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
                np.broadcast_to(np.asarray(weight, dtype=np.float64), readers.shape),
                np.broadcast_to(np.asarray(item, dtype=np.int64), readers.shape),
                (now + delays) % self._size * _KINDS + int(kind),  # bucket and kind
            )
        )

    def pop(self, now: int) -> DueViews:
        self._file_waiting()
        bucket = self._buckets[now % self._size]
        self._buckets[now % self._size] = []
        return DueViews(
            tuple(_joined([part for part in bucket if part[0] == kind]) for kind in ItemKind)
        )

    def is_empty(self) -> bool:
        return not self._waiting and not any(self._buckets)

    def _file_waiting(self) -> None:
        """Each waiting view into its due bucket, in the order the views were added."""
        if not self._waiting:
            return
        readers, weights, items, place = (
            np.concatenate(column) for column in zip(*self._waiting, strict=True)
        )
        self._waiting = []
        order = np.argsort(place, kind="stable")
        readers, weights, items, place = readers[order], weights[order], items[order], place[order]
        cuts = (np.flatnonzero(np.diff(place)) + 1).tolist()
        for start, end in zip([0, *cuts], [*cuts, len(place)], strict=True):
            due, kind = divmod(int(place[start]), _KINDS)
            self._buckets[due].append(
                (kind, readers[start:end], weights[start:end], items[start:end])
            )


def _joined(parts: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]) -> Views:
    if not parts:
        return Views(np.empty(0, dtype=np.int64), np.empty(0), np.empty(0, dtype=np.int64))
    if len(parts) == 1:
        return Views(*parts[0][1:])
    return Views(*(np.concatenate(column) for column in list(zip(*parts, strict=True))[1:]))
