"""Media outlets pick up a wave of negative volume after a lag (Leskovec et al. 2009);
journalists ask the brand for comment and, at the deadline, quote its answer or report that it
had none. They say what is due; the storyline publishes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import mesa

from sim.action import Action
from sim.engine.actors.brand import BrandAccount
from sim.spec.schema import Strategy

if TYPE_CHECKING:
    from sim.engine.model import CrisisModel


@dataclass
class Inquiry:
    id: str
    journalist: str
    asked_h: float
    deadline_h: float
    closed: bool = False


class MediaOutlet(mesa.Agent):
    """Covers one wave at a time: the first outlet free when the volume crosses the threshold."""

    model: CrisisModel

    def __init__(self, model: CrisisModel, name: str, number: int) -> None:
        super().__init__(model)
        self.name = name
        self.number = number
        self.article_tick: int | None = None

    def assign(self, tick: int) -> None:
        self.article_tick = tick

    def publishes_at(self, tick: int) -> bool:
        """Whether the outlet's story on the wave it covers comes out now."""
        if self.article_tick is None or self.article_tick > tick:
            return False
        self.article_tick = None
        return True


class Journalist(mesa.Agent):
    model: CrisisModel

    def __init__(self, model: CrisisModel, name: str, number: int) -> None:
        super().__init__(model)
        self.name = name
        self.number = number
        self.inquiries: list[Inquiry] = []

    def track(self, inquiry_id: str, now_h: float, deadline_h: float) -> Inquiry:
        """Wait for the brand's answer to an inquiry: one of the journalist's own, or one made
        elsewhere (an MSEL inject)."""
        inquiry = Inquiry(inquiry_id, self.name, now_h, now_h + deadline_h)
        self.inquiries.append(inquiry)
        return inquiry

    def is_waiting(self, now_h: float) -> bool:
        """An inquiry is open: the journalist is asking the brand to speak."""
        return any(not inquiry.closed and now_h < inquiry.deadline_h for inquiry in self.inquiries)

    def close_due(self, now_h: float, brand: BrandAccount) -> list[Action | None]:
        """At each deadline reached: the brand's answer to quote, or None for 'no comment'."""
        stories: list[Action | None] = []
        for inquiry in self.inquiries:
            if inquiry.closed or now_h < inquiry.deadline_h:
                continue
            inquiry.closed = True
            answer = brand.answered(inquiry.id, inquiry.deadline_h)
            stories.append(
                None if answer is None or answer.strategy is Strategy.NO_COMMENT else answer
            )
        return stories
