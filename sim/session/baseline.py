"""The same seed left unanswered: the run the headline measure compares with (docs/model.md section
10). The team's answers are taken out; the facilitator's inject releases stay, because they are
the exercise's story, not the team's answers.

A sweep runs many protocols on each seed, so the unanswered run of a (scenario, seed, releases)
to the horizon is kept once per process: it is the same run for every protocol. A session that
shares its world (a sweep's) also leaves its own outcome here when it answered nothing: that run
is the unanswered run, so the protocols after it on the seed need not play it again. An exercise's
facilitator asks how the run compares so far, at the hour of play: `SilentRun` keeps a second
model of the seed for that, stepped only when asked, and at the end of the exercise it plays on
to the horizon rather than a new unanswered run from the first hour.
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.engine.measurement import outcome_of
from sim.engine.model import CrisisModel
from sim.engine.world.world import World
from sim.outcome import Outcome
from sim.session.kept import KeptOutcomes, Releases, releases_of, run_key
from sim.session.record import InjectReleased
from sim.spec.schema import ScenarioSpec

_KEPT = 64  # unanswered outcomes kept per process (a sweep meets a seed's protocols together)


def release_as_logged(model: CrisisModel, at_h: float, inject_id: str) -> None:
    """Advance to the hour the facilitator released an inject and release it there, unless in
    this world it has already gone out on its own schedule."""
    model.advance_to(at_h)
    if inject_id in model.pending_inject_ids:
        model.release_inject(inject_id)


def unanswered_outcome(
    spec: ScenarioSpec,
    seed: int,
    releases: Sequence[InjectReleased] = (),
    world: World | None = None,
    silent: SilentRun | None = None,
) -> Outcome:
    """The outcome of the same scenario, seed and inject releases with no answer at all; played
    on `world` if given (the seed's world, which it would draw again), or carried on to the
    horizon by `silent`, the exercise's own unanswered run, from the hour it has reached."""
    outcome = _kept.get(run_key(spec, seed, releases))
    if outcome is None:
        if silent is not None:
            outcome = silent.to_horizon(releases)
        else:
            outcome = _unanswered(spec, int(seed), releases_of(releases), world)
        remember_unanswered(spec, seed, releases, outcome)
    return outcome


def remember_unanswered(
    spec: ScenarioSpec, seed: int, releases: Sequence[InjectReleased], outcome: Outcome
) -> None:
    """Keep the outcome of an unanswered run of (spec, seed, releases), played here or by a
    session that queued nothing, for the next protocol of the seed."""
    _kept.keep(run_key(spec, seed, releases), outcome)


_kept = KeptOutcomes(_KEPT)


def _unanswered(
    spec: ScenarioSpec,
    seed: int,
    releases: Releases,
    world: World | None,
) -> Outcome:
    model = CrisisModel(spec, seed, world=world)
    try:
        for at_h, inject_id in releases:
            release_as_logged(model, at_h, inject_id)
        model.run_to_horizon()
        return outcome_of(model)
    finally:
        model.close()


class SilentRun:
    """The exercise's seed with no answer, brought to the hour of play when asked.

    It steps only when asked (the facilitator's console), never at the end of a turn, and only
    over the hours since it was last asked, releasing the facilitator's injects at the hours
    they went out in play. It shares the exercise's world (follower graph, listening graph and
    population's fixed traits), which the same seed would build again, so it costs a model's
    state, not a world.
    """

    def __init__(self, played: CrisisModel) -> None:
        self._model = CrisisModel(played.spec, played.seed, world=played.world)
        self._released = 0

    def at(self, now_h: float, releases: Sequence[InjectReleased]) -> CrisisModel:
        """The unanswered model at `now_h`, the releases logged so far applied in order."""
        for release in releases[self._released :]:
            release_as_logged(self._model, release.at_h, release.inject_id)
        self._released = len(releases)
        self._model.advance_to(now_h)
        return self._model

    def to_horizon(self, releases: Sequence[InjectReleased]) -> Outcome:
        """The unanswered run's outcome: the rest of its hours stepped, as `unanswered_outcome`
        would step them all (the same releases at the same hours; tests/sim_tests)."""
        return outcome_of(self.at(self._model.horizon_h, releases))

    def close(self) -> None:
        self._model.close()
