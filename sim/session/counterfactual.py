"""What-ifs: the same seed and world, the team's answers changed in one named way ("every response
an hour earlier", "an apology instead of every denial"), for teaching response timing.

One function runs a what-if (`what_if`), for the debrief, the report and `Session.counterfactual`
alike, and the variants they show are named once here (`WHAT_IFS`, `TIMING`): the screens and
the report only render what comes back.

Every outcome comes from a fresh run of the session's log, so asking never advances the session
and two outcomes differ only by the change asked about. Every action is scheduled up front: a
queued action is invisible to the model until its release, so an unchanged plan is the same run
as the live one, and a shift can move an action earlier than the hour it was decided at. The
actions are the logged ones, as they went out: their transparency and voice are already the
rubric's reading (or the sender's), so a variant's change reaches the model as it is asked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.action import Action
from sim.engine.measurement import outcome_of
from sim.engine.model import CrisisModel
from sim.i18n import ENGLISH, N_, Translator
from sim.outcome import Outcome, against_unanswered
from sim.session.baseline import release_as_logged, unanswered_outcome
from sim.session.kept import KeptOutcomes, run_key
from sim.session.record import InjectReleased, LogEntry, Queued
from sim.spec.schema import DENIAL_STRATEGIES, ScenarioSpec, Strategy

REFERENCE_PROTOCOL = "fast-transparent"
"""The protocol the team's answers are compared with: the bundled good practice."""


class Variant(BaseModel):
    """One what-if: the team's answers as played, changed in the ways given (none: as played)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str = Field(description="What the change is, as the screens and the report say it.")
    shift_h: float = Field(0.0, description="Every response moved by this many hours.")
    transparency: float | None = Field(
        None, ge=0.0, le=1.0, description="Every response with this transparency."
    )
    strategy: Strategy | None = Field(None, description="Every response with this strategy.")
    instead_of_denial: Strategy | None = Field(
        None, description="Every denial, attack or scapegoating with this strategy instead."
    )
    no_response: bool = Field(False, description="No response at all.")
    protocol: str | None = Field(
        None,
        description="A bundled protocol's answers instead of the team's, played from the start "
        "as `stormdrill run` plays it (without the facilitator's inject releases).",
    )

    @model_validator(mode="after")
    def _one_kind_of_change(self) -> Variant:
        replaced = self.no_response or self.protocol is not None
        if replaced and (self.shift_h or self._changes_words):
            raise ValueError(
                "no response and a protocol's answers leave no action of the team's to change; "
                "ask for one or the other"
            )
        if self.no_response and self.protocol is not None:
            raise ValueError("no response and a protocol's answers exclude each other")
        return self

    @property
    def _changes_words(self) -> bool:
        return (
            self.transparency is not None
            or self.strategy is not None
            or self.instead_of_denial is not None
        )

    @property
    def timing_shift_h(self) -> float | None:
        """The shift, if moving every response is all this variant does (a timing-curve point)."""
        moves_only = not (self.no_response or self.protocol is not None or self._changes_words)
        return self.shift_h if moves_only else None

    def plan(self, actions: Sequence[Action]) -> tuple[Action, ...]:
        """The team's actions with this variant's changes (a pure function of them)."""
        if self.no_response:
            return ()
        return tuple(self._changed(action) for action in actions)

    def _changed(self, action: Action) -> Action:
        update: dict[str, object] = {}
        if self.transparency is not None:
            update["transparency"] = self.transparency
        if self.strategy is not None:
            update["strategy"] = self.strategy
        if self.instead_of_denial is not None and action.strategy in DENIAL_STRATEGIES:
            update["strategy"] = self.instead_of_denial
        return action.shifted(self.shift_h).model_copy(update=update)


def shifted(shift_h: float) -> Variant:
    """Every response moved by `shift_h` hours (earlier when negative)."""
    return Variant(
        label=f"every response {abs(shift_h):g} h {'earlier' if shift_h < 0 else 'later'}",
        shift_h=shift_h,
    )


AS_PLAYED = Variant(label=N_("as played"))
NO_RESPONSE = Variant(label=N_("no response at all"), no_response=True)
FULLY_TRANSPARENT = Variant(label=N_("every response fully transparent"), transparency=1.0)
APOLOGY_INSTEAD_OF_DENIAL = Variant(
    label=N_("an apology instead of every denial"), instead_of_denial=Strategy.APOLOGY
)
REFERENCE = Variant(label=f"the {REFERENCE_PROTOCOL} protocol instead", protocol=REFERENCE_PROTOCOL)


def variant_label(variant: Variant, words: Translator = ENGLISH) -> str:
    """A variant as the debrief and the report name it, in the language of `words`: a moved
    response says by how much, a protocol names it, the others are their catalogued label."""
    shift_h = variant.timing_shift_h
    if shift_h:
        moved = (
            N_("every response {hours} h earlier")
            if shift_h < 0
            else N_("every response {hours} h later")
        )
        return words(moved).format(hours=f"{abs(shift_h):g}")
    if variant.protocol is not None:
        return words("the {protocol} protocol instead").format(protocol=variant.protocol)
    return words(variant.label)


WHAT_IFS = (
    NO_RESPONSE,
    shifted(-1.0),
    shifted(1.0),
    FULLY_TRANSPARENT,
    APOLOGY_INSTEAD_OF_DENIAL,
    REFERENCE,
)
"""The comparison the debrief and the report show, in their order."""

TIMING_SHIFTS_H = (-1.0, -0.5, 0.5, 1.0, 2.0, 4.0)
TIMING = tuple(shifted(shift_h) for shift_h in TIMING_SHIFTS_H)
"""The timing curve: every response moved by each of TIMING_SHIFTS_H (0 is the run as played)."""

EVERY_WHAT_IF = tuple(dict.fromkeys(WHAT_IFS + TIMING))
"""The comparison, then the timing curve's other points, each once: what a debrief waits for."""


