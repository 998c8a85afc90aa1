"""Measuring a finished run: the outcome metrics of docs/model.md sections 7 and 10, read off the
model. The comparison with the same seed left unanswered needs a second run; the Session and
the lab make it (`sim.outcome.against_unanswered`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.outcome import (
    Outcome,
    hourly_peak,
    recovery_time,
    volume_recovery_time,
)

if TYPE_CHECKING:
    from sim.engine.model import CrisisModel


def outcome_of(model: CrisisModel) -> Outcome:
    series = model.series()
    start_h = model.spec.crisis.start_h
    hours = np.asarray(series["hour"]) - start_h
    index = np.asarray(series["reputation_index"])
    start = float(model.baseline_reputation_index)
    negative = np.asarray(series["negative_posts"])
    ticks_per_h = model.monitor.ticks_per_h
    hourly = np.convolve(negative, np.ones(ticks_per_h))[: len(negative)]
    damage = np.asarray(series["aware_damage"])
    after = hours >= 0  # the crisis's own story starts at the trigger
    aware = int(model.population.ever_aware.sum())
    saw = int((model.population.ever_aware & model.population.saw_statement).sum())
    first_h = model.brand.first_public_h
    first_media = model.media_pickups_h[0] if model.media_pickups_h else None
    detected_h = model.monitor.detected_at_h
    recovery = recovery_time(hours, index, start)
    stakeholder_final = float(series["stakeholder_reputation_index"][-1])
    return Outcome(
        seed=model.seed,
        aware_damage=float(damage[-1]),
        aware_damage_peak=float(damage.max()),
        stakeholder_damage=model.baseline_stakeholder_reputation_index - stakeholder_final,
        peak_negative_h=float(hours[int(np.argmax(hourly))]) if hourly.max() > 0 else None,
        volume_recovery_h=volume_recovery_time(hours[after], hourly[after]),
        reputation_index_start=start,
        reputation_index_final=float(index[-1]),
        reputation_index_min=float(index.min()),
        reputation_index_drop=float(start - index.min()),
        stakeholder_reputation_index_final=stakeholder_final,
        negative_reach=aware,
        spreaders_total=int(model.population.ever_spread.sum()),
        peak_negative_posts_per_hour=hourly_peak(negative, ticks_per_h),
        negative_posts_total=int(negative.sum()),
        time_to_detection_h=None if detected_h is None else detected_h - start_h,
        time_to_first_response_h=None if first_h is None else first_h - start_h,
        response_coverage=saw / aware if aware else 0.0,
        spoke_before_media=first_h is not None and (first_media is None or first_h < first_media),
        recovery_time_h=recovery,
        media_pickups=len(model.media_pickups_h),
        evidence_emerged=model.evidence_h is not None,
        inconsistencies=model.brand.inconsistencies,
    )
