"""The brand account: holds the team's queued responses until they are due and keeps the
record of what the brand has said (for inconsistency and for 'who spoke first'). It says which
statements go out; the storyline sends them (`sim.engine.response.reach`)."""

from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING

import mesa

from sim.action import Action
from sim.clock import EPSILON_H
from sim.engine.response.effect import is_contradiction
from sim.spec.schema import DENIAL_STRATEGIES, Strategy

if TYPE_CHECKING:
    from sim.engine.model import CrisisModel


class BrandAccount(mesa.Agent):
    model: CrisisModel

    def __init__(self, model: CrisisModel, tick_h: float) -> None:
        super().__init__(model)
        self.tick_h = tick_h
        self.queued: list[Action] = []
        self.released: list[tuple[float, Action]] = []
        self._spoken: set[Strategy] = set()
        """The strategies of the public statements released so far: all that inconsistency
        and denial depend on, kept as they go out instead of re-read from `released`."""
        self.inconsistencies = 0
        self.first_public_h: float | None = None

    def queue(self, action: Action) -> None:
        """In time order, after those queued earlier for the same time (as a stable sort)."""
        bisect.insort_right(self.queued, action, key=_release_hour)

    def due_tick(self, action: Action) -> int:
        return max(0, math.ceil(action.at_h / self.tick_h - EPSILON_H))

    def release_due(self, tick: int) -> list[Action]:
        """Every queued action whose time has come, in time order, recorded as released."""
        due = []
        while self.queued and self.due_tick(self.queued[0]) <= tick:
            action = self.queued.pop(0)
            self._record(tick * self.tick_h, action)
            due.append(action)
        return due

    def _record(self, hours: float, action: Action) -> None:
        if action.is_public and is_contradiction(tuple(self._spoken), action.strategy):
            self.inconsistencies += 1
        if action.is_public and action.strategy is not Strategy.NO_COMMENT:
            self.went_public(hours)
        if action.is_public:
            self._spoken.add(action.strategy)
        self.released.append((hours, action))

    def went_public(self, hours: float) -> None:
        """Record the first time the brand's voice reached the public, on any channel."""
        if self.first_public_h is None:
            self.first_public_h = hours

    @property
    def has_spoken(self) -> bool:
        """A public statement other than 'no comment' is out: silence has ended."""
        return self.first_public_h is not None

    @property
    def denied(self) -> bool:
        return not self._spoken.isdisjoint(DENIAL_STRATEGIES)

    def latest_public(self) -> Action | None:
        for _, action in reversed(self.released):
            if action.is_public and action.strategy is not Strategy.NO_COMMENT:
                return action
        return None

    def answered(self, inquiry_id: str, by_h: float) -> Action | None:
        """The brand's answer to an inquiry by that hour: an explicit one, else a statement
        already out that a journalist can quote."""
        for at_h, action in self.released:
            if action.answers == inquiry_id and at_h <= by_h:
                return action
        return self.latest_public()


def _release_hour(action: Action) -> float:
    return action.at_h
