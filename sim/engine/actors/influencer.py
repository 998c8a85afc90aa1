"""A top creator the brand can ask to relay its statement (influencer outreach)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from sim.engine.model import CrisisModel


class Influencer(mesa.Agent):
    model: CrisisModel

    def __init__(self, model: CrisisModel, user: int) -> None:
        super().__init__(model)
        self.user = user
