"""The attitude and memory phases: silence read as guilt, social averaging, and the two-speed
memory decaying back to the anchor (docs/model.md section 4). Nothing here is random."""

from __future__ import annotations

from sim.engine.crowd.attitude import averaging_moves, silence_drift
from sim.engine.crowd.timing import decay_factor
from sim.engine.crowd.world import Crowd


def update_attitudes(crowd: Crowd, silence_costs: bool) -> None:
    """The attitude phase: silence read as guilt while it costs (the storyline says when:
    the brand has said nothing and is being asked to), and social averaging every
    `averaging_interval_h`."""
    if silence_costs:
        read_silence(crowd)
    interval = max(1, round(crowd.spec.attitude.averaging_interval_h / crowd.tick_h))
    if crowd.tick > 0 and crowd.tick % interval == 0:
        average_socially(crowd)


def read_silence(crowd: Crowd) -> None:
    """Each user in the silence's audience loses the same drift this tick: the brand's silence
    read as guilt (Ferrin et al. 2007)."""
    pop, att = crowd.population, crowd.spec.attitude
    listeners = pop.silence_audience(att.silence_audience)
    if len(listeners):
        drift = silence_drift(att.silence_drift_per_h, crowd.tick_h, len(listeners))
        pop.shift_attitude(listeners, drift)


def average_socially(crowd: Crowd) -> None:
    """One round of bounded-confidence averaging over the listening graph, applied to
    everyone's memory at once."""
    pop, att = crowd.population, crowd.spec.attitude
    moves = averaging_moves(
        pop.memory,
        pop.listening,
        att.confidence_bound,
        att.averaging_step,
        of_crisis_shift=att.averaging_of == "crisis_shift",
    )
    if moves is None:
        return  # nobody's view has moved yet: nothing to average
    pop.shift_attitude(*moves, resync=True)  # its sums drift by rounding only: made anew


def remember(crowd: Crowd) -> None:
    """The memory phase: both memory parts decay one tick toward the anchor (O(1))."""
    att = crowd.spec.attitude
    crowd.population.memory.decay(
        decay_factor(att.fast_half_life_days * 24.0, crowd.tick_h),
        decay_factor(att.slow_half_life_days * 24.0, crowd.tick_h),
    )
