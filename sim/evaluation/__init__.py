"""Exercise evaluation: EEG ratings (P/S/M/U) of each objective from a session's log, with the
evidence behind them, and the Improvement Plan drafted from the areas for improvement.

Used by the after-action report and the TUI's debrief; the rules are in `sim.evaluation.rules`.
"""

from sim.evaluation.judgement import Judgement, judged
from sim.evaluation.objectives import rate_objectives
from sim.evaluation.plan import (
    CapabilityElement,
    ImprovementItem,
    ImprovementPlan,
    improvement_plan,
)
from sim.evaluation.rating import RATING_NAMES, ObjectiveRating, Rating

__all__ = [
    "RATING_NAMES",
    "CapabilityElement",
    "ImprovementItem",
    "ImprovementPlan",
    "Judgement",
    "ObjectiveRating",
    "Rating",
    "improvement_plan",
    "judged",
    "rate_objectives",
]
