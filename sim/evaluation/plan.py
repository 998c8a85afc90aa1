"""Appendix A of the AAR: the Improvement Plan, pre-filled with one corrective action for each
area for improvement, so the hot wash starts from a draft instead of a blank table.

The action and HSEEP capability element (planning, organisation, equipment, training, exercise)
follow from the rule that found the problem; who is responsible and the dates are left for the
organisation to fill in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sim.evaluation.rating import ObjectiveRating, Rule
from sim.i18n import ENGLISH, N_, Translator

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


def improvement_plan(
    ratings: Iterable[ObjectiveRating], words: Translator = ENGLISH
) -> tuple[ImprovementItem, ...]:
    """One row per area for improvement, in objective order; the corrective actions in the
    language of `words` (the areas are already in the rating's)."""
    items = []
    for rating in ratings:
        english, element = CORRECTIVE_ACTIONS[rating.rule]
        action = words(english)
        items += [
            ImprovementItem(
                objective_id=rating.objective_id,
                objective=rating.text,
                issue=issue,
                corrective_action=action,
                capability_element=element,
            )
            for issue in rating.areas_for_improvement
        ]
    return tuple(items)