class WhatIf(BaseModel):
    """A variant and the outcome it gives on the session's seed."""

    model_config = ConfigDict(frozen=True)

    variant: Variant
    outcome: Outcome


class Counterfactual(BaseModel):
    """The outcome as played and the outcome with the change, on the same seed."""

    model_config = ConfigDict(frozen=True)

    actual: Outcome
    alternative: Outcome
    description: str


def played_actions(log: Sequence[LogEntry]) -> tuple[Action, ...]:
    """The team's actions as they went out, in the order they were queued."""
    return tuple(entry.action for entry in log if isinstance(entry, Queued))


def what_ifs(
    spec: ScenarioSpec,
    seed: int,
    log: Sequence[LogEntry],
    variants: Sequence[Variant],
    played: Outcome | None = None,
) -> Iterator[WhatIf]:
    """Each variant's outcome, computed lazily, one full run per distinct plan: a variant that
    changes nothing in this log (no denial to replace, every response already fully
    transparent) gives the outcome as played, `played` if it is known."""
    actions = played_actions(log)
    outcomes: dict[tuple[Action, ...], Outcome] = {}
    if played is not None:
        outcomes[actions] = played
    for variant in dict.fromkeys(variants):
        if variant.protocol is not None:
            yield WhatIf(variant=variant, outcome=what_if(spec, seed, log, variant))
            continue
        plan = variant.plan(actions)
        if plan not in outcomes:
            outcomes[plan] = what_if(spec, seed, log, variant)
        yield WhatIf(variant=variant, outcome=outcomes[plan])


def what_if(spec: ScenarioSpec, seed: int, log: Sequence[LogEntry], variant: Variant) -> Outcome:
    """The outcome of the session's log with its actions changed as `variant` says, on a fresh
    run to the horizon: the one counterfactual function."""
    if variant.protocol is not None:
        return _protocol_outcome(spec, seed, variant.protocol)
    releases = [entry for entry in log if isinstance(entry, InjectReleased)]
    return outcome_of_plan(spec, seed, variant.plan(played_actions(log)), releases)


def outcome_of_plan(
    spec: ScenarioSpec,
    seed: int,
    actions: Sequence[Action],
    releases: Sequence[InjectReleased],
) -> Outcome:
    """Run a fresh model to the horizon with these actions and facilitator releases, and
    compare it with the same seed and releases left unanswered (docs/model.md section 10).
    Kept per process (sim.session.kept): the debrief and every report exported from it ask
    for the same plans."""
    if not actions:
        silent = unanswered_outcome(spec, seed, releases)
        return against_unanswered(silent, silent)
    key = run_key(spec, seed, releases, actions)
    kept = _kept_plans.get(key)
    if kept is None:
        kept = _played_plan(spec, seed, actions, releases)
        _kept_plans.keep(key, kept)
    return kept


_kept_plans = KeptOutcomes(32)  # a session's what-ifs are a dozen plans at most


def _played_plan(
    spec: ScenarioSpec,
    seed: int,
    actions: Sequence[Action],
    releases: Sequence[InjectReleased],
) -> Outcome:
    model = CrisisModel(spec, seed)
    try:
        for action in actions:
            model.schedule(action)
        for release in releases:
            release_as_logged(model, release.at_h, release.inject_id)
        model.run_to_horizon()
        outcome = outcome_of(model)
    finally:
        model.close()
    return against_unanswered(outcome, unanswered_outcome(spec, seed, releases))


def _protocol_outcome(spec: ScenarioSpec, seed: int, protocol_ref: str) -> Outcome:
    """A protocol plays through a Session, which imports this module: hence the late import."""
    from sim.protocol import load_protocol
    from sim.session.session import Session

    session = Session(spec, seed, protocol=load_protocol(protocol_ref))
    try:
        return session.finish()
    finally:
        session.close()
