"""A protocol at run time: the one intervention hook (STYLE.md, after EoN's policy function)
through which a scripted team acts, exactly as a human team would, through the Session.

The policy sees only what the team sees (a SessionView), and remembers which rules it has
already fired so each statement goes out once (or once per repetition, or once per inquiry).
A rule that can fire no more is dropped from the rules looked at, so a tick costs the rules
still live, not the whole protocol: 20,000 one-off rules cost each one look once fired.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from sim.action import Action
from sim.clock import EPSILON_H
from sim.errors import ProtocolError
from sim.events import EventKind, TeamEvent
from sim.protocol.schema import Protocol, Rule, When


@dataclass(frozen=True)
class SessionView:
    """The team's view at one moment, as a protocol may use it: never ground truth, except the
    crisis start that 'trigger' rules count from."""

    now_h: float
    start_h: float
    detected_at_h: float | None
    mentions_per_h: float
    inbox: tuple[TeamEvent, ...]


class DueAction(NamedTuple):
    """A response the protocol sends now; pre-approved ones skip the approval delay."""

    action: Action
    pre_approved: bool


class PolicyState(BaseModel):
    """What a saved session keeps of a policy, one item per rule: the next occurrence due, the
    inquiries answered, and the hour a volume rule's threshold was crossed."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    next: tuple[int, ...]
    answered: tuple[tuple[str, ...], ...]
    volume_h: tuple[float | None, ...]

    @model_validator(mode="after")
    def _one_item_per_rule(self) -> PolicyState:
        if not len(self.next) == len(self.answered) == len(self.volume_h):
            raise ValueError("next, answered and volume_h have one item per rule")
        return self


class ProtocolPolicy:
    """Which rules have fired so far, and which are due now."""

    def __init__(self, protocol: Protocol, snapshot: dict[str, Any] | None = None) -> None:
        self.protocol = protocol
        count = len(protocol.rules)
        state = _state(protocol, snapshot) or PolicyState(
            next=(0,) * count, answered=((),) * count, volume_h=(None,) * count
        )
        self._next = list(state.next)
        self._answered = [set(ids) for ids in state.answered]
        self._volume_h: list[float | None] = list(state.volume_h)
        self._live = [index for index in range(count) if not self._spent(index)]

    def snapshot(self) -> dict[str, Any]:
        """The state as JSON data, so a saved session resumes with the protocol where it was."""
        return {
            "next": list(self._next),
            "answered": [sorted(ids) for ids in self._answered],
            "volume_h": list(self._volume_h),
        }

    def actions_due(self, view: SessionView) -> list[DueAction]:
        """Every response due by `view.now_h` and not yet sent, in rule order."""
        due: list[DueAction] = []
        spent = False
        for index in self._live:
            rule = self.protocol.rules[index]
            if rule.when is When.INQUIRY:
                due.extend(self._answers_due(index, rule, view))
                continue
            reference = self._reference(index, rule, view)
            if reference is None:
                continue
            occurrence = self._latest_occurrence(rule, reference, view.now_h)
            if occurrence is not None and occurrence >= self._next[index]:
                self._next[index] = occurrence + 1
                due.append(DueAction(self._action(rule, view.now_h), rule.pre_approved))
                spent = spent or self._spent(index)
        if spent:
            self._live = [index for index in self._live if not self._spent(index)]
        return due

    def _spent(self, index: int) -> bool:
        """A rule that has sent its last occurrence can fire no more (one that repeats without
        end, or answers each inquiry, always can)."""
        rule = self.protocol.rules[index]
        last = None if rule.when is When.INQUIRY else _last_occurrence(rule)
        return last is not None and self._next[index] > last

    def _action(self, rule: Rule, now_h: float, answers: str | None = None) -> Action:
        return rule.action(now_h, source=self.protocol.name, answers=answers)

    def _reference(self, index: int, rule: Rule, view: SessionView) -> float | None:
        """The hour the rule's clock started, or None if its event has not happened yet."""
        if rule.when is When.TRIGGER:
            return view.start_h
        if rule.when is When.DETECTION:
            return view.detected_at_h
        if rule.when is When.MEDIA_PICKUP:
            return _first(view.inbox, EventKind.MEDIA_ARTICLE)
        if rule.when is When.EVIDENCE:
            return _first(view.inbox, EventKind.EVIDENCE)
        if self._volume_h[index] is None and view.mentions_per_h > (rule.volume_above or 0.0):
            self._volume_h[index] = view.now_h
        return self._volume_h[index]

    @staticmethod
    def _latest_occurrence(rule: Rule, reference: float, now_h: float) -> int | None:
        """The last occurrence due by now. Occurrences missed between two looks collapse into
        one, so a protocol attached late sends one update, not a burst."""
        first = reference + rule.after_h
        if now_h < first - EPSILON_H:
            return None
        if rule.repeat_every_h is None:
            return 0
        latest = math.floor((now_h - first) / rule.repeat_every_h + EPSILON_H)
        last = _last_occurrence(rule)
        return latest if last is None else min(latest, last)

    def _answers_due(self, index: int, rule: Rule, view: SessionView) -> list[DueAction]:
        """One answer per inquiry, `after_h` after it arrived; an inquiry whose deadline has
        passed is left alone (an answer would reach nobody)."""
        due = []
        for event in view.inbox:
            inquiry = event.inquiry_id
            if inquiry is None or inquiry in self._answered[index]:
                continue
            if event.deadline_h is not None and view.now_h > event.deadline_h + EPSILON_H:
                self._answered[index].add(inquiry)
            elif view.now_h >= event.at_h + rule.after_h - EPSILON_H:
                self._answered[index].add(inquiry)
                action = self._action(rule, view.now_h, answers=inquiry)
                due.append(DueAction(action, rule.pre_approved))
        return due


def _last_occurrence(rule: Rule) -> int | None:
    """The number of a rule's last occurrence (0: it fires once); None if it repeats to the end."""
    if rule.repeat_every_h is None:
        return 0
    if rule.repeat_until_h is None:
        return None
    span = rule.repeat_until_h - rule.after_h
    return math.floor(span / rule.repeat_every_h + EPSILON_H)


def _state(protocol: Protocol, snapshot: dict[str, Any] | None) -> PolicyState | None:
    """A saved snapshot checked against the protocol; one ProtocolError sentence if it does not
    fit (the session file was edited or damaged)."""
    if snapshot is None:
        return None
    try:
        state = PolicyState.model_validate(snapshot)
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"]) or "it"
        raise ProtocolError(
            f"protocol_state is not the state of a protocol (at {where}: "
            f"{problem['msg'][:1].lower()}{problem['msg'][1:]}); the file was edited or damaged, "
            "open an earlier copy or the autosave."
        ) from None
    if len(state.next) != len(protocol.rules):
        raise ProtocolError(
            f"protocol_state holds {len(state.next)} rules and protocol {protocol.name} has "
            f"{len(protocol.rules)}; the file was edited or damaged, open an earlier copy or the "
            "autosave."
        )
    return state


def _first(inbox: tuple[TeamEvent, ...], kind: EventKind) -> float | None:
    return next((event.at_h for event in inbox if event.kind is kind), None)
