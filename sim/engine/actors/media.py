"""Media outlets pick up a wave of negative volume after a lag (Leskovec et al. 2009);
journalists ask the brand for comment and print 'no comment' when none comes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import mesa

from sim.events import EventKind
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

    def __init__(self, model: CrisisModel, name: str) -> None:
        super().__init__(model)
        self.name = name
        self.article_tick: int | None = None

    def assign(self, tick: int) -> None:
        self.article_tick = tick

    def step(self) -> None:
        if self.article_tick is not None and self.article_tick <= self.model.tick:
            self.article_tick = None
            self.model.broadcast_article(self.name)


class Journalist(mesa.Agent):
    model: CrisisModel

    def __init__(self, model: CrisisModel, name: str) -> None:
        super().__init__(model)
        self.name = name
        self.inquiries: list[Inquiry] = []

    def track(self, inquiry_id: str, deadline_h: float) -> Inquiry:
        """Wait for the brand's answer to an inquiry made elsewhere (an MSEL inject)."""
        inquiry = Inquiry(inquiry_id, self.name, self.model.hours, self.model.hours + deadline_h)
        self.inquiries.append(inquiry)
        return inquiry

    def ask(self, inquiry_id: str, deadline_h: float) -> Inquiry:
        inquiry = self.track(inquiry_id, deadline_h)
        self.model.announce(
            EventKind.INQUIRY,
            f"{self.name} asks for comment",
            f"{self.name} is writing about the story and asks {self.model.spec.meta.brand} "
            f"for a comment before the deadline.",
            sender=self.name,
            deadline_h=inquiry.deadline_h,
            inquiry_id=inquiry.id,
        )
        return inquiry

    def step(self) -> None:
        """At each deadline: quote the brand's answer, or print that it had none."""
        for inquiry in self.inquiries:
            if inquiry.closed or self.model.hours < inquiry.deadline_h:
                continue
            inquiry.closed = True
            answer = self.model.brand.answered(inquiry.id, inquiry.deadline_h)
            if answer is None or answer.strategy is Strategy.NO_COMMENT:
                self.model.print_no_comment(self.name)
            else:
                self.model.quote_in_media(self.name, answer)
