"""What reaches the team as a message: detection alerts, journalists, injects, news."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class EventKind(StrEnum):
    TRIGGER = "trigger"
    DETECTION = "detection"
    INQUIRY = "inquiry"
    MEDIA_ARTICLE = "media_article"
    NO_COMMENT = "no_comment"
    QUOTED = "quoted"
    EVIDENCE = "evidence"
    INJECT = "inject"
    STATEMENT = "statement"


class TeamEvent(BaseModel):
    """One message in the team's inbox or the timeline."""

    model_config = ConfigDict(frozen=True)

    at_h: float = Field(description="Scenario hour at which it happened.")
    kind: EventKind
    title: str
    body: str = ""
    sender: str = ""
    deadline_h: float | None = Field(None, description="Hour by which an answer is due.")
    inquiry_id: str | None = Field(None, description="Answer with Action(answers=this id).")
    inject_id: str | None = None
    visible_to_team: bool = Field(True, description="False: ground truth for the facilitator.")
