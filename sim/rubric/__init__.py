"""The explainable rubric for the team's own words, in English and Italian."""

from sim.rubric.apply import WORDED_FIELDS, apply_rubric
from sim.rubric.result import COMPONENTS, PENALTIES, ComponentScore, PhraseMatch, RubricScore
from sim.rubric.score import Stances, score_message

__all__ = [
    "COMPONENTS",
    "PENALTIES",
    "WORDED_FIELDS",
    "ComponentScore",
    "PhraseMatch",
    "RubricScore",
    "Stances",
    "apply_rubric",
    "score_message",
]
