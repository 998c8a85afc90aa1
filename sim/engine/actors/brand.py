"""The brand account: holds the team's queued responses until they are due and keeps the
record of what the brand has said (for inconsistency and for 'who spoke first'). It says which
statements go out; the storyline sends them (`sim.engine.response.reach`)."""

from __future__ import annotations

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
        self.inconsistencies = 0
        self.first_public_h: float | None = None

    def queue(self, action: Action) -> None:
        self.queued.append(action)
        self.queued.sort(key=lambda queued: queued.at_h)

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
        spoken = [a.strategy for _, a in self.released if a.is_public]
        if action.is_public and is_contradiction(spoken, action.strategy):
            self.inconsistencies += 1
        if action.is_public and action.strategy is not Strategy.NO_COMMENT:
            self.went_public(hours)
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
        return any(a.strategy in DENIAL_STRATEGIES and a.is_public for _, a in self.released)

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
