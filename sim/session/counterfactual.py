"""Counterfactuals: the same seed, the same world, different answers ("what if we had answered
an hour earlier, or more transparently?"), for teaching response timing.

Both outcomes come from fresh runs of the session's log, so asking never advances the session
and the two numbers differ only by the change asked about. Every action is scheduled up front:
a queued action is invisible to the model until its release, so this is the same run as the
live one, and it lets a shift move an action earlier than the hour it was decided at.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from sim.action import Action
from sim.engine.measurement import outcome_of
from sim.engine.model import CrisisModel
from sim.errors import ActionError
from sim.outcome import Outcome, against_unanswered
from sim.session.baseline import unanswered_outcome
from sim.session.record import InjectReleased, LogEntry, Queued
from sim.spec.schema import ScenarioSpec, Strategy


class Counterfactual(BaseModel):
    """The outcome as played and the outcome with the change, on the same seed."""

    model_config = ConfigDict(frozen=True)

    actual: Outcome
    alternative: Outcome
    description: str


def counterfactual(
    spec: ScenarioSpec,
    seed: int,
    log: Sequence[LogEntry],
    *,
    shift_h: float = 0.0,
    transparency: float | None = None,
    strategy: Strategy | str | None = None,
    no_response: bool = False,
) -> Counterfactual:
    """Re-run the log to the horizon as it was and with its actions changed."""
    actions = [entry.action for entry in log if isinstance(entry, Queued)]
    releases = [entry for entry in log if isinstance(entry, InjectReleased)]
    changed = _changed(actions, shift_h, transparency, _strategy(strategy), no_response)
    return Counterfactual(
        actual=outcome_of_plan(spec, seed, actions, releases),
        alternative=outcome_of_plan(spec, seed, changed, releases),
        description=_description(shift_h, transparency, strategy, no_response),
    )


def outcome_of_plan(
    spec: ScenarioSpec,
    seed: int,
    actions: Sequence[Action],
    releases: Sequence[InjectReleased],
) -> Outcome:
    """Run a fresh model to the horizon with these actions and facilitator releases, and
    compare it with the same seed and releases left unanswered (docs/model.md section 10)."""
    if not actions:
        silent = unanswered_outcome(spec, seed, releases)
        return against_unanswered(silent, silent)
    model = CrisisModel(spec, seed)
    try:
        for action in actions:
            model.schedule(action)
        for release in releases:
            model.advance_to(release.at_h)
            # In this world the inject may already have gone out on its own schedule.
            if release.inject_id in model.pending_inject_ids:
                model.release_inject(release.inject_id)
        model.run_to_horizon()
        outcome = outcome_of(model)
    finally:
        model.close()
    return against_unanswered(outcome, unanswered_outcome(spec, seed, releases))


def _strategy(strategy: Strategy | str | None) -> Strategy | None:
    if strategy is None:
        return None
    try:
        return Strategy(strategy)
    except ValueError:
        allowed = ", ".join(member.value for member in Strategy)
        raise ActionError(
            f"'{strategy}' is not a response strategy; use one of {allowed}."
        ) from None


def _changed(
    actions: Sequence[Action],
    shift_h: float,
    transparency: float | None,
    strategy: Strategy | None,
    no_response: bool,
) -> list[Action]:
    if no_response:
        if shift_h or transparency is not None or strategy is not None:
            raise ActionError(
                "no_response leaves no action to shift or change; ask for one or the other."
            )
        return []
    if transparency is not None and not 0.0 <= transparency <= 1.0:
        raise ActionError(f"transparency {transparency:g} is out of range; use 0 to 1.")
    update = {}
    if transparency is not None:
        update["transparency"] = transparency
    if strategy is not None:
        update["strategy"] = strategy
    return [action.shifted(shift_h).model_copy(update=update) for action in actions]


def _description(
    shift_h: float,
    transparency: float | None,
    strategy: Strategy | str | None,
    no_response: bool,
) -> str:
    if no_response:
        return "no response at all"
    parts = []
    if shift_h:
        parts.append(f"{abs(shift_h):g} h {'earlier' if shift_h < 0 else 'later'}")
    if transparency is not None:
        parts.append(f"with transparency {transparency:g}")
    if strategy is not None:
        parts.append(f"as {Strategy(strategy).value.replace('_', ' ')}")
    if not parts:
        return "the same responses"
    return "every response " + ", ".join(parts)
