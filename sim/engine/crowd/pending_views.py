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
    """A ring of per-tick buckets as long as the longest delay."""

    def __init__(self, horizon_ticks: int) -> None:
        self._buckets: list[list[tuple[np.ndarray, ...]]] = [[] for _ in range(horizon_ticks + 1)]

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
        if np.any(delays >= len(self._buckets)) or np.any(delays < 1):
            raise ValueError("view delays must be between 1 and the ring's horizon")
        weights = np.broadcast_to(np.asarray(weight, dtype=np.float64), readers.shape)
        items = np.broadcast_to(np.asarray(item, dtype=np.int64), readers.shape)
        order = np.argsort(delays, kind="stable")
        delays, readers = delays[order], readers[order]
        weights, items = weights[order], items[order]
        cuts = np.flatnonzero(np.diff(delays)) + 1
        for chunk in np.split(np.arange(len(delays)), cuts):
            due = (now + int(delays[chunk[0]])) % len(self._buckets)
            self._buckets[due].append(
                (
                    readers[chunk].astype(np.int64),
                    np.full(len(chunk), kind, dtype=np.int8),
                    weights[chunk].astype(np.float64),
                    items[chunk],
                )
            )

    def pop(self, now: int) -> Views:
        bucket = self._buckets[now % len(self._buckets)]
        self._buckets[now % len(self._buckets)] = []
        if not bucket:
            empty = np.empty(0)
            return Views(
                empty.astype(np.int64), empty.astype(np.int8), empty, empty.astype(np.int64)
            )
        return Views(*(np.concatenate(parts) for parts in zip(*bucket, strict=True)))

    def is_empty(self) -> bool:
        return not any(self._buckets)
