"""Who sees a post, and when: the attention-decay kernel of docs/model.md section 3.

A post's followers see it with total probability v0 spread over time with a half-life. Rather
than revisiting every live post every tick, each post's audience and viewing delays are drawn
once, when it is made, from the same distribution (exponential delays, truncated at the window):
the per-tick chance of a first view is identical, and the cost is paid once per post. The draws
belong to (post, follower), so they are coupled across counterfactual runs (`sim.engine.draws`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from sim.engine.draws import Word, draw_from_key


@dataclass(frozen=True)
class Kernel:
    """Visibility of a post: total probability, half-life and how long it stays visible."""

    visibility: float
    half_life_h: float
    window_h: float
    tick_h: float

    @property
    def window_ticks(self) -> int:
        return max(1, math.ceil(self.window_h / self.tick_h))

    @property
    def seen_within_window(self) -> float:
        """Share of the eventual views that happen inside the window."""
        return 1.0 - 2.0 ** (-self.window_h / self.half_life_h)


def follower_slices(adjacency: csr_matrix, authors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All followers of all authors, concatenated, with the position of each one's author."""
    starts = adjacency.indptr[authors]
    lengths = adjacency.indptr[authors + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64)
    owner = np.repeat(np.arange(len(authors)), lengths)
    offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return adjacency.indices[starts[owner] + offsets], owner


def sample_views(
    candidates: np.ndarray,
    keys: Word,
    kernel: Kernel,
    visibility: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Which candidates see the item and after how many ticks (>= 1).

    `keys` is the item's identity key (or one per candidate, for several items at once): each
    candidate's chance is drawn from (key, candidate), so the same item meets the same readers
    at the same delays in every run where it is posted. One number per candidate decides both:
    a candidate sees the item when u < chance, and then u / chance, uniform on (0, 1), places
    the view in time. Returns the positions (into `candidates`) of those who see it and their
    delays in ticks.
    """
    chance = _view_chance(kernel, visibility)
    u = draw_from_key(keys, candidates)
    positions = np.flatnonzero(u < chance)
    return positions, view_delays(u[positions] / chance, kernel)


def sample_follower_views(
    followers: csr_matrix,
    authors: np.ndarray,
    keys: np.ndarray,
    kernel: Kernel,
    visibility: float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The followers of `authors` who see their posts (one identity key per post): the viewers,
    the index (into `authors`) of the post each one sees, and the delays in ticks."""
    if len(authors) == 0:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64), np.empty(0, np.int64)
    readers, owner = follower_slices(followers, authors)
    positions, delays = sample_views(readers, keys[owner], kernel, visibility)
    return readers[positions], owner[positions], delays


def view_delays(uniform: np.ndarray, kernel: Kernel) -> np.ndarray:
    """Ticks until each viewer sees the item, from one uniform number each: exponential with
    the kernel's half-life, conditioned on falling inside the window (inverse CDF), at least
    one tick."""
    tail = 2.0 ** (-kernel.window_h / kernel.half_life_h)
    u = tail + (1.0 - tail) * uniform
    delay_h = -np.log2(u) * kernel.half_life_h
    return 1 + np.minimum((delay_h / kernel.tick_h).astype(np.int64), kernel.window_ticks - 1)


def _view_chance(kernel: Kernel, visibility: float | None) -> float:
    """Chance that one candidate sees the item within the window."""
    total = kernel.visibility if visibility is None else visibility
    return total * kernel.seen_within_window
