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
from sim.i18n import ENGLISH, N_, Translator
from sim.labels import label
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


def _strategy(action: Action, words: Translator) -> str:
    return label(action.strategy, words)


def _hours(hours: float, words: Translator) -> str:
    return words.figure(hours_text(hours))


def _held_by(decision: Decision, words: Translator) -> str:
    """Where approval held a statement: a seat, or the scenario's approval delay."""
    if decision.approver is not None:
        return words("in the {seat} seat").format(seat=decision.approver)
    return words("for the scenario's approval delay (team.approval)")


# --------------------------------------------------------------------------- one rule per kind


def first_statement_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts, words: Translator = ENGLISH
) -> tuple[str, ...]:
    """A late first statement: the larger of the time to decide (from the alert) and the time
    approval held it; no statement: rejected drafts, one still waiting, or none decided."""
    _ = words
    public = [d for d in log.decisions if d.action.is_public]
    first = facts.first_statement_h
    areas = rating.areas_for_improvement
    if first is None:
        return tuple(_never_said(facts, log, public, _) for _area in areas)
    out = next((d for d in public if abs(d.action.at_h - first) < EPSILON_H), None)
    if out is None:
        sent = _("First statement at {time}, sent by {source}.").format(
            time=_at(facts, first), source=facts.statements[0].action.source
        )
        return tuple(sent for _area in areas)
    alert = facts.detected_at_h if facts.detected_at_h is not None else facts.start_h
    deciding = max(out.decided_h - alert, 0.0)
    since = _("the alert") if facts.detected_at_h is not None else _("the trigger")
    if out.wait_h > deciding:
        cause = _(
            "First statement at {time} because approval held its {strategy} {wait} {held_by}; "
            "the team had decided on it {deciding} after {since}."
        ).format(
            time=_at(facts, first),
            strategy=_strategy(out.action, _),
            wait=_hours(out.wait_h, _),
            held_by=_held_by(out, _),
            deciding=_hours(deciding, _),
            since=since,
        )
    else:
        cause = _(
            "First statement at {time} because the team decided on it only at {decided}, "
            "{deciding} after {since}; approval took {wait}."
        ).format(
            time=_at(facts, first),
            decided=_at(facts, out.decided_h),
            deciding=_hours(deciding, _),
            since=since,
            wait=_hours(out.wait_h, _),
        )
    return tuple(cause for _area in areas)


def _never_said(
    facts: ExerciseFacts, log: LogFacts, public: Sequence[Decision], words: Translator
) -> str:
    _ = words
    waiting = [d for d in public if d.action.at_h > facts.now_h + EPSILON_H]
    if waiting:
        held = waiting[0]
        return _(
            "A {strategy} decided at {decided} was still held {held_by} when play stopped at "
            "{stopped}."
        ).format(
            strategy=_strategy(held.action, _),
            decided=_at(facts, held.decided_h),
            held_by=_held_by(held, _),
            stopped=_at(facts, facts.now_h),
        )
    if log.refusals:
        refused = log.refusals[0]
        why = f" ({refused.reason})" if refused.reason else ""
        return _(
            "The public statement drafted was rejected in the {seat} seat at {time}{why}, and no "
            "other was sent."
        ).format(seat=refused.by, time=_at(facts, refused.at_h), why=why)
    return _("The team queued no public statement in play (up to {time}).").format(
        time=_at(facts, facts.now_h)
    )


def deadline_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts, words: Translator = ENGLISH
) -> tuple[str, ...]:
    """A lapsed item or a printed 'no comment': an answer decided in time but held by approval
    past the deadline, a 'no comment' chosen, or nothing decided between the ask and the
    deadline. Each area names its item (`sim.evaluation.rules.deadlines`)."""
    lapsed = [item for item in facts.items if item.status in ("no_comment", "missed")]
    causes = []
    for area in rating.areas_for_improvement:
        item = next((item for item in lapsed if _names(area, item.id)), None)
        causes.append(
            words("No cause found in the log.")
            if item is None
            else _lapse_cause(item, facts, log, words)
        )
    return tuple(causes)


