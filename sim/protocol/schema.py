"""The protocol file format (DESIGN.md, 'Protocols'): the rules a crisis manager writes down
before an incident ("holding statement within 30 minutes of detection, apology by the CEO within
4 hours, an update every 6 hours"), validated as strictly as scenario files so a typo fails
loudly instead of silently never firing.

The response fields of a rule are Action's own field declarations, so a protocol can say exactly
what the team's composer can, with the same ranges and descriptions. As for the team's own
words, the rubric reads a rule's `text` for the transparency, voice and concreteness the rule
leaves out; a rule that sets one of them fixes it (sim.session.wording).
"""

from __future__ import annotations

import copy
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, Field, model_validator

from sim.action import Action
from sim.file_model import FileModel
from sim.i18n import N_
from sim.spec.schema import Channel, Spokesperson, Strategy, Voice
from sim.validation import Inconsistency

MAX_RULE_H = 720.0
"""The latest a rule can act, and its longest repetition: 30 days after its event."""

RESPONSE_FIELDS = (
    "strategy",
    "transparency",
    "channel",
    "spokesperson",
    "voice",
    "concrete",
    "bolstering",
    "replies",
    "empathic",
    "to_dm",
    "influencer_rank",
    "text",
)


class When(StrEnum):
    """What starts a rule's clock. All but 'trigger' are things the team can see."""

    TRIGGER = "trigger"
    DETECTION = "detection"
    MEDIA_PICKUP = "media_pickup"
    VOLUME_ABOVE = "volume_above"
    EVIDENCE = "evidence"
    INQUIRY = "inquiry"


def _response_field(name: str) -> Any:
    """Action's declaration of a response field (a copy: pydantic owns the original)."""
    return copy.deepcopy(Action.model_fields[name])


def _worded_field(name: str) -> Any:
    """Action's declaration of a field the rubric can read from the text, defaulting to None:
    left out, the Session takes the rubric's reading of the rule's text (or, with no text,
    Action's default)."""
    field = _response_field(name)
    field.default = None
    field.description = (
        f"{field.description} Leave it out to have the rubric read it from the text."
    )
    return field


def _when_is(when: When) -> dict[str, Any]:
    return {"properties": {"when": {"const": when.value}}, "required": ["when"]}


class Rule(FileModel):
    """One line of a protocol: when to say what, and whether to say it again."""

    # The rules of `_consistent` that JSON Schema can say, for editors (not repeat_until_h >=
    # after_h: a schema cannot compare two values).
    model_config = ConfigDict(
        json_schema_extra={
            "dependentRequired": {"repeat_until_h": ["repeat_every_h"]},
            "allOf": [
                {
                    "if": _when_is(When.VOLUME_ABOVE),
                    "then": {"required": ["volume_above"]},
                    "else": {"not": {"required": ["volume_above"]}},
                },
                {"if": _when_is(When.INQUIRY), "then": {"not": {"required": ["repeat_every_h"]}}},
            ],
        }
    )

    when: When = Field(
        description="What starts the clock: trigger (the crisis start, which the team may not "
        "see), detection (the listening alert), media_pickup (the first news article), "
        "volume_above (observed mentions per hour above volume_above), evidence (contradicting "
        "evidence surfaces) or inquiry (each journalist's request, answered once)."
    )
    after_h: float = Field(
        0.0, ge=0.0, le=MAX_RULE_H, description="Hours after that event at which the team sends it."
    )
    volume_above: float | None = Field(
        None,
        ge=0.0,
        description="Observed negative mentions per hour that start the clock "
        "(only with when = 'volume_above').",
    )
    strategy: Strategy = _response_field("strategy")
    transparency: float | None = _worded_field("transparency")
    channel: Channel = _response_field("channel")
    spokesperson: Spokesperson = _response_field("spokesperson")
    voice: Voice | None = _worded_field("voice")
    concrete: bool | None = _worded_field("concrete")
    bolstering: bool = _response_field("bolstering")
    replies: int = _response_field("replies")
    empathic: bool = _response_field("empathic")
    to_dm: bool = _response_field("to_dm")
    influencer_rank: int = _response_field("influencer_rank")
    text: str = _response_field("text")
    pre_approved: bool = Field(
        False, description="The wording is approved in advance: no approval delay."
    )
    repeat_every_h: float | None = Field(
        None, gt=0.0, le=MAX_RULE_H, description="Send it again every this many hours."
    )
    repeat_until_h: float | None = Field(
        None,
        ge=0.0,
        description="Last repetition, in hours after the same event (default: to the end).",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if (self.when is When.VOLUME_ABOVE) != (self.volume_above is not None):
            raise Inconsistency(
                N_(
                    "volume_above goes with when = 'volume_above' and only with it; set both or "
                    "neither"
                )
            )
        if self.repeat_until_h is not None and self.repeat_every_h is None:
            raise Inconsistency(
                N_("repeat_until_h needs repeat_every_h; add it or drop repeat_until_h")
            )
        if self.repeat_until_h is not None and self.repeat_until_h < self.after_h:
            raise Inconsistency(
                N_(
                    "repeat_until_h ({until}) is before after_h ({after}); make it at least after_h"
                ),
                until=f"{self.repeat_until_h:g}",
                after=f"{self.after_h:g}",
            )
        if self.when is When.INQUIRY and self.repeat_every_h is not None:
            raise Inconsistency(
                N_("an inquiry is answered once; drop repeat_every_h from when = 'inquiry' rules")
            )
        return self

    def action(self, at_h: float, source: str, answers: str | None = None) -> Action:
        """The response this rule sends at `at_h`, with the worded fields it leaves out left
        out of the Action too, for the rubric to read."""
        fields = {name: getattr(self, name) for name in RESPONSE_FIELDS}
        given = {name: value for name, value in fields.items() if value is not None}
        return Action(at_h=at_h, answers=answers, source=source, **given)


class Protocol(FileModel):
    """A whole protocol file."""

    name: str = Field(min_length=1, description="Short name shown in results and reports.")
    description: str = Field(description="What the protocol does, in a sentence or two.")
    rules: tuple[Rule, ...] = Field((), description="The rules; none means staying silent.")
