"""What the team sees at one moment (docs/model.md section 6): noisy, delayed, partial. The engine's
monitor builds it; everything outside the engine reads it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Observation(BaseModel):
    """The team's view at one moment: noisy, delayed, partial."""

    model_config = ConfigDict(frozen=True)

    at_h: float = Field(description="Scenario hour of the observation.")
    hours: tuple[float, ...] = Field(description="Hour of each visible tick.")
    mentions_per_h: tuple[float, ...] = Field(description="Estimated negative mentions per hour.")
    sentiment: tuple[float, ...] = Field(description="Estimated sentiment of mentions, -1..1.")
    reach: tuple[float, ...] = Field(description="Estimated cumulative negative impressions.")
    detected_at_h: float | None = Field(None, description="When the team's alert fired.")

    @property
    def latest_mentions_per_h(self) -> float:
        return self.mentions_per_h[-1] if self.mentions_per_h else 0.0
