"""What the evaluation rules look at, read once from a session: when the team was alerted,
what the brand said and when, which deadlines it met, and what the media printed.

The rules judge these facts rather than the live model so they are plain functions that a test
can feed a constructed exercise, and so the same facts serve the ratings and the report.
Hours here are scenario hours as the model counts them (the trigger is at `start_h`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.clock import EPSILON_H
from sim.events import TeamEvent
from sim.rubric import score_message
from sim.session.record import InjectAnswered, TurnEnded
from sim.session.views import Statement
from sim.spec.schema import Inject, InjectType, ScenarioSpec

if TYPE_CHECKING:
    from sim.session import Session

Status = Literal["answered", "quoted", "no_comment", "missed", "open"]


class DeadlineItem(BaseModel):
    """Something the team had to answer by a deadline: a journalist's inquiry or an inject."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    sender: str
    asked_h: float
    deadline_h: float
    inject_id: str | None
    objective: str
    journalist: bool
    status: Status

    @property
    def met(self) -> bool:
        return self.status in ("answered", "quoted")


class PrivateAnswer(BaseModel):
    """The team's answer to an internal, executive or regulator inject, with whether it
    contradicts what the brand had said in public by then (the rubric's contradiction check)."""

    model_config = ConfigDict(frozen=True)

    inject_id: str
    sender: str
    objective: str
    at_h: float
    text: str
    contradicts: bool


class ExerciseFacts(BaseModel):
    model_config = ConfigDict(frozen=True)

    spec: ScenarioSpec
    now_h: float = Field(description="Play is judged up to this hour (the end of the last turn).")
    detected_at_h: float | None
    first_statement_h: float | None
    statements: tuple[Statement, ...]
    items: tuple[DeadlineItem, ...]
    released_injects: tuple[str, ...]
    inconsistencies: int
    evidence_emerged: bool
    notes: tuple[tuple[float, str, str | None], ...]
    answers: tuple[PrivateAnswer, ...] = ()

    @property
    def start_h(self) -> float:
        return self.spec.crisis.start_h

    def items_for(self, objective_id: str) -> tuple[DeadlineItem, ...]:
        return tuple(item for item in self.items if item.objective == objective_id)

    def answers_for(self, objective_id: str) -> tuple[PrivateAnswer, ...]:
        return tuple(answer for answer in self.answers if answer.objective == objective_id)


def facts_of(session: Session, *, with_notes: bool = True) -> ExerciseFacts:
    """The facts of a session as played so far (all of it once finished); without the
    evaluators' notes for those who may not read them (a hosted player's debrief)."""
    record = session.run_record()
    spec = session.spec
    statements = record.statements
    until = _end_of_play(session, record.now_h)
    answers = tuple(_answer(entry, spec, statements) for entry in session.inject_answers)
    items = tuple(
        _item(event, spec, statements, until, spec.turns.tick_h, answers)
        for event in record.events
        if item_id(event) is not None
    )
    return ExerciseFacts(
        spec=spec,
        now_h=until,
        detected_at_h=record.detected_at_h,
        first_statement_h=record.first_statement_h,
        statements=statements,
        items=items,
        released_injects=record.released_inject_ids,
        inconsistencies=record.inconsistencies,
        evidence_emerged=record.evidence_at_h is not None,
        notes=tuple((note.at_h, note.text, note.objective) for note in session.notes if with_notes),
        answers=answers,
    )


def _answer(
    entry: InjectAnswered, spec: ScenarioSpec, statements: tuple[Statement, ...]
) -> PrivateAnswer:
    inject = _inject(spec, entry.inject_id)
    earlier = tuple(
        s.action.text
        for s in statements
        if s.action.is_public and s.action.text.strip() and s.at_h <= entry.at_h + EPSILON_H
    )
    reading = score_message(entry.text, spec.meta.locale, earlier)
    return PrivateAnswer(
        inject_id=entry.inject_id,
        sender=inject.sender if inject is not None else "",
        objective=inject.objective if inject is not None else "",
        at_h=entry.at_h,
        text=entry.text,
        contradicts=reading.penalty("contradiction").score > 0,
    )


