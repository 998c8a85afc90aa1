"""The AAR/IP's executive summary, computed from the exercise's facts: what happened (the crisis
and its reach), what the team did (its statements, their timing and strategy), the outcome in
the headline measure with the damage the answers avoided, and the three things to fix.

The things to fix are the areas for improvement ranked by what they cost: for each kind of
shortfall, the damage among the aware that the what-if fixing it would have saved on the same
seed (`FIX_VARIANTS`): answering an hour earlier for a late statement or a lapsed deadline, an
apology instead of a denial for blame, full transparency for missing instructions or a line
that did not hold, the bundled good practice for a team that never spoke. A shortfall with no
what-if (an objective not exercised) costs nothing measurable and ranks last; ties go to the
worse rating, then to the objectives' order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sim.clock import clock, hours_text
from sim.evaluation.rating import RATING_ORDER, Rating, Rule
from sim.headline import aware_damage_text, headline_sentence, points
from sim.outcome import Outcome
from sim.session import (
    APOLOGY_INSTEAD_OF_DENIAL,
    FULLY_TRANSPARENT,
    REFERENCE,
    Statement,
    Variant,
    WhatIf,
    shifted,
)
from sim.spec.schema import ScenarioSpec

FIXES_SHOWN = 3

EARLIER = shifted(-1.0)
FIX_VARIANTS: dict[Rule, Variant] = {
    "first_statement": EARLIER,
    "deadlines": EARLIER,
    "responsibility": APOLOGY_INSTEAD_OF_DENIAL,
    "instructions": FULLY_TRANSPARENT,
    "consistency": FULLY_TRANSPARENT,
}
"""The what-if that would have fixed each kind of shortfall (none for `not_exercised`)."""

STATEMENTS_NAMED = 4  # statements named in "what the team did"; the rest are counted


@dataclass(frozen=True)
class Shortfall:
    """One area for improvement with its root cause, as the report's analysis gives it."""

    objective_id: str
    rating: Rating
    rule: Rule
    issue: str
    root_cause: str


@dataclass(frozen=True)
class Fix:
    """One thing to fix: the areas for improvement of one kind (one rating rule, so one
    corrective action), the worst rating among them, and what they cost: the damage among the
    aware (RI points) the what-if `measured_by` saved on this seed, None when no what-if
    measures it."""

    rule: Rule
    shortfalls: tuple[Shortfall, ...]
    corrective_action: str
    cost: float | None = None
    measured_by: str = ""

    @property
    def rating(self) -> Rating:
        return max((s.rating for s in self.shortfalls), key=_SEVERITY.__getitem__)


_SEVERITY: dict[Rating, int] = {rating: index for index, rating in enumerate(("N", *RATING_ORDER))}
"""Worse ratings rank higher: N (not exercised) lowest, U highest."""


def fix_cost(rule: Rule, what_ifs: Sequence[WhatIf], spoke: bool) -> tuple[float | None, str]:
    """The damage among the aware the what-if fixing `rule` saved against the run as played
    (the first of `what_ifs`), and that what-if's label; a team that never spoke is measured
    against the bundled good practice, since there is nothing of its own to move."""
    variant = FIX_VARIANTS.get(rule)
    if variant is None or not what_ifs:
        return None, ""
    if not spoke and variant == EARLIER:
        variant = REFERENCE
    played = what_ifs[0].outcome
    found = next((w for w in what_ifs if w.variant == variant), None)
    if found is None:
        return None, ""
    return played.aware_damage - found.outcome.aware_damage, variant.label


def fixes(
    shortfalls: Sequence[Shortfall],
    actions: Mapping[Rule, str],
    what_ifs: Sequence[WhatIf],
    spoke: bool,
) -> tuple[Fix, ...]:
    """The shortfalls grouped by kind, in the order each kind first appears, each with its
    corrective action and cost."""
    kinds: dict[Rule, list[Shortfall]] = {}
    for shortfall in shortfalls:
        kinds.setdefault(shortfall.rule, []).append(shortfall)
    return tuple(
        Fix(rule, tuple(group), actions[rule], *fix_cost(rule, what_ifs, spoke))
        for rule, group in kinds.items()
    )


def ranked(found: Sequence[Fix], limit: int = FIXES_SHOWN) -> tuple[Fix, ...]:
    """The costliest first (a measured cost above zero before none), then the worse rating,
    then the given order; at most `limit`."""

    def key(indexed: tuple[int, Fix]) -> tuple[float, int, int]:
        index, fix = indexed
        saved = fix.cost if fix.cost is not None and fix.cost > 0 else 0.0
        return (-saved, -_SEVERITY[fix.rating], index)

    return tuple(fix for _, fix in sorted(enumerate(found), key=key)[:limit])


