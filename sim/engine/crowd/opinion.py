"""The attitude and memory phases: silence read as guilt, social averaging, and the two-speed
memory decaying back to the anchor (MODEL.md section 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.engine.crowd.attitude import bounded_confidence_shift, silence_drift
from sim.engine.crowd.timing import decay_factor

if TYPE_CHECKING:
    from sim.engine.model import CrisisModel


def update_attitudes(model: CrisisModel) -> None:
    """The attitude phase: silence read as guilt while the brand says nothing, and social
    averaging every `averaging_interval_h`."""
    pop, att = model.population, model.spec.attitude
    if not model.brand.has_spoken and model.tick >= model.start_tick:
        listeners = np.flatnonzero(pop.silence_audience(att.silence_audience))
        if len(listeners):
            drift = silence_drift(att.silence_drift_per_h, model.tick_h, len(listeners))
            pop.shift_attitude(listeners, drift)
    interval = max(1, round(att.averaging_interval_h / model.tick_h))
    if model.tick > 0 and model.tick % interval == 0:
        attitude = pop.attitude()
        crisis_shift = attitude - pop.anchor if att.averaging_of == "crisis_shift" else None
        if crisis_shift is not None and not np.any(crisis_shift):
            return  # nobody's view has moved yet: nothing to average
        shift = bounded_confidence_shift(
            attitude, pop.listening, att.confidence_bound, att.averaging_step, crisis_shift
        )
        moved = np.flatnonzero(shift)
        pop.shift_attitude(moved, shift[moved])
        pop.memory.resync()


def remember(model: CrisisModel) -> None:
    """The memory phase: both memory parts decay one tick toward the anchor (O(1))."""
    att = model.spec.attitude
    model.population.memory.decay(
        decay_factor(att.fast_half_life_days * 24.0, model.tick_h),
        decay_factor(att.slow_half_life_days * 24.0, model.tick_h),
    )