def item_id(event: TeamEvent) -> str | None:
    """The id of the deadline item an event is, None if the team is not asked to act on it:
    the war room's inbox and the ratings name the same items by it (`facts_of`)."""
    if event.deadline_h is None and event.inject_id is None:
        return None
    return event.inquiry_id or event.inject_id or event.title


def _end_of_play(session: Session, now_h: float) -> float:
    """The hour the team stopped playing: the end of its last turn. After that a finished
    session runs on to the horizon with nobody answering, so deadlines falling then are not
    held against the team. A protocol plays to the horizon."""
    turns = [entry.at_h for entry in session.log if isinstance(entry, TurnEnded)]
    if session.protocol is None and turns:
        return min(turns[-1], now_h)
    return now_h


def _inject(spec: ScenarioSpec, inject_id: str | None) -> Inject | None:
    return next((inject for inject in spec.injects if inject.id == inject_id), None)


def _item(
    event: TeamEvent,
    spec: ScenarioSpec,
    statements: tuple[Statement, ...],
    now_h: float,
    tick_h: float,
    answers: tuple[PrivateAnswer, ...] = (),
) -> DeadlineItem:
    """An inject without a deadline is given the scenario's journalist deadline as the time in
    which the team is expected to act on it; an internal, executive or regulator inject is also
    acted on by the team's answer to it."""
    inject = _inject(spec, event.inject_id)
    deadline = event.deadline_h
    if deadline is None:
        deadline = event.at_h + spec.media.inquiry_deadline_h
    journalist = event.inquiry_id is not None or (
        inject is not None and inject.type is InjectType.JOURNALIST_INQUIRY
    )
    if event.inquiry_id is not None:
        status = _inquiry_status(event.inquiry_id, deadline, statements, now_h, tick_h)
    else:
        answered = [a.at_h for a in answers if a.inject_id == event.inject_id]
        status = _inject_status(event.at_h, deadline, statements, now_h, answered)
    return DeadlineItem(
        id=item_id(event) or event.title,
        title=event.title,
        sender=event.sender,
        asked_h=event.at_h,
        deadline_h=deadline,
        inject_id=event.inject_id,
        objective=inject.objective if inject is not None else "",
        journalist=journalist,
        status=status,
    )


def _inquiry_status(
    inquiry_id: str,
    deadline_h: float,
    statements: tuple[Statement, ...],
    now_h: float,
    tick_h: float,
) -> Status:
    """What the journalist does at the deadline (`sim.engine.actors.media`): quote an answer sent
    by the deadline, else the latest public statement out when the journalist checks (the first
    tick at or after the deadline), else print 'no comment'."""
    answer = next(
        (
            s
            for s in statements
            if s.action.answers == inquiry_id and s.at_h <= deadline_h + EPSILON_H
        ),
        None,
    )
    if answer is not None:
        return "answered" if answer.says_something else "no_comment"
    checked_h = math.ceil(deadline_h / tick_h - EPSILON_H) * tick_h
    if now_h < checked_h + EPSILON_H:
        return "open"
    quotable = any(
        s.action.is_public and s.says_something and s.at_h <= checked_h + EPSILON_H
        for s in statements
    )
    return "quoted" if quotable else "no_comment"


def _inject_status(
    asked_h: float,
    deadline_h: float,
    statements: tuple[Statement, ...],
    now_h: float,
    answered_h: list[float],
) -> Status:
    """An inject is acted on when the brand released anything between its arrival and its
    deadline, or the team answered it (in private) by then."""
    acted = any(
        asked_h - EPSILON_H <= s.at_h <= deadline_h + EPSILON_H and s.says_something
        for s in statements
    ) or any(at_h <= deadline_h + EPSILON_H for at_h in answered_h)
    if acted:
        return "answered"
    return "open" if now_h < deadline_h - EPSILON_H else "missed"
