"""What the debrief shows, computed headless: the outcome as played, the series behind it, and
the same exercise replayed on the same seed with other answers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sim.action import Action
from sim.evaluation import ObjectiveRating, rate_objectives
from sim.outcome import Outcome
from sim.protocol import load_protocol
from sim.session import InjectReleased, Session, outcome_of_plan
from tui.snapshot import TimelineEntry, queued_actions, timeline_of

REFERENCE_PROTOCOL = "fast-transparent"
COMPARED_SHIFTS_H = (-1.0, 1.0)
TIMING_SHIFTS_H = (-0.5, 0.5, 2.0, 4.0)
COMPARISONS_TOTAL = 5
ALTERNATIVES_TOTAL = COMPARISONS_TOTAL + len(TIMING_SHIFTS_H)


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
    shift_h: float | None = None
    """Every response moved by this many hours (a point of the timing curve), if that was it."""
    compared: bool = True
    """Shown in the comparison table; False for the extra points of the timing curve."""


def debrief_state(session: Session) -> DebriefState:
    """Of a finished session."""
    outcome = session.outcome
    if outcome is None:
        raise ValueError("the debrief needs a finished session")
    record = session.run_record()
    series = record.series
    return DebriefState(
        title=session.spec.meta.title,
        team=session.team,
        seed=session.seed,
        outcome=outcome,
        hours=tuple(series["hour"]),
        reputation_index=tuple(series["reputation_index"]),
        aware=tuple(series["aware_total"]),
        decisions=timeline_of(session.log, session.now_h),
        statement_hours=record.statement_hours,
        ratings=rate_objectives(session),
    )


def shift_words(shift_h: float) -> str:
    return f"every response {abs(shift_h):g} h {'earlier' if shift_h < 0 else 'later'}"


def alternatives(session: Session) -> Iterator[Alternative]:
    """The debrief's counterfactuals, computed lazily, one full run each: the comparisons first,
    then the extra points of the timing curve. Plans run directly rather than through
    Session.counterfactual, which would re-run the actual plan for every one."""
    actions = queued_actions(session.log)
    releases = [entry for entry in session.log if isinstance(entry, InjectReleased)]

    def run(plan: Sequence[Action]) -> Outcome:
        return outcome_of_plan(session.spec, session.seed, plan, releases)

    def shifted(shift_h: float, compared: bool) -> Alternative:
        plan = [action.shifted(shift_h) for action in actions]
        return Alternative(shift_words(shift_h), run(plan), shift_h, compared)

    yield Alternative("no response at all", run([]))
    for shift_h in COMPARED_SHIFTS_H:
        yield shifted(shift_h, compared=True)
    transparent = [action.model_copy(update={"transparency": 1.0}) for action in actions]
    yield Alternative("every response fully transparent", run(transparent))
    yield _reference(session)
    for shift_h in TIMING_SHIFTS_H:
        yield shifted(shift_h, compared=False)


def _reference(session: Session) -> Alternative:
    protocol = load_protocol(REFERENCE_PROTOCOL)
    rerun = Session(session.spec, session.seed, protocol=protocol)
    try:
        return Alternative(f"the {protocol.name} protocol instead", rerun.finish())
    finally:
        rerun.close()