def _names(area: str, item_id: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(item_id)}(?![\w-])", area) is not None


def _lapse_cause(item: DeadlineItem, facts: ExerciseFacts, log: LogFacts, words: Translator) -> str:
    _ = words
    due = _("the {time} deadline").format(time=_at(facts, item.deadline_h))
    in_window = [
        d
        for d in log.decisions
        if item.asked_h - EPSILON_H <= d.decided_h <= item.deadline_h + EPSILON_H
        and (d.action.answers in (None, item.id))
    ]
    chose_silence = [d for d in in_window if d.action.strategy.value == "no_comment"]
    if chose_silence:
        chosen = _at(facts, chose_silence[0].decided_h)
        return _("The team chose 'no comment' for {item} at {time}.").format(
            item=item.id, time=chosen
        )
    late = [d for d in in_window if d.action.at_h > item.deadline_h + EPSILON_H]
    if late:
        held = late[0]
        return _(
            "{item}: the {strategy} decided at {decided} was held {wait} {held_by} and went out "
            "at {out}, after {due}."
        ).format(
            item=item.id,
            strategy=_strategy(held.action, _),
            decided=_at(facts, held.decided_h),
            wait=_hours(held.wait_h, _),
            held_by=_held_by(held, _),
            out=_at(facts, held.action.at_h),
            due=due,
        )
    return _(
        "{item}: nothing was decided between its arrival at {asked} and {due}; no one owned it."
    ).format(item=item.id, asked=_at(facts, item.asked_h), due=due)


def consistency_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts, words: Translator = ENGLISH
) -> tuple[str, ...]:
    """Contradictions: the public line turning (a denial and then an accommodation, or back),
    and answers to injects that broke with it."""
    _ = words
    public = [s for s in facts.statements if s.says_something and s.action.is_public]
    turns = [
        _("{before} at {before_time} then {after} at {after_time}").format(
            before=_strategy(before.action, _),
            before_time=_at(facts, before.at_h),
            after=_strategy(after.action, _),
            after_time=_at(facts, after.at_h),
        )
        for before, after in pairwise(public)
        if (before.action.strategy in DENIAL_STRATEGIES)
        != (after.action.strategy in DENIAL_STRATEGIES)
    ]
    broke = [
        _("the answer to {inject}").format(inject=a.inject_id)
        for a in facts.answers
        if a.contradicts
    ]
    if not public:
        cause = _("Nothing was said in public, so no line was agreed to keep.")
    elif turns or broke:
        parts = [
            *(_("the public line turned ({turn})").format(turn=turn) for turn in turns),
            *broke,
        ]
        held = (
            N_("No agreed line held: {parts} contradicted the public statements.")
            if broke and not turns
            else N_("No agreed line held: {parts}.")
        )
        cause = _(held).format(parts="; ".join(parts))
    else:
        cause = _(
            "The statements' facts disagreed with earlier ones (the rubric's contradiction "
            "check) without a change of strategy: no shared fact sheet."
        )
    return tuple(cause for _area in rating.areas_for_improvement)


def instructions_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts, words: Translator = ENGLISH
) -> tuple[str, ...]:
    """Missing instructions: what the first statement with text was (a template's, or written
    in play) and how it scored on the rubric's instructions component."""
    _ = words
    written = [s for s in facts.statements if s.says_something and s.action.text.strip()]
    if not written:
        cause = _("No statement carried any text for the affected to act on.")
    else:
        first = written[0]
        score = instruction_strength(first.action.text, facts.spec.meta.locale)
        origin = (
            _("the pre-approved template {template}").format(template=first.action.template)
            if first.action.template
            else _("the text written in play")
        )
        cause = _(
            "The first statement ({strategy} at {time}, {origin}) scored {score} of 1 for "
            "instructions, below the {clear} that counts as clear: no steps, helpline or contact."
        ).format(
            strategy=_strategy(first.action, _),
            time=_at(facts, first.at_h),
            origin=origin,
            score=_.figure(f"{score:.1f}"),
            clear=_.figure(f"{CLEAR_INSTRUCTIONS:g}"),
        )
    return tuple(cause for _area in rating.areas_for_improvement)


