"""The outcome of one run (docs/model.md sections 7 and 10): frozen, comparable, ready for
sweeps and reports. The headline is reputational damage among the people who heard of the
crisis, and the share of the same seed's unanswered damage that the team's answers avoided."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

RECOVERY_BAND = 0.5  # RI back within half of its drop (revision 2: 10% was never reached)
RECOVERY_HOLD_H = 24.0  # and staying there for a day
VOLUME_RECOVERY_SHARE = 0.1  # negative volume back under 10% of its peak


class Outcome(BaseModel):
    """Headline metrics of a run. Hours are scenario hours after the trigger; None = undefined."""

    model_config = ConfigDict(frozen=True)

    seed: int
    aware_damage: float = Field(
        description="Reputational damage among the users who became aware of the crisis, at "
        "the horizon: their pre-crisis RI minus their RI, in RI points (0 when nobody heard)."
    )
    aware_damage_peak: float = Field(description="Largest damage among the aware during the run.")
    stakeholder_damage: float = Field(description="Stakeholders' RI before minus at the horizon.")
    damage_avoided: float | None = Field(
        None,
        description="Share of the same seed's unanswered damage (RI lost at the horizon, whole "
        "population) that the answers avoided; negative when they added to it. None when the "
        "unanswered run was not made or did no damage.",
    )
    unanswered_aware_damage: float | None = Field(
        None, description="aware_damage of the same seed left unanswered."
    )
    unanswered_negative_reach: int | None = Field(
        None, description="negative_reach of the same seed left unanswered."
    )
    peak_negative_h: float | None = Field(
        None, description="Trigger to the hour of peak negative volume; None without posts."
    )
    volume_recovery_h: float | None = Field(
        None,
        description="Trigger to the first time after the peak that the hourly negative volume is "
        "under 10% of its peak and stays there 24 h; None if it does not happen in the horizon.",
    )
    reputation_index_start: float = Field(description="RI before the crisis.")
    reputation_index_final: float = Field(description="RI at the horizon.")
    reputation_index_min: float = Field(description="Lowest RI.")
    reputation_index_drop: float = Field(description="Start minus lowest RI.")
    stakeholder_reputation_index_final: float = Field(description="RI of stakeholders at horizon.")
    negative_reach: int = Field(description="Users ever aware of the negative content.")
    spreaders_total: int = Field(description="Users who ever spread negative content.")
    peak_negative_posts_per_hour: float = Field(description="Highest hourly negative volume.")
    negative_posts_total: int = Field(description="All negative posts.")
    time_to_detection_h: float | None = Field(description="Trigger to the team's alert.")
    time_to_first_response_h: float | None = Field(description="Trigger to first public statement.")
    response_coverage: float = Field(description="Share of aware users who saw a response.")
    spoke_before_media: bool = Field(description="First statement out before the first article.")
    recovery_time_h: float | None = Field(
        description="Trigger to the first time after the minimum that RI is back within half of "
        "its drop and stays there 24 h; None if that does not happen in the horizon. (Revision "
        "1 asked for 10% of the drop, which the slow memory never allows inside 30 days.)"
    )
    media_pickups: int = Field(description="News articles about the crisis.")
    evidence_emerged: bool = Field(description="Evidence contradicting a denial surfaced.")
    inconsistencies: int = Field(description="Contradictions in the brand's statements.")


def first_lasting(
    hours: np.ndarray, holds: np.ndarray, start: int, hold_h: float = RECOVERY_HOLD_H
) -> float | None:
    """The first hour, from position `start` on, at which `holds` is true and stays true for
    `hold_h` hours; None if that never happens with the whole hold inside the series."""
    for position in range(start, len(holds)):
        if not holds[position]:
            continue
        hold_until = hours[position] + hold_h
        if hold_until > hours[-1]:
            return None
        window = (hours >= hours[position]) & (hours <= hold_until)
        if holds[window].all():
            return float(hours[position])
    return None


def recovery_time(hours: np.ndarray, index: np.ndarray, start: float) -> float | None:
    """First hour after the minimum at which the index is back within the band and holds a day."""
    lowest = int(np.argmin(index))
    drop = start - index[lowest]
    if drop <= 0:
        return None
    return first_lasting(hours, index >= start - RECOVERY_BAND * drop, lowest)


def volume_recovery_time(hours: np.ndarray, hourly_volume: np.ndarray) -> float | None:
    """First hour after the peak at which the hourly negative volume is under a tenth of its
    peak and stays there a day (docs/model.md section 9: a recovery that can happen)."""
    if len(hourly_volume) == 0 or hourly_volume.max() <= 0:
        return None
    peak = int(np.argmax(hourly_volume))
    quiet = hourly_volume <= VOLUME_RECOVERY_SHARE * hourly_volume[peak]
    return first_lasting(hours, quiet, peak)


def share_avoided(lost: float, lost_silent: float) -> float | None:
    """1 - lost / lost_silent: the share of what silence lost that the answers kept, for RI lost
    at the horizon or lost so far. Negative when the answers lost more; None when silence lost
    nothing to compare with."""
    if lost_silent <= 0:
        return None
    return 1.0 - lost / lost_silent


def damage_avoided(answered: Outcome, unanswered: Outcome) -> float | None:
    """The share of the unanswered run's damage (RI lost at the horizon) that the answered run
    of the same seed avoided: 1 - lost(answered) / lost(unanswered). Negative when the answers
    made things worse; None when silence did no damage to compare with."""
    return share_avoided(
        answered.reputation_index_start - answered.reputation_index_final,
        unanswered.reputation_index_start - unanswered.reputation_index_final,
    )


def against_unanswered(answered: Outcome, unanswered: Outcome) -> Outcome:
    """The answered outcome with its comparison to the same seed left unanswered filled in."""
    return answered.model_copy(
        update={
            "damage_avoided": damage_avoided(answered, unanswered),
            "unanswered_aware_damage": unanswered.aware_damage,
            "unanswered_negative_reach": unanswered.negative_reach,
        }
    )


def hourly_peak(per_tick: np.ndarray, ticks_per_hour: int) -> float:
    """Largest number of posts in any sliding one-hour window."""
    if len(per_tick) == 0:
        return 0.0
    return float(np.convolve(per_tick, np.ones(ticks_per_hour), mode="full").max())
