"""The same seed left unanswered: the run the headline measure compares with (docs/model.md section
10). The team's answers are taken out; the facilitator's inject releases stay, because they are
the exercise's story, not the team's answers.

A sweep runs many protocols on each seed, so the unanswered run of a (scenario, seed, releases)
is kept once per process: it is the same run for every protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sim.engine.measurement import outcome_of
from sim.engine.model import CrisisModel
from sim.outcome import Outcome
from sim.session.record import InjectReleased
from sim.spec.schema import ScenarioSpec

_KEPT = 64  # unanswered outcomes kept per process (a sweep meets a seed's protocols together)


def unanswered_outcome(
    spec: ScenarioSpec, seed: int, releases: Sequence[InjectReleased] = ()
) -> Outcome:
    """The outcome of the same scenario, seed and inject releases with no answer at all."""
    plan = tuple((release.at_h, release.inject_id) for release in releases)
    return _unanswered(spec.model_dump_json(), int(seed), plan)


@lru_cache(maxsize=_KEPT)
def _unanswered(spec_json: str, seed: int, releases: tuple[tuple[float, str], ...]) -> Outcome:
    model = CrisisModel(ScenarioSpec.model_validate_json(spec_json), seed)
    try:
        for at_h, inject_id in releases:
            model.advance_to(at_h)
            if inject_id in model.pending_inject_ids:
                model.release_inject(inject_id)
        model.run_to_horizon()
        return outcome_of(model)
    finally:
        model.close()
