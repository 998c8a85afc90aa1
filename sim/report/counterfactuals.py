"""The counterfactual comparison of the report: the team's answers as played, no response at all,
and the same answers one hour earlier and one hour later, all on the session's seed.

It runs the plans directly (sim.session.outcome_of_plan) rather than through
Session.counterfactual, which would re-run the actual plan for each comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.outcome import Outcome
from sim.session import InjectReleased, Queued, Session, outcome_of_plan

SHIFT_H = 1.0
TIMING_SHIFTS_H = (-1.0, 0.0, 1.0, 2.0, 4.0)  # the timing curve: every action moved by these


@dataclass(frozen=True)
class Alternative:
    label: str
    outcome: Outcome


@dataclass(frozen=True)
class Comparison:
    """The alternative plans, and the timing curve: the outcome with every action moved by
    each of TIMING_SHIFTS_H (empty when the team did nothing to move)."""

    alternatives: tuple[Alternative, ...]
    timing: tuple[tuple[float, Outcome], ...]


def compare(session: Session) -> Comparison:
    actions = [entry.action for entry in session.log if isinstance(entry, Queued)]
    releases = [entry for entry in session.log if isinstance(entry, InjectReleased)]

    def run(plan) -> Outcome:
        return outcome_of_plan(session.spec, session.seed, plan, releases)

    shifted = {0.0: session.outcome if session.finished else run(actions)}
    if actions:
        for shift in TIMING_SHIFTS_H:
            if shift not in shifted:
                shifted[shift] = run([a.shifted(shift) for a in actions])
    else:
        shifted[-SHIFT_H] = shifted[SHIFT_H] = shifted[0.0]
    return Comparison(
        alternatives=(
            Alternative("as played", shifted[0.0]),
            Alternative("no response", run([])),
            Alternative(f"{SHIFT_H:g} h earlier", shifted[-SHIFT_H]),
            Alternative(f"{SHIFT_H:g} h later", shifted[SHIFT_H]),
        ),
        timing=tuple((shift, shifted[shift]) for shift in TIMING_SHIFTS_H) if actions else (),
    )
