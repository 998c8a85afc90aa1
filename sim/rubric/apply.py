"""From the rubric to the simulation: the team's words, not a slider, set how transparent and
how human a response is (DESIGN.md, "The team's words matter").

The rubric fills in what the sender left open. A field given explicitly when the Action was
built (pydantic's `model_fields_set`: a protocol rule that sets `transparency`, a composer whose
voice was chosen, a template's approved transparency) is the sender's decision and stands.
"""

from __future__ import annotations

from sim.action import Action
from sim.rubric.result import RubricScore

WORDED_FIELDS = ("transparency", "voice", "concrete")
"""The qualities of a statement that its words decide unless the sender fixed them."""


def apply_rubric(action: Action, score: RubricScore) -> Action:
    """The action with the scored text's transparency, voice and concreteness in every one of
    those fields the sender did not give explicitly."""
    reading = {"transparency": score.transparency, "voice": score.voice, "concrete": score.concrete}
    given = action.model_fields_set
    return action.model_copy(
        update={name: reading[name] for name in WORDED_FIELDS if name not in given}
    )
