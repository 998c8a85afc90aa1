"""The report's what-ifs: the outcome as played beside the Session's named variants
(sim.session.WHAT_IFS) and its timing curve (sim.session.TIMING), all on the session's seed.
The variants and the runs are the Session's, as the debrief's are; this only arranges them."""

from __future__ import annotations

from dataclasses import dataclass

from sim.outcome import Outcome
from sim.session import AS_PLAYED, TIMING, WHAT_IFS, Session, WhatIf, played_actions


@dataclass(frozen=True)
class Comparison:
    """The outcome as played and then each variant's, and the timing curve: the outcome with
    every action moved by each shift, 0 being as played (empty when the team did nothing to
    move)."""

    what_ifs: tuple[WhatIf, ...]
    timing: tuple[tuple[float, Outcome], ...]


def compare(session: Session) -> Comparison:
    """Of a session run to its horizon (`Session.finish`)."""
    played = session.finish()
    outcomes = {what_if.variant: what_if.outcome for what_if in session.what_ifs()}
    timing: list[tuple[float, Outcome]] = []
    if played_actions(session.log):
        timing = sorted(
            [(0.0, played), *((variant.shift_h, outcomes[variant]) for variant in TIMING)],
            key=lambda point: point[0],
        )
    return Comparison(
        what_ifs=(
            WhatIf(variant=AS_PLAYED, outcome=played),
            *(WhatIf(variant=variant, outcome=outcomes[variant]) for variant in WHAT_IFS),
        ),
        timing=tuple(timing),
    )
