"""Appendix A of the AAR: the Improvement Plan, pre-filled with one corrective action for each
area for improvement, so the hot wash starts from a draft instead of a blank table.

The action and HSEEP capability element (planning, organisation, equipment, training, exercise)
follow from the rule that rates the objective; who is responsible and the dates are left for the
organisation to fill in.

The rows follow the rating the report uses (sim.evaluation.judgement), so the plan never says
other than the analysis:
- rated S, M or U (or N, not exercised): one row per area for improvement the log shows, each
  carrying the reasons of the evaluators who saw challenges;
- rated S, M or U by the evaluators where the log shows no area for improvement (the automatic
  rating is P): one row of the evaluators' own, its issue their sentence and reasons, since what
  they watched in the room is what needs work;
- rated P by the evaluators over a worse automatic rating: no row; the plan says which
  objectives it leaves out and why (`set_aside`), so the log's areas do not vanish unsaid.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.evaluation.judgement import Judgement, judged
from sim.evaluation.rating import ObjectiveRating, Rating, Rule
from sim.i18n import ENGLISH, N_, Translator
from sim.session.record import Rated

CapabilityElement = Literal["planning", "organisation", "equipment", "training", "exercise"]

CORRECTIVE_ACTIONS: dict[Rule, tuple[str, CapabilityElement]] = {
    "first_statement": (
        N_(
            "Pre-approve holding statements for this kind of crisis and agree a short sign-off "
            "path, so the first statement can go out within the target."
        ),
        "planning",
    ),
    "deadlines": (
        N_(
            "Name a media-desk owner who logs every inquiry and request with its deadline and "
            "answers with confirmed facts or a holding line before it lapses, never 'no comment'."
        ),
        "organisation",
    ),
    "consistency": (
        N_(
            "Keep one approved fact sheet that every channel, press answer and filing draws from, "
            "and check each new statement against the earlier ones before release."
        ),
        "planning",
    ),
    "instructions": (
        N_(
            "Add a 'what you should do now' block (steps to take, helpline, how the company will "
            "and will not contact people) to the statement templates."
        ),
        "equipment",
    ),
    "responsibility": (
        N_(
            "Train executives and spokespeople on why denial, blaming others and attacking critics "
            "backfire, and add a sign-off check against them."
        ),
        "training",
    ),
    "not_exercised": (
        N_(
            "Schedule the objective again in the next exercise, with the controller releasing its "
            "injects if their triggers are not reached."
        ),
        "exercise",
    ),
}


class ImprovementItem(BaseModel):
    """One row of the Improvement Plan."""

    model_config = ConfigDict(frozen=True)

    objective_id: str
    objective: str
    issue: str
    corrective_action: str
    capability_element: CapabilityElement
    rule: Rule = Field(description="The rule that rates the objective (its corrective action's).")
    rating: Rating = Field(description="The rating the report uses for the objective.")
    area: int | None = Field(
        None,
        description="Which of the automatic rating's areas for improvement this row is (from 0); "
        "None for a row of the evaluators' own.",
    )
    evaluators: tuple[str, ...] = Field(
        (), description="The reasons of the evaluators who saw challenges, one per evaluator."
    )
    responsible: str = ""
    start_date: str = ""
    completion_date: str = ""


CAPABILITY_ELEMENTS: dict[CapabilityElement, str] = {
    "planning": N_("planning"),
    "organisation": N_("organisation"),
    "equipment": N_("equipment"),
    "training": N_("training"),
    "exercise": N_("exercise"),
}
"""The capability elements as the plan names them (translated where shown)."""


class ImprovementPlan(BaseModel):
    """Appendix A: its rows, and the objectives it leaves out because the evaluators rated them
    P over a worse automatic rating (each with the judgement's sentence)."""

    model_config = ConfigDict(frozen=True)

    items: tuple[ImprovementItem, ...]
    set_aside: tuple[Judgement, ...] = ()


def improvement_plan(
    ratings: Sequence[ObjectiveRating],
    given: Sequence[Rated] = (),
    words: Translator = ENGLISH,
) -> ImprovementPlan:
    """The plan by the rating used: the automatic `ratings` judged with the evaluators' ratings
    `given` (in log order); the corrective actions and the evaluators' reasons in the language
    of `words` (the areas are already in the rating's)."""
    items: list[ImprovementItem] = []
    set_aside: list[Judgement] = []
    for rating, judgement in zip(ratings, judged(ratings, given, words), strict=True):
        if judgement.rating == "P":
            if rating.areas_for_improvement:
                set_aside.append(judgement)
            continue
        items += _rows(rating, judgement, words)
    return ImprovementPlan(items=tuple(items), set_aside=tuple(set_aside))


def _rows(
    rating: ObjectiveRating, judgement: Judgement, words: Translator
) -> list[ImprovementItem]:
    """An objective's rows, its rating used worse than P: one per area for improvement, or one
    of the evaluators' own when the log shows none."""
    english, element = CORRECTIVE_ACTIONS[rating.rule]
    reasons = _challenges(judgement, words)
    issues: list[tuple[str, int | None]] = list(
        zip(rating.areas_for_improvement, range(len(rating.areas_for_improvement)), strict=True)
    )
    if not issues and judgement.evaluators:
        issues = [(judgement.sentence, None)]
    return [
        ImprovementItem(
            objective_id=rating.objective_id,
            objective=rating.text,
            issue=issue,
            corrective_action=words(english),
            capability_element=element,
            rule=rating.rule,
            rating=judgement.rating,
            area=area,
            evaluators=reasons,
        )
        for issue, area in issues
    ]


def _challenges(judgement: Judgement, words: Translator) -> tuple[str, ...]:
    """Each evaluator's reason who rated the objective worse than P, with their rating."""
    return tuple(
        words("{evaluator} ({rating}): {reason}").format(
            evaluator=rated.by, rating=rated.rating, reason=rated.reason.rstrip(" .")
        )
        for rated in judgement.evaluators
        if rated.rating != "P"
    )
