"""The EEG rating of one objective and the two scales every rule grades on.

HSEEP's Exercise Evaluation Guide rates each objective P (performed without challenges), S (with
some challenges), M (with major challenges) or U (unable to be performed). The rules in
`sim.evaluation.rules` reduce each objective to either a delay against a target or a share of
tasks done, and grade it on one of the two scales below, so every rating can be explained in one
line of evidence. An objective nothing in the log tested is rated N (not exercised), never on a
scale: a P for what nobody tried would contradict what the war room showed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.clock import EPSILON_H
from sim.i18n import N_

Rating = Literal["P", "S", "M", "U", "N"]
Rule = Literal[
    "first_statement", "consistency", "instructions", "responsibility", "deadlines", "not_exercised"
]

RATING_NAMES: dict[Rating, str] = {
    "P": N_("Performed without challenges"),
    "S": N_("Performed with some challenges"),
    "M": N_("Performed with major challenges"),
    "U": N_("Unable to be performed"),
    "N": N_("Not exercised: nothing in the log tested it"),
}
RATING_ORDER: tuple[Rating, ...] = ("P", "S", "M", "U")


class ObjectiveRating(BaseModel):
    """One objective's rating with the facts behind it, as the AAR's analysis section and the
    debrief screen show it."""

    model_config = ConfigDict(frozen=True)

    objective_id: str
    text: str
    rating: Rating
    rule: Rule = Field(description="Which rule rated it (see sim.evaluation.rules).")
    evidence: tuple[str, ...] = Field(description="The facts from the log, one per line.")
    strengths: tuple[str, ...] = ()
    areas_for_improvement: tuple[str, ...] = ()

    @property
    def rating_name(self) -> str:
        return RATING_NAMES[self.rating]


def rating_for_delay(delay_h: float | None, target_h: float) -> Rating:
    """P within the target, S within twice it, M within four times it, U later or never."""
    if delay_h is None:
        return "U"
    steps: tuple[tuple[Rating, float], ...] = (("P", 1.0), ("S", 2.0), ("M", 4.0))
    for rating, factor in steps:
        if delay_h <= target_h * factor + EPSILON_H:
            return rating
    return "U"


def rating_for_share(done: int, total: int) -> Rating:
    """P when all were done, S for at least half, M for some, U for none."""
    if total and done == total:
        return "P"
    if total and done * 2 >= total:
        return "S"
    return "M" if done else "U"


def at_best(rating: Rating, ceiling: Rating) -> Rating:
    """The worse of the two ratings."""
    return max(rating, ceiling, key=RATING_ORDER.index)
