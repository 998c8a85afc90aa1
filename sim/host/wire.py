"""What travels between the server and a seat: JSON text messages, each a frozen pydantic model
built from the Session's views (sim.session.views, sim.observation, sim.feed, sim.events), which
round-trip through JSON as they are.

Seat to server: `Hello` (the join code, and the name of who takes the seat), then `Do` (a
command, with an id to match its answer).
Server to seat: `Welcome` (the seat's role and its view), `View` (after every change),
`Acknowledged` (the command is committed to the store), `Refused` (one sentence why) and
`Denied` (a wrong code, or a name that cannot be one; the connection closes).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from sim.evaluation import Judgement, ObjectiveRating
from sim.evaluation.facts import DeadlineItem
from sim.events import TeamEvent
from sim.feed import FeedItem
from sim.host.seats import Command, SeatKind
from sim.observation import Observation
from sim.outcome import Outcome
from sim.session.counterfactual import WhatIf
from sim.session.record import Drafted, LogEntry, TurnRecord
from sim.session.views import AgainstSilence, GroundTruth
from sim.spec.schema import Meta, Team


class Message(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SeatDebrief(Message):
    """The debrief of a finished exercise as one seat sees it, built by sim.host.visibility:
    the outcome, its series, the objectives' automatic ratings and the same seed replayed with
    other answers (filled in as the server computes them); for the facilitator and the
    evaluators also the evaluator material: the ratings' evidence with their notes, and each
    objective's evaluators' ratings and the rating the report uses."""

    team: str
    seed: int
    outcome: Outcome
    hours: tuple[float, ...] = Field(description="Scenario hour at the end of each tick.")
    aware_damage: tuple[float, ...] = Field(description="Damage among the aware, by tick.")
    aware: tuple[float, ...] = Field(description="Users aware of the crisis, by tick.")
    statement_hours: tuple[float, ...] = Field(description="When each statement went out.")
    ratings: tuple[ObjectiveRating, ...] = Field(description="The automatic EEG ratings.")
    judgements: tuple[Judgement, ...] = Field(
        (), description="Evaluator material: the evaluators' ratings and the rating used."
    )
    what_ifs: tuple[WhatIf, ...] = Field((), description="The what-ifs computed so far.")
    what_ifs_total: int = Field(description="How many what-ifs there will be.")


class SeatView(Message):
    """Everything one seat sees of the exercise now. Built per role by sim.host.visibility:
    the ground truth, the MSEL and the facilitator-only events are None or left out for every
    seat but the facilitator's, and the notes for the players' and the observers'."""

    role: str
    kind: SeatKind
    locale: str = Field(
        "en_US",
        description="The language the host speaks the exercise in: `host --lang`, else "
        "$STORMDRILL_LANG at the host, else the scenario's meta.locale. A seat's own `join "
        "--lang` or $STORMDRILL_LANG overrides it.",
    )
    meta: Meta = Field(description="The briefing: title, situation, objectives, roles, locale.")
    team: Team = Field(description="The team's resources: templates, capacity, approval delays.")
    now_h: float
    turn: int
    turns_total: int
    paused: bool
    finished: bool
    entries: int = Field(description="Log entries committed so far (the acknowledgements').")
    observation: Observation
    inbox: tuple[TeamEvent, ...]
    rated: tuple[DeadlineItem, ...] = Field(
        (), description="The inbox's deadline items as the ratings read them (facts_of)."
    )
    answerable: tuple[str, ...] = Field(
        (), description="The injects in the inbox the team may answer in private."
    )
    trigger_h: float = Field(0.0, description="The crisis's trigger hour, for the clock.")
    feed: tuple[FeedItem, ...]
    log: tuple[LogEntry, ...] = Field(description="The log entries this seat may see.")
    history: tuple[TurnRecord, ...]
    ground_truth: GroundTruth | None = None
    against_silence: AgainstSilence | None = None
    drafts: tuple[Drafted, ...] = Field((), description="Drafts waiting for an approver.")
    pending_injects: tuple[tuple[str, str], ...] = Field(
        (), description="The MSEL injects not yet released, id and what they are."
    )
    debrief: SeatDebrief | None = Field(None, description="Once finished: the debrief.")


class Hello(Message):
    type: Literal["hello"] = "hello"
    code: str = Field(max_length=200)
    name: str = Field(
        "", max_length=1000, description="Who takes the seat (`join --name`); empty: unnamed."
    )


class Do(Message):
    type: Literal["do"] = "do"
    id: int
    command: Command
    fields: dict[str, Any] = Field(default_factory=dict)


class Welcome(Message):
    type: Literal["welcome"] = "welcome"
    view: SeatView


class View(Message):
    type: Literal["view"] = "view"
    view: SeatView


class Acknowledged(Message):
    type: Literal["acknowledged"] = "acknowledged"
    id: int
    entries: int = Field(description="Log entries committed once this command was.")


class Refused(Message):
    type: Literal["refused"] = "refused"
    id: int | None
    message: str


class Denied(Message):
    type: Literal["denied"] = "denied"
    message: str
    option: str = Field("--code", description="The join option refused: --code or --name.")


ToServer = Annotated[Hello | Do, Field(discriminator="type")]
ToSeat = Annotated[Welcome | View | Acknowledged | Refused | Denied, Field(discriminator="type")]

TO_SERVER: TypeAdapter[Hello | Do] = TypeAdapter(ToServer)
TO_SEAT: TypeAdapter[Welcome | View | Acknowledged | Refused | Denied] = TypeAdapter(ToSeat)
