"""The incident timeline of an exercise: injects, the team's decisions, the facilitator's pauses,
what the world did, and the outcome's milestones, in one list ordered by scenario time (hours
after the trigger).

The injects and events come from the replayed model, the decisions from the session log (the
hour a statement was decided, with the hour approval let it out), the milestones from the
outcome and the series, so the timeline shows where the delays were.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from sim.clock import clock
from sim.events import EventKind, TeamEvent
from sim.headline import points
from sim.outcome import Outcome
from sim.session import InjectAnswered, Paused, Queued, Resumed, RunRecord, Session

_EVENT_LABELS = {
    EventKind.TRIGGER: "Trigger",
    EventKind.DETECTION: "Detection",
    EventKind.INQUIRY: "Inquiry",
    EventKind.MEDIA_ARTICLE: "Media",
    EventKind.NO_COMMENT: "Media",
    EventKind.QUOTED: "Media",
    EventKind.EVIDENCE: "Evidence",
    EventKind.INJECT: "Inject",
    EventKind.STATEMENT: "Statement out",
}


@dataclass(frozen=True)
class Moment:
    at_h: float  # hours after the trigger
    kind: str
    text: str


def session_timeline(session: Session, record: RunRecord, outcome: Outcome) -> tuple[Moment, ...]:
    start = session.spec.crisis.start_h
    moments = [
        Moment(event.at_h - start, _EVENT_LABELS[event.kind], _event_text(event, start))
        for event in record.events
    ]
    for entry in session.log:
        if isinstance(entry, Queued):
            action = entry.action
            moments.append(
                Moment(
                    entry.at_h - start,
                    "Team action",
                    f"Decided: {_strategy(action.strategy.value)} via "
                    f"{_strategy(action.channel.value)} "
                    f"by {_strategy(action.spokesperson.value)}, out at "
                    f"{clock(action.at_h - start)}",
                )
            )
        elif isinstance(entry, InjectAnswered):
            moments.append(
                Moment(
                    entry.at_h - start,
                    "Team answer",
                    f"Answered {entry.inject_id} in private: {entry.text}",
                )
            )
        elif isinstance(entry, Paused | Resumed):
            what = "paused" if isinstance(entry, Paused) else "resumed"
            moments.append(
                Moment(entry.at_h - start, "Exercise control", f"The facilitator {what} play")
            )
    moments += milestones(outcome, record.series, start)
    return tuple(sorted(moments, key=lambda moment: moment.at_h))


def milestones(
    outcome: Outcome, series: Mapping[str, Sequence[float]], start_h: float
) -> list[Moment]:
    """First statement, the peak of the damage among the aware, the lowest reputation index and
    recovery: what the outcome is judged by."""
    found = []
    if outcome.time_to_first_response_h is not None:
        found.append(Moment(outcome.time_to_first_response_h, "Milestone", "First statement"))
    found += _moment_of(
        series,
        "aware_damage",
        start_h,
        np.argmax,
        lambda damage: f"Damage among the aware at its peak ({points(damage)} RI points)",
    )
    found += _moment_of(
        series,
        "reputation_index",
        start_h,
        np.argmin,
        lambda index: f"Lowest reputation index ({index:.1f})",
    )
    if outcome.recovery_time_h is not None:
        found.append(Moment(outcome.recovery_time_h, "Milestone", "Reputation index recovered"))
    return found


def _moment_of(
    series: Mapping[str, Sequence[float]],
    name: str,
    start_h: float,
    position_of: Callable[[np.ndarray], np.intp],
    text: Callable[[float], str],
) -> list[Moment]:
    """The milestone at the tick `position_of` picks in a series (its peak, its lowest), if the
    series was kept; `text` says it with the value there."""
    if not series.get(name):
        return []
    values = np.asarray(series[name])
    at = int(position_of(values))
    return [Moment(float(series["hour"][at]) - start_h, "Milestone", text(float(values[at])))]


def _strategy(value: str) -> str:
    return value.replace("_", " ")


def _event_text(event: TeamEvent, start_h: float) -> str:
    text = event.title
    if event.body and event.kind in (EventKind.INJECT, EventKind.EVIDENCE):
        text += f": {event.body}"
    if event.deadline_h is not None:
        text += f" (answer by {clock(event.deadline_h - start_h)})"
    return text
