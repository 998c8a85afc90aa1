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


@dataclass(frozen=True)
class Alternative:
    label: str
    outcome: Outcome


def alternatives(session: Session) -> tuple[Alternative, ...]:
    actions = [entry.action for entry in session.log if isinstance(entry, Queued)]
    releases = [entry for entry in session.log if isinstance(entry, InjectReleased)]

    def run(plan) -> Outcome:
        return outcome_of_plan(session.spec, session.seed, plan, releases)

    actual = session.outcome if session.finished else run(actions)
    return (
        Alternative("as played", actual),
        Alternative("no response", run([])),
        Alternative(f"{SHIFT_H:g} h earlier", run([a.shifted(-SHIFT_H) for a in actions])),
        Alternative(f"{SHIFT_H:g} h later", run([a.shifted(SHIFT_H) for a in actions])),
    )
