"""A protocol at run time: the one intervention hook (STYLE.md, after EoN's policy function)
through which a scripted team acts, exactly as a human team would, through the Session.

The policy sees only what the team sees (a SessionView), and remembers which rules it has
already fired so each statement goes out once (or once per repetition, or once per inquiry).
A tick looks only at the rules that can fire at it (see ProtocolPolicy), so 20,000 rules
cost about what their 20,000 statements cost.
"""

from __future__ import annotations

import heapq
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
    """Which rules have fired so far, and which are due now.

    Rules wait in three places, so a tick looks only at what can happen at it: those whose
    event has not happened yet wait by event (a volume rule by its threshold, lowest first);
    those whose clock runs wait in a heap by the hour of their next occurrence; and rules that
    answer inquiries look at each new inquiry. A tick costs the rules that fire at it (and a
    logarithm), not the length of the protocol.
    """

    def __init__(self, protocol: Protocol, snapshot: dict[str, Any] | None = None) -> None:
        self.protocol = protocol
        rules = protocol.rules
        count = len(rules)
        state = _state(protocol, snapshot) or PolicyState(
            next=(0,) * count, answered=((),) * count, volume_h=(None,) * count
        )
        self._next = list(state.next)
        self._answered = [set(ids) for ids in state.answered]
        self._volume_h: list[float | None] = list(state.volume_h)
        self._reference_h: list[float | None] = [None] * count
        self._clocks: list[tuple[float, int]] = []
        """(hour of the next occurrence, rule) for every rule whose clock runs: a heap."""
        self._inquiry_rules = [i for i, rule in enumerate(rules) if rule.when is When.INQUIRY]
        self._waiting: dict[When, list[int]] = {}
        for index, rule in enumerate(rules):
            if rule.when is not When.INQUIRY and not self._spent(index):
                self._waiting.setdefault(rule.when, []).append(index)
        volume = self._waiting.get(When.VOLUME_ABOVE, [])
        volume.sort(key=lambda index: rules[index].volume_above or 0.0, reverse=True)

    def snapshot(self) -> dict[str, Any]:
        """The state as JSON data, so a saved session resumes with the protocol where it was."""
        return {
            "next": list(self._next),
            "answered": [sorted(ids) for ids in self._answered],
            "volume_h": list(self._volume_h),
        }

    def actions_due(self, view: SessionView) -> list[DueAction]:
        """Every response due by `view.now_h` and not yet sent, in rule order."""
        self._start_clocks(view)
        due: list[tuple[int, DueAction]] = []
        looked: list[int] = []
        while self._clocks and self._clocks[0][0] <= view.now_h + EPSILON_H:
            _, index = heapq.heappop(self._clocks)
            looked.append(index)
            rule = self.protocol.rules[index]
            reference = self._reference_h[index]
            assert reference is not None, "a rule's clock runs from its reference hour"
            occurrence = self._latest_occurrence(rule, reference, view.now_h)
            if occurrence is not None and occurrence >= self._next[index]:
                self._next[index] = occurrence + 1
                due.append((index, DueAction(self._action(rule, view.now_h), rule.pre_approved)))
        for index in looked:  # after the loop: each rule is looked at once per tick
            self._wind(index)
        for index in self._inquiry_rules:
            rule = self.protocol.rules[index]
            due.extend((index, answer) for answer in self._answers_due(index, rule, view))
        due.sort(key=lambda item: item[0])
        return [action for _, action in due]

    def _start_clocks(self, view: SessionView) -> None:
        """Start the clock of every waiting rule whose event has now happened."""
        for when in list(self._waiting):
            waiting = self._waiting[when]
            if when is When.VOLUME_ABOVE:
                self._cross_thresholds(waiting, view)
                started = [i for i in waiting if self._volume_h[i] is not None]
                waiting[:] = [i for i in waiting if self._volume_h[i] is None]
                for index in started:
                    self._start(index, self._volume_h[index])
            else:
                reference = self._reference(when, view)
                if reference is None:
                    continue
                for index in waiting:
                    self._start(index, reference)
                waiting.clear()
            if not waiting:
                del self._waiting[when]

    def _cross_thresholds(self, waiting: list[int], view: SessionView) -> None:
        """Volume rules whose threshold the mentions now exceed start at this hour; `waiting`
        is sorted by threshold, highest first, so they are at its end."""
        rules = self.protocol.rules
        position = len(waiting)
        while position and view.mentions_per_h > (rules[waiting[position - 1]].volume_above or 0.0):
            position -= 1
            if self._volume_h[waiting[position]] is None:
                self._volume_h[waiting[position]] = view.now_h

    def _start(self, index: int, reference: float | None) -> None:
        assert reference is not None, "a clock starts at an hour"
        self._reference_h[index] = reference
        self._wind(index)

    def _wind(self, index: int) -> None:
        """Put the rule back in the heap at the hour of its next occurrence, unless spent."""
        if self._spent(index):
            return
        rule, reference = self.protocol.rules[index], self._reference_h[index]
        assert reference is not None, "only a running clock is wound"
        every = rule.repeat_every_h or 0.0
        heapq.heappush(self._clocks, (reference + rule.after_h + self._next[index] * every, index))

    def _spent(self, index: int) -> bool:
        """A rule that has sent its last occurrence can fire no more (one that repeats without
        end, or answers each inquiry, always can)."""
        rule = self.protocol.rules[index]
        last = None if rule.when is When.INQUIRY else _last_occurrence(rule)
        return last is not None and self._next[index] > last

    def _action(self, rule: Rule, now_h: float, answers: str | None = None) -> Action:
        return rule.action(now_h, source=self.protocol.name, answers=answers)

    @staticmethod
    def _reference(when: When, view: SessionView) -> float | None:
        """The hour the clocks of `when` rules start, or None if it has not come yet."""
        if when is When.TRIGGER:
            return view.start_h
        if when is When.DETECTION:
            return view.detected_at_h
        if when is When.MEDIA_PICKUP:
            return _first(view.inbox, EventKind.MEDIA_ARTICLE)
        return _first(view.inbox, EventKind.EVIDENCE)

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
