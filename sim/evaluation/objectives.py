"""Which rule rates which objective: chosen from what the objective says, so scenario authors
write objectives in plain words and get the matching rating without extra fields.

The first match wins: a `first_statement_within_h` target; words about consistency; about
telling people what to do; about responsibility, blame or attacking; then the inquiries and
injects that test it (an objective about journalists or the press also counts the journalists'
own inquiries); otherwise the objective was not exercised. Words are matched in English and
Italian.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sim.evaluation import rules
from sim.evaluation.facts import ExerciseFacts, facts_of
from sim.evaluation.rating import ObjectiveRating, Rule
from sim.i18n import ENGLISH, Translator
from sim.spec.schema import Objective

if TYPE_CHECKING:
    from sim.session import Session

_CONSISTENCY = re.compile(
    r"consisten|coerent|coerenz|same (?:answer|message)|stess[oa] (?:messaggio|risposta)",
    re.IGNORECASE,
)
_INSTRUCTIONS = re.compile(
    r"what to do|how to protect|protect themselves|instruction|istruzion|cosa fare|"
    r"come proteggersi",
    re.IGNORECASE,
)
_RESPONSIBILITY = re.compile(
    r"responsib|blam|scapegoat|attack|\bden(?:y|ial)|responsabilit|colpa|attacc|negar",
    re.IGNORECASE,
)
_PRESS = re.compile(r"journalist|inquir|\bpress\b|\bmedia\b|reporter|giornalist|stampa", re.I)


def intended_rule(objective: Objective) -> Rule:
    """The rule meant to rate the objective, from what it says (the order above); an objective
    about inquiries and injects whose items never closed is then rated N (`not_exercised`)."""
    text = objective.text
    if objective.first_statement_within_h is not None:
        return "first_statement"
    if _CONSISTENCY.search(text):
        return "consistency"
    if _INSTRUCTIONS.search(text):
        return "instructions"
    if _RESPONSIBILITY.search(text):
        return "responsibility"
    return "deadlines"


def rate_objective(
    objective: Objective, facts: ExerciseFacts, words: Translator = ENGLISH
) -> ObjectiveRating:
    """Its rating, with the evidence, strengths and areas for improvement in the language of
    `words` (the debrief's and the report's)."""
    rule = intended_rule(objective)
    if rule == "first_statement":
        return rules.first_statement(objective, facts, words)
    if rule == "consistency":
        return rules.consistency(objective, facts, words)
    if rule == "instructions":
        return rules.instructions(objective, facts, words)
    if rule == "responsibility":
        return rules.responsibility(objective, facts, words)
    items = facts.items_for(objective.id)
    if _PRESS.search(objective.text):
        items += tuple(i for i in facts.items if i.journalist and i.inject_id is None)
    return rules.deadlines(objective, facts, items, words)


def rate_objectives(
    session: Session, words: Translator = ENGLISH, *, with_notes: bool = True
) -> tuple[ObjectiveRating, ...]:
    """The EEG rating of every exercise objective, in the scenario's order, from the session's
    log as played so far (all of it once finished); its words in the language of `words`;
    `with_notes=False` leaves the evaluators' notes out of the evidence (the ratings do not
    depend on them)."""
    facts = facts_of(session, with_notes=with_notes)
    objectives = session.spec.meta.objectives
    return tuple(rate_objective(objective, facts, words) for objective in objectives)
