"""Every post of the crisis, with who made it, when, what it reshared and how often it was
reshared: the material of the war room's feed and of cascade measurements."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.vocabulary import NO_AUTHOR, NO_PARENT, PostKind

__all__ = ["NO_AUTHOR", "NO_PARENT", "Post", "PostKind", "PostLog"]


@dataclass(frozen=True)
class Post:
    id: int
    tick: int
    author: int
    kind: PostKind
    parent: int
    reshares: int


class PostLog:
    """Columns that grow by doubling, so recording a tick's posts costs no per-post Python."""

    _COLUMNS = ("tick", "author", "kind", "parent", "reshares")

    def __init__(self, capacity: int = 1024) -> None:
        self._size = 0
        self._data = {name: np.zeros(capacity, dtype=np.int64) for name in self._COLUMNS}

    def __len__(self) -> int:
        return self._size

    def column(self, name: str) -> np.ndarray:
        return self._data[name][: self._size]

    def add(
        self, tick: int, authors: np.ndarray, kind: PostKind, parents: np.ndarray | None = None
    ) -> np.ndarray:
        """Record one post per author; return their ids."""
        count = len(authors)
        self._reserve(self._size + count)
        ids = np.arange(self._size, self._size + count)
        self._data["tick"][ids] = tick
        self._data["author"][ids] = authors
        self._data["kind"][ids] = kind
        self._data["parent"][ids] = NO_PARENT if parents is None else parents
        self._size += count
        return ids

    def credit_reshares(self, post_ids: np.ndarray) -> None:
        """Each id in the array gained one reshare (ids may repeat)."""
        valid = post_ids[post_ids >= 0]
        np.add.at(self._data["reshares"], valid, 1)

    def post(self, post_id: int) -> Post:
        return Post(
            id=int(post_id),
            tick=int(self._data["tick"][post_id]),
            author=int(self._data["author"][post_id]),
            kind=PostKind(int(self._data["kind"][post_id])),
            parent=int(self._data["parent"][post_id]),
            reshares=int(self._data["reshares"][post_id]),
        )

    def since(self, tick: int) -> list[Post]:
        """Posts made at or after `tick`, oldest first."""
        first = int(np.searchsorted(self.column("tick"), tick, side="left"))
        return [self.post(i) for i in range(first, self._size)]

    def _reserve(self, size: int) -> None:
        capacity = len(self._data["tick"])
        if size <= capacity:
            return
        while capacity < size:
            capacity *= 2
        for name, column in self._data.items():
            grown = np.zeros(capacity, dtype=np.int64)
            grown[: len(column)] = column
            self._data[name] = grown