def responsibility_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts, words: Translator = ENGLISH
) -> tuple[str, ...]:
    """A denial (contradicted by evidence, or not) or an excuse, against the responsibility the
    scenario gives the brand; or no public statement at all."""
    _ = words
    crisis = facts.spec.crisis
    public = [s for s in facts.statements if s.says_something and s.action.is_public]
    denials = [s for s in public if s.action.strategy in DENIAL_STRATEGIES]
    excuses = [s for s in public if s.action.strategy in DIMINISH_STRATEGIES]
    share = _.figure(f"{crisis.true_responsibility:.0%}")
    cluster = label(crisis.cluster, _)
    if denials:
        first = denials[0]
        said = dict(
            strategy=_strategy(first.action, _).capitalize(),
            time=_at(facts, first.at_h),
            cluster=cluster,
            share=share,
        )
        if log.evidence_at_h is not None:
            cause = _(
                "{strategy} at {time} in a crisis of the {cluster} cluster where the brand's true "
                "responsibility was {share}: evidence released at {evidence} contradicted it."
            ).format(**said, evidence=_at(facts, log.evidence_at_h))
        else:
            cause = _(
                "{strategy} at {time} in a crisis of the {cluster} cluster where the brand's true "
                "responsibility was {share}."
            ).format(**said)
    elif excuses:
        first = excuses[0]
        cause = _(
            "{strategy} at {time} minimised a part the public attributes to the brand ({cluster} "
            "cluster, true responsibility {share})."
        ).format(
            strategy=_strategy(first.action, _).capitalize(),
            time=_at(facts, first.at_h),
            cluster=cluster,
            share=share,
        )
    else:
        cause = _("The brand never spoke in public: no statement took a stance on its part.")
    return tuple(cause for _area in rating.areas_for_improvement)


def not_exercised_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts, words: Translator = ENGLISH
) -> tuple[str, ...]:
    """Not exercised: play stopped before its items' deadlines, its injects' triggers were not
    reached and the controller did not release them, or the MSEL has none for it."""
    _ = words
    objective = rating.objective_id
    still_open = [item for item in facts.items_for(objective) if item.status == "open"]
    waiting = [
        inject
        for inject in facts.spec.injects
        if inject.objective == objective and inject.id not in facts.released_injects
    ]
    if still_open:
        item = still_open[0]
        cause = _("Play stopped at {stopped}, before {item}'s deadline at {due}.").format(
            stopped=_at(facts, facts.now_h), item=item.id, due=_at(facts, item.deadline_h)
        )
    elif waiting:
        names = ", ".join(inject.id for inject in waiting)
        cause = _(
            "The triggers of {injects} were not reached by {time} and the controller did not "
            "release them."
        ).format(injects=names, time=_at(facts, facts.now_h))
    else:
        cause = _(
            "The MSEL has no inject for {objective}: the exercise's design left it out."
        ).format(objective=objective)
    return tuple(cause for _area in rating.areas_for_improvement)


RootCauseRule = Callable[[ObjectiveRating, ExerciseFacts, LogFacts, Translator], tuple[str, ...]]

ROOT_CAUSE_RULES: dict[Rule, RootCauseRule] = {
    "first_statement": first_statement_causes,
    "deadlines": deadline_causes,
    "consistency": consistency_causes,
    "instructions": instructions_causes,
    "responsibility": responsibility_causes,
    "not_exercised": not_exercised_causes,
}


def root_causes(
    rating: ObjectiveRating, facts: ExerciseFacts, log: LogFacts, words: Translator = ENGLISH
) -> tuple[str, ...]:
    """One root cause for each of the rating's areas for improvement, in the same order, in the
    language of `words`."""
    if not rating.areas_for_improvement:
        return ()
    return ROOT_CAUSE_RULES[rating.rule](rating, facts, log, words)
