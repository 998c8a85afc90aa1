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
from sim.i18n import ENGLISH, N_, Translator
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


def judged(
    automatic: Sequence[ObjectiveRating], given: Sequence[Rated], words: Translator = ENGLISH
) -> tuple[Judgement, ...]:
    """Every objective's judgement, in the order of `automatic`, its sentence in the language
    of `words`."""
    return tuple(judgement(rating, given, words) for rating in automatic)


def judgement(
    automatic: ObjectiveRating, given: Sequence[Rated], words: Translator = ENGLISH
) -> Judgement:
    """One objective's judgement from every rating given (of any objective, in log order)."""
    latest: dict[str, Rated] = {}
    for entry in given:
        if entry.objective == automatic.objective_id:
            latest[entry.by.strip().casefold()] = entry
    theirs = tuple(latest.values())
    used, sentence = _used(automatic.rating, theirs, words)
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


def _used(
    automatic: Rating, theirs: tuple[Rated, ...], words: Translator = ENGLISH
) -> tuple[Rating, str]:
    _ = words
    if not theirs:
        return automatic, ""
    grades = {entry.rating for entry in theirs}
    if len(grades) > 1:
        worst = most_severe([entry.rating for entry in theirs])
        each = ", ".join(f"{entry.by} {entry.rating}" for entry in theirs)
        disagree = (
            N_(
                "The evaluators disagree among themselves ({each}); the report uses the most "
                "severe of their ratings, {worst}, as the automatic rating is."
            )
            if worst == automatic
            else N_(
                "The evaluators disagree among themselves ({each}); the report uses the most "
                "severe of their ratings, {worst} over the automatic {automatic}."
            )
        )
        return worst, _(disagree).format(each=each, worst=worst, automatic=automatic)
    (theirs_grade,) = grades
    count = len(theirs)
    if theirs_grade == automatic:
        agree = (
            N_("The evaluator rated it {rating}, as the automatic rating does.")
            if count == 1
            else N_("Both evaluators rated it {rating}, as the automatic rating does.")
            if count == 2
            else N_("All {count} evaluators rated it {rating}, as the automatic rating does.")
        )
        return automatic, _(agree).format(rating=automatic, count=count)
    differ = (
        N_(
            "The evaluator rated it {rating} where the automatic rating is {automatic}; the "
            "report uses the evaluators' {rating}."
        )
        if count == 1
        else N_(
            "Both evaluators rated it {rating} where the automatic rating is {automatic}; the "
            "report uses the evaluators' {rating}."
        )
        if count == 2
        else N_(
            "All {count} evaluators rated it {rating} where the automatic rating is "
            "{automatic}; the report uses the evaluators' {rating}."
        )
    )
    return theirs_grade, _(differ).format(rating=theirs_grade, automatic=automatic, count=count)
