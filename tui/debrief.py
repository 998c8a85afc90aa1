"""What the debrief shows, computed headless: the outcome as played, the series behind it, and
the same exercise replayed on the same seed with other answers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sim.evaluation import ObjectiveRating, rate_objectives
from sim.outcome import Outcome
from sim.protocol import load_protocol
from sim.session import Session
from tui.snapshot import TimelineEntry, timeline_of

REFERENCE_PROTOCOL = "fast-transparent"
COUNTERFACTUALS = (
    {"no_response": True},
    {"shift_h": -1.0},
    {"shift_h": 1.0},
    {"transparency": 1.0},
)


@dataclass(frozen=True)
class DebriefState:
    title: str
    team: str
    seed: int
    outcome: Outcome
    hours: tuple[float, ...]
    reputation_index: tuple[float, ...]
    aware: tuple[float, ...]
    decisions: tuple[TimelineEntry, ...]
    statement_hours: tuple[float, ...]
    ratings: tuple[ObjectiveRating, ...]


@dataclass(frozen=True)
class Alternative:
    """One counterfactual: the same world and seed, with the answers changed as described."""

    description: str
    outcome: Outcome


def debrief_state(session: Session) -> DebriefState:
    """Of a finished session."""
    outcome = session.outcome
    if outcome is None:
        raise ValueError("the debrief needs a finished session")
    series = session.model.series()
    return DebriefState(
        title=session.spec.meta.title,
        team=session.team,
        seed=session.seed,
        outcome=outcome,
        hours=tuple(series["hour"]),
        reputation_index=tuple(series["reputation_index"]),
        aware=tuple(series["aware_total"]),
        decisions=timeline_of(session.log, session.now_h),
        statement_hours=tuple(at_h for at_h, _ in session.model.brand.released),
        ratings=rate_objectives(session),
    )


def _reference(session: Session) -> Alternative:
    protocol = load_protocol(REFERENCE_PROTOCOL)
    rerun = Session(session.spec, session.seed, protocol=protocol)
    try:
        return Alternative(f"the {protocol.name} protocol instead", rerun.finish())
    finally:
        rerun.close()


def alternatives(session: Session) -> Iterator[Alternative]:
    """The debrief's counterfactuals, computed lazily: each one is two full runs."""
    for change in COUNTERFACTUALS:
        result = session.counterfactual(**change)
        yield Alternative(result.description, result.alternative)
    yield _reference(session)
