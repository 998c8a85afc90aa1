"""Frozen snapshots of a session for the screens: what the team sees after a turn, and what the
facilitator sees. Built in one place from the Session so widgets never hold the model, and so a
worker thread can build them while the screen keeps drawing the previous one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sim.action import Action
from sim.clock import EPSILON_H, both_clocks, clock
from sim.evaluation.facts import DeadlineItem, facts_of, item_id
from sim.events import TeamEvent
from sim.feed import FeedItem
from sim.i18n import ENGLISH, Translator
from sim.labels import label
from sim.observation import Observation
from sim.session import (
    InjectAnswered,
    InjectReleased,
    Joined,
    LogEntry,
    Note,
    Paused,
    Queued,
    Rated,
    Resumed,
    Session,
    TurnEnded,
    played_actions,
)
from sim.session.views import AgainstSilence, GroundTruth
from sim.session.wording import spoken_texts
from sim.spec.schema import Inject, Strategy


class InboxStatus(StrEnum):
    """Where a message stands, as the ratings see it (`sim.evaluation.facts`), plus what the
    team has queued and not yet sent."""

    INFO = "info"
    OPEN = "open"
    QUEUED = "queued"
    LATE = "late"
    ANSWERED = "answered"
    COVERED = "covered"
    NO_COMMENT = "no_comment"
    LAPSED = "lapsed"


RATED_STATUS: dict[str, InboxStatus] = {
    "answered": InboxStatus.ANSWERED,
    "quoted": InboxStatus.COVERED,
    "no_comment": InboxStatus.NO_COMMENT,
    "missed": InboxStatus.LAPSED,
}
CLOSED_UNANSWERED = frozenset({InboxStatus.NO_COMMENT, InboxStatus.LAPSED})


@dataclass(frozen=True)
class InboxItem:
    event: TeamEvent
    status: InboxStatus
    due_h: float | None = None
    """When the team must act by: the message's deadline, or the one the ratings hold an
    inject without a deadline to (`sim.evaluation.facts`); None for a message for information."""
    private: bool = False
    """An internal, executive or regulator inject: answered in private, from the inbox."""

    @property
    def needs_answer(self) -> bool:
        return self.status in (InboxStatus.OPEN, InboxStatus.LATE)

    @property
    def answer_to(self) -> str | None:
        """What an answer to it names: the inquiry, or the inject answered in private; None
        when it is answered, if at all, by a public statement."""
        return self.event.inquiry_id or (self.event.inject_id if self.private else None)


@dataclass(frozen=True)
class TimelineEntry:
    at_h: float
    turn: int
    text: str
    status: str


@dataclass(frozen=True)
class WarRoomState:
    """Everything the war room draws after a turn: the team's view, never ground truth."""

    title: str
    now_h: float
    turn: int
    turns_total: int
    observation: Observation
    inbox: tuple[InboxItem, ...]
    timeline: tuple[TimelineEntry, ...]
    feed: tuple[FeedItem, ...]
    earlier_statements: tuple[str, ...]
    finished: bool
    paused: bool
    clock_start: str | None = None
    """The time of day at the trigger, if the scenario gives it."""
    trigger_h: float = 0.0

    @property
    def all_turns_played(self) -> bool:
        return self.turn >= self.turns_total

    def time(self, hours: float) -> str:
        """A scenario hour as the war room shows it: "T+3:20 (11:00)"."""
        return both_clocks(hours, self.clock_start, self.trigger_h)


@dataclass(frozen=True)
class FacilitatorState:
    """What the facilitator's console draws: the Session's ground truth and the run so far
    against silence, the MSEL still pending and the objectives notes can be taken against."""

    truth: GroundTruth
    against_silence: AgainstSilence
    pending_injects: tuple[tuple[str, str], ...]
    objectives: tuple[tuple[str, str], ...]
    paused: bool


def inbox_status(
    event: TeamEvent, rated: DeadlineItem | None, planned: Sequence[Action]
) -> InboxStatus:
    """The status the ratings give the item (`facts_of`: one source for both); while it is open,
    whether an answer is queued to go out by its deadline (QUEUED), only after it (LATE), or not
    at all (OPEN). An inquiry is answered by an answer to it; any other item by anything said
    between its arrival and its deadline, as the ratings count it."""
    if rated is None:
        return InboxStatus.INFO
    if rated.status != "open":
        return RATED_STATUS[rated.status]
    if event.inquiry_id is not None:
        hours = [action.at_h for action in planned if action.answers == event.inquiry_id]
    else:
        hours = [
            action.at_h
            for action in planned
            if action.strategy is not Strategy.NO_COMMENT and action.at_h >= rated.asked_h
        ]
    if not hours:
        return InboxStatus.OPEN
    if min(hours) <= rated.deadline_h + EPSILON_H:
        return InboxStatus.QUEUED
    return InboxStatus.LATE


def newly_lapsed(before: WarRoomState | None, after: WarRoomState) -> tuple[InboxItem, ...]:
    """Inquiries whose deadline passed unanswered between two snapshots."""
    already = set()
    if before is not None:
        already = {item.event for item in before.inbox if item.status in CLOSED_UNANSWERED}
    return tuple(
        item
        for item in after.inbox
        if item.status in CLOSED_UNANSWERED and item.event not in already
    )


