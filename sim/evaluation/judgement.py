"""The rating an objective is given in the end: the automatic one (sim.evaluation.rules) beside
the evaluators' own, and which of them the after-action report uses, said in one sentence.

The evaluators watched what the log cannot hold (the room, the calls, the hesitation), so where
they disagree with the automatic rating theirs is used. Each evaluator counts once, with their
latest rating of the objective (a later one replaces an earlier one: they changed their mind).
When the evaluators disagree among themselves the most severe of their ratings is used (U over
M over S over P): an exercise is there to find what needs work, and a challenge one trained
observer saw is one to look into, not to average away.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from sim.evaluation.rating import RATING_ORDER, ObjectiveRating, Rating
from sim.session.record import Rated


class Judgement(BaseModel):
    """One objective's automatic rating, the evaluators' latest ones, and the rating used."""

    model_config = ConfigDict(frozen=True)

    objective_id: str
    text: str
    automatic: Rating
    evaluators: tuple[Rated, ...] = Field(
        description="Each evaluator's latest rating of the objective, in the order first given."
    )
    rating: Rating = Field(description="The rating the report uses.")
    sentence: str = Field(description="Which rating is used and why; empty if nobody rated it.")


def judged(automatic: Sequence[ObjectiveRating], given: Sequence[Rated]) -> tuple[Judgement, ...]:
    """Every objective's judgement, in the order of `automatic`."""
    return tuple(judgement(rating, given) for rating in automatic)


def judgement(automatic: ObjectiveRating, given: Sequence[Rated]) -> Judgement:
    """One objective's judgement from every rating given (of any objective, in log order)."""
    latest: dict[str, Rated] = {}
    for entry in given:
        if entry.objective == automatic.objective_id:
            latest[entry.by.strip().casefold()] = entry
    theirs = tuple(latest.values())
    used, sentence = _used(automatic.rating, theirs)
    return Judgement(
        objective_id=automatic.objective_id,
        text=automatic.text,
        automatic=automatic.rating,
        evaluators=theirs,
        rating=used,
        sentence=sentence,
    )


def most_severe(ratings: Sequence[Rating]) -> Rating:
    return max(ratings, key=_severity)


def _severity(rating: Rating) -> int:
    return RATING_ORDER.index(rating) if rating in RATING_ORDER else -1


def _used(automatic: Rating, theirs: tuple[Rated, ...]) -> tuple[Rating, str]:
    if not theirs:
        return automatic, ""
    grades = {entry.rating for entry in theirs}
    if len(grades) > 1:
        worst = most_severe([entry.rating for entry in theirs])
        each = ", ".join(f"{entry.by} {entry.rating}" for entry in theirs)
        also = (
            ", as the automatic rating is"
            if worst == automatic
            else (f" over the automatic {automatic}")
        )
        return worst, (
            f"The evaluators disagree among themselves ({each}); the report uses the most "
            f"severe of their ratings, {worst}{also}."
        )
    (theirs_grade,) = grades
    who = {1: "The evaluator", 2: "Both evaluators"}.get(
        len(theirs), f"All {len(theirs)} evaluators"
    )
    if theirs_grade == automatic:
        return automatic, f"{who} rated it {automatic}, as the automatic rating does."
    return theirs_grade, (
        f"{who} rated it {theirs_grade} where the automatic rating is {automatic}; the report "
        f"uses the evaluators' {theirs_grade}."
    )