def _cost_text(fix: Fix) -> str:
    if fix.cost is None:
        return "No what-if measures what it cost."
    if fix.cost <= 0:
        return f"On this seed, {fix.measured_by} would not have lowered the damage."
    return (
        f"On this seed, {fix.measured_by} would have cut the damage among the aware by "
        f"{points(fix.cost)} RI points."
    )


def fix_lines(shown: Sequence[Fix]) -> tuple[str, ...]:
    """Each fix as one line: its first area for improvement and root cause (and how many more
    of the kind there are), the corrective action and what it cost."""
    lines = []
    for fix in shown:
        first = fix.shortfalls[0]
        more = len(fix.shortfalls) - 1
        where = ", ".join(dict.fromkeys(s.objective_id for s in fix.shortfalls))
        others = f" {more} more like it ({where}) in the analysis." if more else ""
        lines.append(
            f"{first.objective_id} rated {first.rating}: {first.issue} Root cause: "
            f"{first.root_cause}{others} Fix: {fix.corrective_action} {_cost_text(fix)}"
        )
    return tuple(lines)


def fixes_lead(shown: int, kinds: int, areas: int) -> str:
    """What the list is, and why it is shorter than three when it is."""
    if areas == 0:
        return "Things to fix: no area for improvement was found, so there is nothing to fix."
    found = f"{areas} area{'s' if areas > 1 else ''} for improvement"
    if kinds == 1:
        return f"Things to fix: only one thing ({found}), fewer than three."
    if kinds < FIXES_SHOWN:
        return (
            f"Things to fix: only {kinds} things ({found}), fewer than three, ranked by what they "
            "cost on this seed."
        )
    return (
        f"The {shown} things to fix first, of {kinds} ({found}), ranked by what they cost on "
        "this seed; Appendix A lists every one."
    )


def what_happened(spec: ScenarioSpec, outcome: Outcome) -> str:
    crisis, meta = spec.crisis, spec.meta
    kind = crisis.type.value.replace("_", " ")
    media = (
        f"the media ran {outcome.media_pickups} "
        f"{'story' if outcome.media_pickups == 1 else 'stories'}"
        if outcome.media_pickups
        else "the media did not pick it up"
    )
    evidence = "; evidence against a denial surfaced" if outcome.evidence_emerged else ""
    return (
        f"What happened: a {kind} at {meta.brand} ({crisis.cluster.value} cluster, severity "
        f"{crisis.severity:g}). {' '.join(meta.summary.split())} It reached "
        f"{outcome.negative_reach:,} people, {outcome.spreaders_total:,} of whom spread it; "
        f"{media}{evidence}."
    )


def what_the_team_did(
    team: str,
    start_h: float,
    detected_h: float | None,
    statements: Sequence[Statement],
    deadlines: tuple[int, int],
    private_answers: int,
) -> str:
    """The statements in order with their strategy and time, the first one's delay after the
    alert, the deadlines met and the private answers."""
    who = team or "The team"
    public = [s for s in statements if s.action.is_public and s.says_something]
    met, total = deadlines
    tail = []
    if total:
        tail.append(f"it met {met} of {total} deadlines for inquiries and injects")
    if private_answers:
        tail.append(
            f"answered {private_answers} internal, executive or regulator "
            f"inject{'s' if private_answers > 1 else ''} in private"
        )
    rest = f"; {' and '.join(tail)}." if tail else "."
    if not public:
        return f"What the team did: {who} made no public statement{rest}"
    named = ", ".join(
        f"{s.action.strategy.value.replace('_', ' ')} at {clock(s.at_h - start_h)}"
        for s in public[:STATEMENTS_NAMED]
    )
    more = len(public) - STATEMENTS_NAMED
    if more > 0:
        named += f" and {more} more"
    first = public[0].at_h
    if detected_h is None:
        after = " with no listening alert fired"
    elif first < detected_h:
        after = f" {hours_text(detected_h - first)} before the listening alert fired"
    else:
        after = f" {hours_text(first - detected_h)} after the listening alert"
    count = f"{len(public)} public statement{'s' if len(public) > 1 else ''}"
    return f"What the team did: {who} made {count} ({named}); the first went out{after}{rest}"


def outcome_text(outcome: Outcome, subject: str) -> str:
    return (
        f"Outcome: {headline_sentence(outcome, subject)} Damage among the aware at the horizon: "
        f"{aware_damage_text(outcome)}; the reputation index of everyone went from "
        f"{outcome.reputation_index_start:.1f} to {outcome.reputation_index_final:.1f}."
    )
