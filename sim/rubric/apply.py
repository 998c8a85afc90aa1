"""From the rubric to the simulation: the team's words, not a slider, set how transparent and
how human a response is (DESIGN.md, "The team's words matter")."""

from __future__ import annotations

from sim.action import Action
from sim.rubric.result import RubricScore


def apply_rubric(action: Action, score: RubricScore) -> Action:
    """The action with its transparency, voice and concreteness taken from the scored text."""
    return action.model_copy(
        update={
            "transparency": score.transparency,
            "voice": score.voice,
            "concrete": score.concrete,
        }
    )
