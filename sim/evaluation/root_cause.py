"""The root cause of each area for improvement, read off the session log: why the first statement
was late (the team decided late, or approval held it, in a seat or by the scenario's delay),
why a deadline lapsed, what a contradiction or a denial ran into.

HSEEP asks an AAR/IP for a root cause beside every area for improvement. One rule per kind of
shortfall (the rule that rated the objective, `sim.evaluation.rules`), each a pure function of
the rating, the exercise's facts and the log's decisions, returning one cause per area in the
rating's order, so the report can set each beside its area.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from sim.action import Action
from sim.clock import EPSILON_H, clock, hours_text
from sim.evaluation.facts import DeadlineItem, ExerciseFacts
from sim.evaluation.rating import ObjectiveRating, Rule
from sim.evaluation.rules import CLEAR_INSTRUCTIONS, DIMINISH_STRATEGIES, instruction_strength
from sim.session.record import Approved, Drafted, LogEntry, Queued, Rejected
from sim.spec.schema import DENIAL_STRATEGIES


@dataclass(frozen=True)
class Decision:
    """A statement the team decided on and how it went out: decided (drafted, or queued) at
    `decided_h`, released at `action.at_h`; `approver` is the seat that approved it in hosted
    play (None: the scenario's approval delay, or a template, applied)."""

    decided_h: float
    action: Action
    approver: str | None = None

    @property
    def wait_h(self) -> float:
        """Hours between the decision and the release: approval."""
        return max(self.action.at_h - self.decided_h, 0.0)


@dataclass(frozen=True)
class Refusal:
    """A draft rejected in an approver's seat."""

    at_h: float
    by: str
    reason: str


@dataclass(frozen=True)
class LogFacts:
    """What the log says about how statements went out, beside the exercise's facts."""

    decisions: tuple[Decision, ...] = ()
    refusals: tuple[Refusal, ...] = ()
    evidence_at_h: float | None = None


def decisions_of(log: Iterable[LogEntry]) -> tuple[tuple[Decision, ...], tuple[Refusal, ...]]:
    """Every queued statement with the hour it was decided (its draft's, in hosted play) and the
    seat that approved it, and every rejected draft."""
    drafted: dict[int, Drafted] = {}
    approved: Approved | None = None
    decisions: list[Decision] = []
    refusals: list[Refusal] = []
    for entry in log:
        if isinstance(entry, Drafted):
            drafted[entry.draft] = entry
        elif isinstance(entry, Approved):
            approved = entry
        elif isinstance(entry, Rejected):
            refusals.append(Refusal(entry.at_h, entry.by, entry.reason))
        elif isinstance(entry, Queued):
            draft = drafted.get(approved.draft) if approved is not None else None
            if approved is not None and draft is not None:
                decisions.append(Decision(draft.at_h, entry.action, approved.by))
            else:
                decisions.append(Decision(entry.at_h, entry.action))
            approved = None
    return tuple(decisions), tuple(refusals)


def _at(facts: ExerciseFacts, at_h: float) -> str:
    return clock(at_h - facts.start_h)


def _strategy(action: Action) -> str:
    return action.strategy.value.replace("_", " ")


def _held_by(decision: Decision) -> str:
    """Where approval held a statement: a seat, or the scenario's approval delay."""
    if decision.approver is not None:
        return f"in the {decision.approver} seat"
    return "for the scenario's approval delay (team.approval)"


# --------------------------------------------------------------------------- one rule per kind


def first_statement_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts
) -> tuple[str, ...]:
    """A late first statement: the larger of the time to decide (from the alert) and the time
    approval held it; no statement: rejected drafts, one still waiting, or none decided."""
    public = [d for d in log.decisions if d.action.is_public]
    first = facts.first_statement_h
    if first is None:
        return tuple(_never_said(facts, log, public) for _ in rating.areas_for_improvement)
    out = next((d for d in public if abs(d.action.at_h - first) < EPSILON_H), None)
    if out is None:
        return tuple(
            f"First statement at {_at(facts, first)}, sent by {facts.statements[0].action.source}."
            for _ in rating.areas_for_improvement
        )
    alert = facts.detected_at_h if facts.detected_at_h is not None else facts.start_h
    deciding = max(out.decided_h - alert, 0.0)
    since = "the alert" if facts.detected_at_h is not None else "the trigger"
    if out.wait_h > deciding:
        cause = (
            f"First statement at {_at(facts, first)} because approval held its "
            f"{_strategy(out.action)} {hours_text(out.wait_h)} {_held_by(out)}; the team "
            f"had decided on it {hours_text(deciding)} after {since}."
        )
    else:
        cause = (
            f"First statement at {_at(facts, first)} because the team decided on it only at "
            f"{_at(facts, out.decided_h)}, {hours_text(deciding)} after {since}; approval "
            f"took {hours_text(out.wait_h)}."
        )
    return tuple(cause for _ in rating.areas_for_improvement)