def action_summary(action: Action, words: Translator = ENGLISH) -> str:
    _ = words
    parts = [label(action.strategy, _)]
    if action.answers is not None:
        parts.append(_("answering {target}").format(target=action.answers))
    else:
        parts.append(_("on {channel}").format(channel=label(action.channel, _)))
    parts.append(_("by {speaker}").format(speaker=label(action.spokesperson, _)))
    if action.template is not None:
        parts.append(_("(template {template})").format(template=action.template))
    return " ".join(parts)


def timeline_of(
    log: Sequence[LogEntry], now_h: float, words: Translator = ENGLISH
) -> tuple[TimelineEntry, ...]:
    """The team's decisions and the facilitator's interventions, oldest first."""
    _ = words
    entries = []
    for entry in log:
        if isinstance(entry, Queued):
            action = entry.action
            # A statement due now goes out in the tick that starts now: in the inbox of the
            # turn that starts here, as the model releases it.
            if action.at_h < now_h - EPSILON_H:
                status = _("out {time}").format(time=clock(action.at_h))
            elif action.at_h <= now_h + EPSILON_H:
                status = _("goes out at {time}").format(time=clock(action.at_h))
            else:
                status = _("approval until {time}").format(time=clock(action.at_h))
            summary = action_summary(action, words)
            entries.append(TimelineEntry(entry.at_h, entry.turn, summary, status))
        elif isinstance(entry, InjectReleased):
            released = _("inject {inject} released").format(inject=entry.inject_id)
            entries.append(TimelineEntry(entry.at_h, entry.turn, released, _("facilitator")))
        elif isinstance(entry, InjectAnswered):
            answer = _("answer to {inject}: {text}").format(inject=entry.inject_id, text=entry.text)
            entries.append(TimelineEntry(entry.at_h, entry.turn, answer, _("sent")))
        elif isinstance(entry, Note):
            about = f" [{entry.objective}]" if entry.objective else ""
            note = _("note{about}: {text}").format(about=about, text=entry.text)
            entries.append(TimelineEntry(entry.at_h, entry.turn, note, _("evaluator")))
        elif isinstance(entry, Rated):
            rated = _("{evaluator} rates {objective} {rating}: {reason}").format(
                evaluator=entry.by,
                objective=entry.objective,
                rating=entry.rating,
                reason=entry.reason,
            )
            entries.append(TimelineEntry(entry.at_h, entry.turn, rated, _("evaluator")))
        elif isinstance(entry, Joined):
            joined = _("{name} at the {role} seat").format(name=entry.name, role=entry.role)
            entries.append(TimelineEntry(entry.at_h, entry.turn, joined, _("joined")))
        elif isinstance(entry, Paused | Resumed):
            what = _("exercise paused") if isinstance(entry, Paused) else _("exercise resumed")
            entries.append(TimelineEntry(entry.at_h, entry.turn, what, _("facilitator")))
        elif isinstance(entry, TurnEnded):
            ended = _("end of turn {turn}").format(turn=entry.turn)
            entries.append(TimelineEntry(entry.at_h, entry.turn, ended, ""))
    return tuple(entries)


def inbox_of(session: Session) -> tuple[InboxItem, ...]:
    """The team's inbox with each item's status, read from the same facts the ratings read."""
    return inbox_items(
        session.inbox,
        facts_of(session).items,
        played_actions(session.log),
        session.answerable_inject_ids,
    )


def inbox_items(
    inbox: Sequence[TeamEvent],
    rated: Sequence[DeadlineItem],
    planned: Sequence[Action],
    answerable: Sequence[str],
) -> tuple[InboxItem, ...]:
    """The inbox's items with their statuses, from the ratings' deadline items (`facts_of`),
    the statements played and the injects the team may answer in private: one rule for a
    Session's war room and a hosted seat's."""
    by_id = {item.id: item for item in rated}
    private = set(answerable)
    items = []
    for event in inbox:
        key = item_id(event)
        item = None if key is None else by_id.get(key)
        status = inbox_status(event, item, planned)
        due = None if item is None else item.deadline_h
        items.append(InboxItem(event, status, due, private=event.inject_id in private))
    return tuple(items)


def war_room_state(session: Session, words: Translator = ENGLISH) -> WarRoomState:
    """Of a session in play, its timeline in the language of `words`."""
    actions = played_actions(session.log)
    now_h = session.now_h
    return WarRoomState(
        title=session.spec.meta.title,
        now_h=now_h,
        turn=session.turn,
        turns_total=session.turns_total,
        observation=session.observe(),
        inbox=inbox_of(session),
        timeline=timeline_of(session.log, now_h, words),
        feed=session.feed(),
        earlier_statements=spoken_texts(actions),
        finished=session.finished,
        paused=session.paused,
        clock_start=session.spec.meta.clock_start,
        trigger_h=session.spec.crisis.start_h,
    )


def facilitator_state(session: Session, words: Translator = ENGLISH) -> FacilitatorState:
    """Of a session in play. It may step the unanswered run (`Session.against_silence`), so it is
    built in a worker, as a turn is."""
    truth = session.ground_truth()
    injects = {inject.id: inject for inject in session.spec.injects}
    return FacilitatorState(
        truth=truth,
        against_silence=session.against_silence(),
        pending_injects=tuple(
            (inject_id, _inject_text(injects[inject_id], words))
            for inject_id in truth.pending_inject_ids
        ),
        objectives=tuple((item.id, item.text) for item in session.spec.meta.objectives),
        paused=session.paused,
    )


def _inject_text(inject: Inject, words: Translator) -> str:
    return words("{kind} from {sender}").format(
        kind=label(inject.type, words), sender=inject.sender
    )
