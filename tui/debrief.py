"""What the debrief shows, computed headless: the outcome as played and the series behind it.
The same exercise replayed on the same seed with other answers comes from the Session
(`Session.what_ifs`, the variants of sim.session.counterfactual), which the screen renders."""

from __future__ import annotations

from dataclasses import dataclass

from sim.evaluation import Judgement, ObjectiveRating, judged, rate_objectives
from sim.i18n import ENGLISH, Translator
from sim.outcome import Outcome
from sim.session import Session
from tui.snapshot import TimelineEntry, timeline_of


@dataclass(frozen=True)
class DebriefState:
    title: str
    team: str
    seed: int
    outcome: Outcome
    hours: tuple[float, ...]
    aware_damage: tuple[float, ...]
    aware: tuple[float, ...]
    decisions: tuple[TimelineEntry, ...]
    statement_hours: tuple[float, ...]
    ratings: tuple[ObjectiveRating, ...]
    judgements: tuple[Judgement, ...] = ()
    """The evaluators' own ratings beside the automatic ones, for who may see them."""


def debrief_state(session: Session, words: Translator = ENGLISH) -> DebriefState:
    """Of a finished session, its decisions in the language of `words`."""
    outcome = session.outcome
    if outcome is None:
        raise ValueError("the debrief needs a finished session")
    record = session.run_record()
    series = record.series
    ratings = rate_objectives(session, words)
    return DebriefState(
        title=session.spec.meta.title,
        team=session.team,
        seed=session.seed,
        outcome=outcome,
        hours=tuple(series["hour"]),
        aware_damage=tuple(series["aware_damage"]),
        aware=tuple(series["aware_total"]),
        decisions=timeline_of(session.log, session.now_h, words),
        statement_hours=record.statement_hours,
        ratings=ratings,
        judgements=judged(ratings, session.evaluator_ratings, words),
    )