def _never_said(facts: ExerciseFacts, log: LogFacts, public: Sequence[Decision]) -> str:
    waiting = [d for d in public if d.action.at_h > facts.now_h + EPSILON_H]
    if waiting:
        held = waiting[0]
        return (
            f"A {_strategy(held.action)} decided at {_at(facts, held.decided_h)} was still held "
            f"{_held_by(held)} when play stopped at {_at(facts, facts.now_h)}."
        )
    if log.refusals:
        refused = log.refusals[0]
        why = f" ({refused.reason})" if refused.reason else ""
        return (
            f"The public statement drafted was rejected in the {refused.by} seat at "
            f"{_at(facts, refused.at_h)}{why}, and no other was sent."
        )
    return f"The team queued no public statement in play (up to {_at(facts, facts.now_h)})."


def deadline_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts
) -> tuple[str, ...]:
    """A lapsed item or a printed 'no comment': an answer decided in time but held by approval
    past the deadline, a 'no comment' chosen, or nothing decided between the ask and the
    deadline. Each area names its item (`sim.evaluation.rules.deadlines`)."""
    lapsed = [item for item in facts.items if item.status in ("no_comment", "missed")]
    causes = []
    for area in rating.areas_for_improvement:
        item = next((item for item in lapsed if _names(area, item.id)), None)
        causes.append(
            "No cause found in the log." if item is None else _lapse_cause(item, facts, log)
        )
    return tuple(causes)


def _names(area: str, item_id: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(item_id)}(?![\w-])", area) is not None


def _lapse_cause(item: DeadlineItem, facts: ExerciseFacts, log: LogFacts) -> str:
    due = f"the {_at(facts, item.deadline_h)} deadline"
    in_window = [
        d
        for d in log.decisions
        if item.asked_h - EPSILON_H <= d.decided_h <= item.deadline_h + EPSILON_H
        and (d.action.answers in (None, item.id))
    ]
    chose_silence = [d for d in in_window if d.action.strategy.value == "no_comment"]
    if chose_silence:
        chosen = _at(facts, chose_silence[0].decided_h)
        return f"The team chose 'no comment' for {item.id} at {chosen}."
    late = [d for d in in_window if d.action.at_h > item.deadline_h + EPSILON_H]
    if late:
        held = late[0]
        return (
            f"{item.id}: the {_strategy(held.action)} decided at {_at(facts, held.decided_h)} was "
            f"held {hours_text(held.wait_h)} {_held_by(held)} and went out at "
            f"{_at(facts, held.action.at_h)}, after {due}."
        )
    return (
        f"{item.id}: nothing was decided between its arrival at {_at(facts, item.asked_h)} and "
        f"{due}; no one owned it."
    )


def consistency_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts
) -> tuple[str, ...]:
    """Contradictions: the public line turning (a denial and then an accommodation, or back),
    and answers to injects that broke with it."""
    public = [s for s in facts.statements if s.says_something and s.action.is_public]
    turns = [
        f"{_strategy(before.action)} at {_at(facts, before.at_h)} then "
        f"{_strategy(after.action)} at {_at(facts, after.at_h)}"
        for before, after in pairwise(public)
        if (before.action.strategy in DENIAL_STRATEGIES)
        != (after.action.strategy in DENIAL_STRATEGIES)
    ]
    broke = [f"the answer to {a.inject_id}" for a in facts.answers if a.contradicts]
    if not public:
        cause = "Nothing was said in public, so no line was agreed to keep."
    elif turns or broke:
        cause = (
            "No agreed line held: "
            + "; ".join([*(f"the public line turned ({turn})" for turn in turns), *broke])
            + (" contradicted the public statements." if broke and not turns else ".")
        )
    else:
        cause = (
            "The statements' facts disagreed with earlier ones (the rubric's contradiction "
            "check) without a change of strategy: no shared fact sheet."
        )
    return tuple(cause for _ in rating.areas_for_improvement)


