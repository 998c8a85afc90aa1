"""The report's what-ifs: the outcome as played beside the Session's named variants
(sim.session.WHAT_IFS) and its timing curve (sim.session.TIMING), all on the session's seed.
The variants and the runs are the Session's, as the debrief's are; this only arranges them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sim.outcome import Outcome
from sim.session import (
    AS_PLAYED,
    EVERY_WHAT_IF,
    TIMING,
    WHAT_IFS,
    Session,
    WhatIf,
    played_actions,
)

Progress = Callable[[int, int], None]
"""Told (done, total) as long work goes on."""


@dataclass(frozen=True)
class Comparison:
    """The outcome as played and then each variant's, and the timing curve: the outcome with
    every action moved by each shift, 0 being as played (empty when the team did nothing to
    move)."""

    what_ifs: tuple[WhatIf, ...]
    timing: tuple[tuple[float, Outcome], ...]


def compare(session: Session, progress: Progress | None = None) -> Comparison:
    """Of a session run to its horizon (`Session.finish`); `progress(done, total)` hears of
    each what-if run (the slow part: one run of the scenario each)."""
    played = session.finish()
    outcomes = {}
    if progress is not None:
        progress(0, len(EVERY_WHAT_IF))
    for done, what_if in enumerate(session.what_ifs(), start=1):
        outcomes[what_if.variant] = what_if.outcome
        if progress is not None:
            progress(done, len(EVERY_WHAT_IF))
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
