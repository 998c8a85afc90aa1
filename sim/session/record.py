"""What a session records: the log of everything done, in order, and the summary of each turn.

The log is the session: replaying it on a fresh model with the same spec and seed rebuilds the
same state bit for bit, which is what saving, resuming, reports and counterfactuals rely on.
Each entry carries the scenario hour it was done at and the turn in play (1-based).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.action import Action
from sim.clock import LATEST_H
from sim.errors import UserError
from sim.events import TeamEvent
from sim.i18n import ENGLISH, Translator
from sim.spec.schema import InjectType

Grade = Literal["P", "S", "M", "U"]
"""An evaluator's EEG rating of an objective: P performed without challenges, S with some,
M with major challenges, U unable to be performed (sim.evaluation.rating)."""

PRIVATE_ANSWERS = frozenset(
    {InjectType.INTERNAL_EMAIL, InjectType.EXECUTIVE_CALL, InjectType.REGULATOR_LETTER}
)
"""The injects the team answers in private, from the inbox: a colleague's e-mail, the CEO's
call, the regulator's letter. A journalist is answered with an Action that `answers` the
inquiry; the public with a statement."""


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    at_h: float = Field(ge=0.0, le=LATEST_H, description="Scenario hour at which it was done.")
    turn: int = Field(ge=1, description="The turn in play when it was done.")


class Queued(Entry):
    """An action queued, as it will go out (release hour after approval, template applied)."""

    kind: Literal["queue"] = "queue"
    action: Action


class Drafted(Entry):
    """A statement drafted at a hosted player's seat that waits for a person's approval (the
    `approver` role's seat) instead of the scenario's approval delay; nothing goes out yet."""

    kind: Literal["draft"] = "draft"
    draft: int = Field(ge=1, description="The draft's number, from 1, in the order drafted.")
    action: Action
    approver: str = Field(description="The role whose seat approves it (next).")
    by: str = Field("", description="The role that drafted it.")
    passed_over: tuple[str, ...] = Field(
        (),
        description="Steps of the approval chain before `approver` that nobody held: the "
        "approval delay applies once the last step approves.",
    )


class Approved(Entry):
    """The approver approved a draft: the `queue` entry right after it sends it (at once, or
    after the approval delay if a step of the chain was held by nobody), unless `then` names
    the next step's role, whose seat it waits in now."""

    kind: Literal["approve"] = "approve"
    draft: int = Field(ge=1)
    by: str = Field(description="The role that approved it.")
    then: str | None = Field(None, description="The role whose seat approves it next, if any.")
    passed_over: tuple[str, ...] = Field(
        (), description="Steps of the chain between `by` and the next that nobody held."
    )


class Rejected(Entry):
    """The approver rejected a draft: it never goes out."""

    kind: Literal["reject"] = "reject"
    draft: int = Field(ge=1)
    by: str = Field(description="The role that rejected it.")
    reason: str = ""


class InjectReleased(Entry):
    """The facilitator released an MSEL inject ahead of its time."""

    kind: Literal["release_inject"] = "release_inject"
    inject_id: str


class Note(Entry):
    """An evaluator's observation, optionally against an exercise objective."""

    kind: Literal["note"] = "note"
    text: str
    objective: str | None = None


class Rated(Entry):
    """An evaluator's own EEG rating of an objective, with the reason, beside the automatic one
    (the AAR shows both, and uses the evaluators' where they disagree: sim.evaluation.judgement).
    Seen by the facilitator and the evaluators only, like the notes."""

    kind: Literal["rate"] = "rate"
    objective: str = Field(description="The objective's id.")
    rating: Grade
    reason: str = Field(min_length=1, description="Why, in the evaluator's words.")
    by: str = Field(min_length=1, description="The evaluator's name, as they gave it.")


NAME_MAX = 100
"""The longest name a person may give when taking a seat."""


def given_name(text: str, words: Translator = ENGLISH) -> str:
    """A person's name as they gave it, its spaces tidied; one sentence, in the language of
    `words`, if it cannot be one."""
    name = " ".join(text.split())
    if not name:
        raise UserError(words("the name is empty; give your name as the report should show it."))
    if len(name) > NAME_MAX:
        raise UserError(
            words(
                "the name is {length} characters long; give at most {most}, as the report "
                "should show it."
            ).format(length=len(name), most=NAME_MAX)
        )
    return name


class Joined(Entry):
    """A person took a hosted seat and gave their name (`stormdrill join --name`): who is in
    the room, for the facilitator, the evaluators and the AAR's participants. Nothing in the
    run reads it, so the outcome is the same whoever joined."""

    kind: Literal["join"] = "join"
    role: str = Field(min_length=1, description="The seat's role, as the host names it.")
    name: str = Field(
        min_length=1, max_length=NAME_MAX, description="The person's name, as they gave it."
    )


class InjectAnswered(Entry):
    """The team answered an internal, executive or regulator inject (`PRIVATE_ANSWERS`): a reply
    inside the company or to the regulator, never published, so the crowd never sees it; the
    evaluation rates it against the inject's objective (sim.evaluation)."""

    kind: Literal["answer_inject"] = "answer_inject"
    inject_id: str
    text: str = Field(min_length=1, description="What the team answered, as written.")


class Paused(Entry):
    """The facilitator paused the exercise: no turn ends and no statement is queued until it is
    resumed (notes and inject releases still go in)."""

    kind: Literal["pause"] = "pause"


class Resumed(Entry):
    """The facilitator resumed a paused exercise."""

    kind: Literal["resume"] = "resume"


class TurnEnded(Entry):
    """The end of a turn; `at_h` is the hour the turn ended at."""

    kind: Literal["end_turn"] = "end_turn"


class Finished(Entry):
    """The run went to the horizon with no new actions."""

    kind: Literal["finish"] = "finish"


LogEntry = Annotated[
    Queued
    | Drafted
    | Approved
    | Rejected
    | InjectReleased
    | InjectAnswered
    | Note
    | Rated
    | Joined
    | Paused
    | Resumed
    | TurnEnded
    | Finished,
    Field(discriminator="kind"),
]


class TurnRecord(BaseModel):
    """One played turn, for the timeline and the after-action report."""

    model_config = ConfigDict(frozen=True)

    number: int = Field(description="Turn number, from 1.")
    start_h: float = Field(description="Scenario hour the turn started at.")
    end_h: float = Field(description="Scenario hour the turn ended at.")
    actions: tuple[Action, ...] = Field(description="Actions queued during the turn.")
    events: tuple[TeamEvent, ...] = Field(
        description="Everything that happened, facilitator-only events included "
        "(see TeamEvent.visible_to_team)."
    )
    mentions_per_h: float = Field(description="Negative mentions per hour the team saw last.")
    sentiment: float = Field(description="Sentiment of mentions the team saw last, -1..1.")
    reach: float = Field(description="Cumulative negative impressions the team saw.")
    detected_at_h: float | None = Field(description="When the team's alert fired, if it did.")
