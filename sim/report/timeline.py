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
from sim.i18n import ENGLISH, N_, Translator
from sim.labels import label
from sim.outcome import Outcome
from sim.session import InjectAnswered, Paused, Queued, Resumed, RunRecord, Session

_EVENT_LABELS = {
    EventKind.TRIGGER: N_("Trigger"),
    EventKind.DETECTION: N_("Detection"),
    EventKind.INQUIRY: N_("Inquiry"),
    EventKind.MEDIA_ARTICLE: N_("Media"),
    EventKind.NO_COMMENT: N_("Media"),
    EventKind.QUOTED: N_("Media"),
    EventKind.EVIDENCE: N_("Evidence"),
    EventKind.INJECT: N_("Inject"),
    EventKind.STATEMENT: N_("Statement out"),
}


@dataclass(frozen=True)
class Moment:
    at_h: float  # hours after the trigger
    kind: str
    text: str


def session_timeline(
    session: Session, record: RunRecord, outcome: Outcome, words: Translator = ENGLISH
) -> tuple[Moment, ...]:
    _ = words
    start = session.spec.crisis.start_h
    moments = [
        Moment(event.at_h - start, _(_EVENT_LABELS[event.kind]), _event_text(event, start, _))
        for event in record.events
    ]
    for entry in session.log:
        if isinstance(entry, Queued):
            action = entry.action
            moments.append(
                Moment(
                    entry.at_h - start,
                    _("Team action"),
                    _("Decided: {strategy} via {channel} by {speaker}, out at {time}").format(
                        strategy=label(action.strategy, _),
                        channel=label(action.channel, _),
                        speaker=label(action.spokesperson, _),
                        time=clock(action.at_h - start),
                    ),
                )
            )
        elif isinstance(entry, InjectAnswered):
            moments.append(
                Moment(
                    entry.at_h - start,
                    _("Team answer"),
                    _("Answered {inject} in private: {text}").format(
                        inject=entry.inject_id, text=entry.text
                    ),
                )
            )
        elif isinstance(entry, Paused | Resumed):
            what = (
                _("The facilitator paused play")
                if isinstance(entry, Paused)
                else _("The facilitator resumed play")
            )
            moments.append(Moment(entry.at_h - start, _("Exercise control"), what))
    moments += milestones(outcome, record.series, start, _)
    return tuple(sorted(moments, key=lambda moment: moment.at_h))


def milestones(
    outcome: Outcome,
    series: Mapping[str, Sequence[float]],
    start_h: float,
    words: Translator = ENGLISH,
) -> list[Moment]:
    """First statement, the peak of the damage among the aware, the lowest reputation index and
    recovery: what the outcome is judged by."""
    _ = words
    found = []
    milestone = _("Milestone")
    if outcome.time_to_first_response_h is not None:
        found.append(Moment(outcome.time_to_first_response_h, milestone, _("First statement")))
    found += _moment_of(
        series,
        "aware_damage",
        start_h,
        np.argmax,
        lambda damage: _("Damage among the aware at its peak ({damage} RI points)").format(
            damage=_.figure(points(damage))
        ),
        milestone,
    )
    found += _moment_of(
        series,
        "reputation_index",
        start_h,
        np.argmin,
        lambda index: _("Lowest reputation index ({index})").format(index=_.figure(f"{index:.1f}")),
        milestone,
    )
    if outcome.recovery_time_h is not None:
        found.append(Moment(outcome.recovery_time_h, milestone, _("Reputation index recovered")))
    return found


def _moment_of(
    series: Mapping[str, Sequence[float]],
    name: str,
    start_h: float,
    position_of: Callable[[np.ndarray], np.intp],
    text: Callable[[float], str],
    kind: str,
) -> list[Moment]:
    """The milestone at the tick `position_of` picks in a series (its peak, its lowest), if the
    series was kept; `text` says it with the value there."""
    if not series.get(name):
        return []
    values = np.asarray(series[name])
    at = int(position_of(values))
    return [Moment(float(series["hour"][at]) - start_h, kind, text(float(values[at])))]


def _event_text(event: TeamEvent, start_h: float, words: Translator) -> str:
    text = event.title
    if event.body and event.kind in (EventKind.INJECT, EventKind.EVIDENCE):
        text += f": {event.body}"
    if event.deadline_h is not None:
        text += " " + words("(answer by {time})").format(time=clock(event.deadline_h - start_h))
    return text
