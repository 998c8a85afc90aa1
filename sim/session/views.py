"""What the Session shows of a run: frozen views, the only way anything outside the Session reads
the engine (DESIGN.md, "How data flows").

Each view is a frozen pydantic model that round-trips through JSON, so a remote seat can be sent
one as it is. They name things by name, never by an array position (`sim.vocabulary`), and they
are built from counts and running totals the model already keeps: the war room asks for one per
turn at up to 10^6 users, so no view copies the population but the user timeline, which is
built only when asked for (a graph export, an analysis).

The observation (`sim.observation.Observation`) and the feed's items (`sim.feed.FeedItem`) are
views too; they live beside the monitor and the feed's personas that they describe.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from sim.action import Action
from sim.events import TeamEvent
from sim.spec.schema import Strategy

SeriesValues = tuple[int | float, ...]
"""One per-tick series. Counts stay ints (pydantic would make them floats), so an export writes
them as the model counted them."""


class GroundTruth(BaseModel):
    """What only the facilitator sees: the model's true numbers now, and the MSEL still to come."""

    model_config = ConfigDict(frozen=True)

    now_h: float = Field(description="Scenario hour these numbers are for.")
    aware_damage: float = Field(
        description="Damage among the users aware of the crisis so far: their pre-crisis RI "
        "minus their RI now, in RI points (docs/model.md section 10)."
    )
    stakeholder_damage: float = Field(description="Stakeholders' RI before the crisis minus now.")
    reputation_index: float = Field(description="RI of the whole population now.")
    reputation_index_start: float = Field(description="RI before the crisis.")
    stakeholder_reputation_index: float = Field(description="RI of the stakeholders now.")
    aware: int = Field(description="Users ever aware of the crisis.")
    spreaders: int = Field(description="Users who ever spread negative content.")
    state_counts: dict[str, int] = Field(
        description="Users in each state now, by state name (sim.vocabulary.STATE_NAMES)."
    )
    pending_inject_ids: tuple[str, ...] = Field(
        description="MSEL injects not yet released, in the scenario's order."
    )
    released_inject_ids: tuple[str, ...] = Field(description="MSEL injects released, in order.")


class AgainstSilence(BaseModel):
    """The run so far beside the same seed left unanswered, at the same hour (docs/model.md
    section 10): the facilitator's damage avoided so far. Players never see it."""

    model_config = ConfigDict(frozen=True)

    now_h: float = Field(description="Scenario hour both runs have reached.")
    damage_avoided: float | None = Field(
        description="Share of the RI that silence has lost by now (whole population) that the "
        "answers kept, 1 - L/L0; negative when they lost more; None while silence has lost none."
    )
    unanswered_aware_damage: float = Field(
        description="Damage among the aware of the unanswered run now, in RI points."
    )
    unanswered_aware: int = Field(description="Users ever aware in the unanswered run now.")


class Statement(BaseModel):
    """An action the brand released, at the hour it went out."""

    model_config = ConfigDict(frozen=True)

    at_h: float = Field(description="Scenario hour at which it went out.")
    action: Action

    @property
    def says_something(self) -> bool:
        """It carries a message ('no comment' does not)."""
        return self.action.strategy is not Strategy.NO_COMMENT


class RunRecord(BaseModel):
    """The run so far as the debrief, the report and the evaluation read it: the per-tick series,
    what the brand said and when, everything that happened, and the milestones in between."""

    model_config = ConfigDict(frozen=True)

    now_h: float = Field(description="Scenario hour the run has reached.")
    series: dict[str, SeriesValues] = Field(
        description="The model's reporters, one value per tick (sim.engine.model.REPORTERS)."
    )
    statements: tuple[Statement, ...] = Field(description="What the brand released, in order.")
    events: tuple[TeamEvent, ...] = Field(
        description="Everything that happened, facilitator-only events included."
    )
    detected_at_h: float | None = Field(description="When the team's alert fired, if it did.")
    first_statement_h: float | None = Field(
        description="When the brand's voice first reached the public, if it did."
    )
    released_inject_ids: tuple[str, ...] = Field(description="MSEL injects released, in order.")
    inconsistencies: int = Field(description="Contradictions in the brand's public statements.")
    evidence_at_h: float | None = Field(
        description="When evidence contradicting a denial surfaced, if it did."
    )

    @property
    def statement_hours(self) -> tuple[float, ...]:
        return tuple(statement.at_h for statement in self.statements)


class UserTimeline(BaseModel):
    """Every user of the run, who they are and when things happened to them: the one view that
    copies the population, built only when asked for (a graph export, an analysis). Position k
    of each tuple is user k, the node numbered k in a graph export. Hours are scenario hours at
    the end of the tick it happened in, as in series.csv; None: not (yet)."""

    model_config = ConfigDict(frozen=True)

    now_h: float = Field(description="Scenario hour the view is for.")
    handle: tuple[str, ...] = Field(description="The user's handle in the feed, without '@'.")
    followers: tuple[int, ...] = Field(description="How many users follow the user.")
    state: tuple[str, ...] = Field(description="The user's state now (sim.vocabulary).")
    attitude: tuple[float, ...] = Field(description="Attitude to the brand now, -1 to 1.")
    aware_h: tuple[float | None, ...] = Field(description="When the user heard of the crisis.")
    spread_h: tuple[float | None, ...] = Field(
        description="When the user first spread negative content."
    )
    turned_h: tuple[float | None, ...] = Field(
        description="When a user who liked the brand (pre-crisis attitude zero or above) first "
        "fell below zero: turned against it."
    )
