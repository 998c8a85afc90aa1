"""The small world the crowd's phases work on: the users, the views waiting for them, the posts,
the brand's statements as the crowd meets them, the attention kernel and the run's draws.

The phases (`exposure`, `decisions`, `opinion`) and the posting helpers take a `Crowd`, not the
whole model: what they read and change is all here, and nothing here calls back into the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.action import Action
from sim.engine.crowd.pending_views import PendingViews
from sim.engine.crowd.post_log import PostLog
from sim.engine.crowd.visibility import Kernel
from sim.engine.draws import Draws, Purpose
from sim.engine.response.effect import StatementTerms
from sim.engine.world.population import Population
from sim.spec.schema import ScenarioSpec, Strategy

STATEMENT_AUTHOR = -2  # the brand, in the identity of a statement's views


@dataclass
class TickTally:
    """What the crowd posted this tick: the true volumes the listening tool samples."""

    negative_posts: int = 0
    defending_posts: int = 0
    impressions: int = 0

    def reset(self) -> None:
        self.negative_posts = self.defending_posts = self.impressions = 0


@dataclass(eq=False)
class Statement:
    """One brand statement as published: what it says, the terms of its effect, the identity
    its views are drawn from, and who has already taken it in (each reader reacts once)."""

    action: Action
    terms: StatementTerms
    tick: int
    key: np.uint64
    seen: np.ndarray


@dataclass(eq=False)
class StatementBook:
    """The brand's statements in the order they reached the public."""

    items: list[Statement] = field(default_factory=list)
    latest_answer: int | None = None  # the public answer shown under the crisis's threads
    thread_fuel: float = 1.0  # sharing multiplier of the crisis's threads

    def add(
        self, action: Action, terms: StatementTerms, tick: int, draws: Draws, users: int
    ) -> int:
        """Register a statement published at `tick`; return its index. Its identity is (brand,
        tick, slot), the slot counting the statements already out at that tick. A public one
        that says something becomes the answer shown under the crisis's threads."""
        slot = 0  # statements come in tick order: those of this tick are the last ones
        for item in reversed(self.items):
            if item.tick != tick:
                break
            slot += 1
        key = np.uint64(draws.key(Purpose.VIEW, STATEMENT_AUTHOR, tick, slot)[()])
        self.items.append(Statement(action, terms, tick, key, np.zeros(users, dtype=bool)))
        index = len(self.items) - 1
        if action.is_public and action.strategy is not Strategy.NO_COMMENT:
            self.latest_answer = index
        return index

    def __getitem__(self, index: int) -> Statement:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)


@dataclass(eq=False)
class Crowd:
    spec: ScenarioSpec
    population: Population
    kernel: Kernel
    draws: Draws
    halo: np.ndarray  # H: the share of a negative update each user's prior shields
    pending: PendingViews
    posts: PostLog = field(default_factory=PostLog)
    statements: StatementBook = field(default_factory=StatementBook)
    tally: TickTally = field(default_factory=TickTally)
    tick: int = 0

    @property
    def tick_h(self) -> float:
        return self.kernel.tick_h
