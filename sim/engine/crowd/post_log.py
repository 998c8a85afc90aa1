"""Every post of the crisis, with who made it, when, why, what it reshared, how shareable it is
and how often it was reshared: the material of the war room's feed and of cascade measurements.

A post's identity is (author, tick, origin), not its position in the log: a counterfactual that
adds or removes a post earlier in the run shifts the positions, but a post that happens in both
runs keeps its key, and with it the followers who see it and when (`sim.engine.draws`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import ClassVar

import numpy as np

from sim.vocabulary import NO_AUTHOR, NO_PARENT, PostKind

__all__ = ["NO_AUTHOR", "NO_PARENT", "Origin", "Post", "PostKind", "PostLog"]


class Origin(IntEnum):
    """Why a post was made; part of its identity, since one user can post twice in one tick for
    two reasons (sharing what it read, then reposting in anger)."""

    SEED = 0  # the crisis's first content, or a new wave's
    SHARE = 1  # an exposed user shares what it read
    REPOST = 2  # a spreader posts again
    DEFEND = 3  # a skeptic defends the brand
    ARTICLE = 4  # a news story
    NO_COMMENT = 5  # a story that the brand did not comment


@dataclass(frozen=True)
class Post:
    id: int
    tick: int
    author: int
    kind: PostKind
    parent: int
    reshares: int
    appeal: float


class PostLog:
    """Columns that grow by doubling, so recording a tick's posts costs no per-post Python."""

    _COLUMNS: ClassVar[dict[str, type]] = {
        "tick": np.int64,
        "author": np.int64,
        "kind": np.int64,
        "parent": np.int64,
        "reshares": np.int64,
        "key": np.uint64,  # the identity key the post's views are drawn from
        "appeal": np.float64,  # multiplier of the chance that a view makes a reshare
    }

    def __init__(self, capacity: int = 1024) -> None:
        self._size = 0
        self._data: dict[str, np.ndarray] = {
            name: np.zeros(capacity, dtype=dtype) for name, dtype in self._COLUMNS.items()
        }

    def __len__(self) -> int:
        return self._size

    def column(self, name: str) -> np.ndarray:
        return self._data[name][: self._size]

    def add(
        self,
        tick: int,
        authors: np.ndarray,
        kind: PostKind,
        keys: np.ndarray,
        appeal: np.ndarray | float,
        parents: np.ndarray | None = None,
    ) -> np.ndarray:
        """Record one post per author, with its identity key and appeal; return their ids."""
        count = len(authors)
        self._reserve(self._size + count)
        ids = np.arange(self._size, self._size + count)
        self._data["tick"][ids] = tick
        self._data["author"][ids] = authors
        self._data["kind"][ids] = kind
        self._data["parent"][ids] = NO_PARENT if parents is None else parents
        self._data["key"][ids] = keys
        self._data["appeal"][ids] = appeal
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
            appeal=float(self._data["appeal"][post_id]),
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
            grown = np.zeros(capacity, dtype=column.dtype)
            grown[: len(column)] = column
            self._data[name] = grown
