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
from sim.i18n import ENGLISH, Translator
from sim.labels import label
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
from sim.session.counterfactual import variant_label
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


def fix_cost(
    rule: Rule, what_ifs: Sequence[WhatIf], spoke: bool, words: Translator = ENGLISH
) -> tuple[float | None, str]:
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
    return played.aware_damage - found.outcome.aware_damage, variant_label(variant, words)


def fixes(
    shortfalls: Sequence[Shortfall],
    actions: Mapping[Rule, str],
    what_ifs: Sequence[WhatIf],
    spoke: bool,
    words: Translator = ENGLISH,
) -> tuple[Fix, ...]:
    """The shortfalls grouped by kind, in the order each kind first appears, each with its
    corrective action and cost."""
    kinds: dict[Rule, list[Shortfall]] = {}
    for shortfall in shortfalls:
        kinds.setdefault(shortfall.rule, []).append(shortfall)
    return tuple(
        Fix(rule, tuple(group), actions[rule], *fix_cost(rule, what_ifs, spoke, words))
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


def _cost_text(fix: Fix, words: Translator) -> str:
    if fix.cost is None:
        return words("No what-if measures what it cost.")
    if fix.cost <= 0:
        return words("On this seed, {what_if} would not have lowered the damage.").format(
            what_if=fix.measured_by
        )
    return words(
        "On this seed, {what_if} would have cut the damage among the aware by {damage} RI points."
    ).format(what_if=fix.measured_by, damage=words.figure(points(fix.cost)))


def fix_lines(shown: Sequence[Fix], words: Translator = ENGLISH) -> tuple[str, ...]:
    """Each fix as one line: its first area for improvement and root cause (and how many more
    of the kind there are), the corrective action and what it cost."""
    _ = words
    lines = []
    for fix in shown:
        first = fix.shortfalls[0]
        more = len(fix.shortfalls) - 1
        where = ", ".join(dict.fromkeys(s.objective_id for s in fix.shortfalls))
        others = (
            " " + _("{more} more like it ({where}) in the analysis.").format(more=more, where=where)
            if more
            else ""
        )
        lines.append(
            _("{objective} rated {rating}: {issue} Root cause: {cause}").format(
                objective=first.objective_id,
                rating=first.rating,
                issue=first.issue,
                cause=first.root_cause,
            )
            + others
            + " "
            + _("Fix: {action}").format(action=fix.corrective_action)
            + " "
            + _cost_text(fix, _)
        )
    return tuple(lines)


def fixes_lead(shown: int, kinds: int, areas: int, words: Translator = ENGLISH) -> str:
    """What the list is, and why it is shorter than three when it is."""
    _ = words
    if areas == 0:
        return _("Things to fix: no area for improvement was found, so there is nothing to fix.")
    found = _.ngettext(
        "{areas} area for improvement", "{areas} areas for improvement", areas
    ).format(areas=areas)
    if kinds == 1:
        return _("Things to fix: only one thing ({found}), fewer than three.").format(found=found)
    if kinds < FIXES_SHOWN:
        return _(
            "Things to fix: only {kinds} things ({found}), fewer than three, ranked by what they "
            "cost on this seed."
        ).format(kinds=kinds, found=found)
    return _(
        "The {shown} things to fix first, of {kinds} ({found}), ranked by what they cost on "
        "this seed; Appendix A lists every one."
    ).format(shown=shown, kinds=kinds, found=found)


def what_happened(spec: ScenarioSpec, outcome: Outcome, words: Translator = ENGLISH) -> str:
    _ = words
    crisis, meta = spec.crisis, spec.meta
    media = (
        _.ngettext(
            "the media ran {pickups} story",
            "the media ran {pickups} stories",
            outcome.media_pickups,
        ).format(pickups=outcome.media_pickups)
        if outcome.media_pickups
        else _("the media did not pick it up")
    )
    evidence = _("; evidence against a denial surfaced") if outcome.evidence_emerged else ""
    return _(
        "What happened: a {kind} at {brand} ({cluster} cluster, severity {severity}). {summary} "
        "It reached {reach} people, {spreaders} of whom spread it; {media}{evidence}."
    ).format(
        kind=label(crisis.type, _),
        brand=meta.brand,
        cluster=label(crisis.cluster, _),
        severity=_.figure(f"{crisis.severity:g}"),
        summary=" ".join(meta.summary.split()),
        reach=_.figure(f"{outcome.negative_reach:,}"),
        spreaders=_.figure(f"{outcome.spreaders_total:,}"),
        media=media,
        evidence=evidence,
    )


def what_the_team_did(
    team: str,
    start_h: float,
    detected_h: float | None,
    statements: Sequence[Statement],
    deadlines: tuple[int, int],
    private_answers: int,
    words: Translator = ENGLISH,
) -> str:
    """The statements in order with their strategy and time, the first one's delay after the
    alert, the deadlines met and the private answers."""
    _ = words
    who = team or _("The team")
    public = [s for s in statements if s.action.is_public and s.says_something]
    met, total = deadlines
    tail = []
    if total:
        tail.append(
            _("it met {met} of {total} deadlines for inquiries and injects").format(
                met=met, total=total
            )
        )
    if private_answers:
        tail.append(
            _.ngettext(
                "answered {count} internal, executive or regulator inject in private",
                "answered {count} internal, executive or regulator injects in private",
                private_answers,
            ).format(count=private_answers)
        )
    rest = "; " + _(" and ").join(tail) + "." if tail else "."
    if not public:
        return _("What the team did: {who} made no public statement{rest}").format(
            who=who, rest=rest
        )
    named = ", ".join(
        _("{strategy} at {time}").format(
            strategy=label(s.action.strategy, _), time=clock(s.at_h - start_h)
        )
        for s in public[:STATEMENTS_NAMED]
    )
    more = len(public) - STATEMENTS_NAMED
    if more > 0:
        named += _(" and {more} more").format(more=more)
    first = public[0].at_h
    if detected_h is None:
        after = _(" with no listening alert fired")
    elif first < detected_h:
        after = _(" {hours} before the listening alert fired").format(
            hours=_.figure(hours_text(detected_h - first))
        )
    else:
        after = _(" {hours} after the listening alert").format(
            hours=_.figure(hours_text(first - detected_h))
        )
    count = _.ngettext("{count} public statement", "{count} public statements", len(public)).format(
        count=len(public)
    )
    return _(
        "What the team did: {who} made {count} ({named}); the first went out{after}{rest}"
    ).format(who=who, count=count, named=named, after=after, rest=rest)


def outcome_text(outcome: Outcome, subject: str, words: Translator = ENGLISH) -> str:
    _ = words
    return _(
        "Outcome: {headline} Damage among the aware at the horizon: {damage}; the reputation "
        "index of everyone went from {start} to {final}."
    ).format(
        headline=headline_sentence(outcome, subject, _),
        damage=aware_damage_text(outcome, _(" RI points"), _),
        start=_.figure(f"{outcome.reputation_index_start:.1f}"),
        final=_.figure(f"{outcome.reputation_index_final:.1f}"),
    )