def instructions_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts
) -> tuple[str, ...]:
    """Missing instructions: what the first statement with text was (a template's, or written
    in play) and how it scored on the rubric's instructions component."""
    written = [s for s in facts.statements if s.says_something and s.action.text.strip()]
    if not written:
        cause = "No statement carried any text for the affected to act on."
    else:
        first = written[0]
        score = instruction_strength(first.action.text, facts.spec.meta.locale)
        origin = (
            f"the pre-approved template {first.action.template}"
            if first.action.template
            else "the text written in play"
        )
        cause = (
            f"The first statement ({_strategy(first.action)} at {_at(facts, first.at_h)}, "
            f"{origin}) scored {score:.1f} of 1 for instructions, below the "
            f"{CLEAR_INSTRUCTIONS:g} that counts as clear: no steps, helpline or contact."
        )
    return tuple(cause for _ in rating.areas_for_improvement)


def responsibility_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts
) -> tuple[str, ...]:
    """A denial (contradicted by evidence, or not) or an excuse, against the responsibility the
    scenario gives the brand; or no public statement at all."""
    crisis = facts.spec.crisis
    public = [s for s in facts.statements if s.says_something and s.action.is_public]
    denials = [s for s in public if s.action.strategy in DENIAL_STRATEGIES]
    excuses = [s for s in public if s.action.strategy in DIMINISH_STRATEGIES]
    share = f"{crisis.true_responsibility:.0%}"
    if denials:
        first = denials[0]
        cause = (
            f"{_strategy(first.action).capitalize()} at {_at(facts, first.at_h)} in a crisis "
            f"of the {crisis.cluster.value} cluster where the brand's true responsibility was "
            f"{share}"
        )
        if log.evidence_at_h is not None:
            cause += f": evidence released at {_at(facts, log.evidence_at_h)} contradicted it."
        else:
            cause += "."
    elif excuses:
        first = excuses[0]
        cause = (
            f"{_strategy(first.action).capitalize()} at {_at(facts, first.at_h)} minimised a "
            f"part the public attributes to the brand ({crisis.cluster.value} cluster, true "
            f"responsibility {share})."
        )
    else:
        cause = "The brand never spoke in public: no statement took a stance on its part."
    return tuple(cause for _ in rating.areas_for_improvement)


def not_exercised_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts
) -> tuple[str, ...]:
    """Not exercised: play stopped before its items' deadlines, its injects' triggers were not
    reached and the controller did not release them, or the MSEL has none for it."""
    objective = rating.objective_id
    still_open = [item for item in facts.items_for(objective) if item.status == "open"]
    waiting = [
        inject
        for inject in facts.spec.injects
        if inject.objective == objective and inject.id not in facts.released_injects
    ]
    if still_open:
        item = still_open[0]
        cause = (
            f"Play stopped at {_at(facts, facts.now_h)}, before {item.id}'s deadline at "
            f"{_at(facts, item.deadline_h)}."
        )
    elif waiting:
        names = ", ".join(inject.id for inject in waiting)
        cause = (
            f"The triggers of {names} were not reached by {_at(facts, facts.now_h)} and the "
            "controller did not release them."
        )
    else:
        cause = f"The MSEL has no inject for {objective}: the exercise's design left it out."
    return tuple(cause for _ in rating.areas_for_improvement)


RootCauseRule = Callable[[ObjectiveRating, ExerciseFacts, LogFacts], tuple[str, ...]]

ROOT_CAUSE_RULES: dict[Rule, RootCauseRule] = {
    "first_statement": first_statement_causes,
    "deadlines": deadline_causes,
    "consistency": consistency_causes,
    "instructions": instructions_causes,
    "responsibility": responsibility_causes,
    "not_exercised": not_exercised_causes,
}


def root_causes(rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts) -> tuple[str, ...]:
    """One root cause for each of the rating's areas for improvement, in the same order."""
    if not rating.areas_for_improvement:
        return ()
    return ROOT_CAUSE_RULES[rating.rule](rating, facts, log)
