"""The outcome of one run (MODEL.md section 7): frozen, comparable, ready for sweeps and reports."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

RECOVERY_BAND = 0.1  # back within 10% of the drop
RECOVERY_HOLD_H = 24.0  # and staying there for a day


class Outcome(BaseModel):
    """Headline metrics of a run. Hours are scenario hours after the trigger; None = undefined."""

    model_config = ConfigDict(frozen=True)

    seed: int
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
        description="Trigger to the first time after the minimum that RI is back within 10% of "
        "the drop and stays there 24 h; None if it does not recover."
    )
    media_pickups: int = Field(description="News articles about the crisis.")
    evidence_emerged: bool = Field(description="Evidence contradicting a denial surfaced.")
    inconsistencies: int = Field(description="Contradictions in the brand's statements.")


def recovery_time(hours: np.ndarray, index: np.ndarray, start: float) -> float | None:
    """First hour after the minimum at which the index is back within the band and holds a day."""
    lowest = int(np.argmin(index))
    drop = start - index[lowest]
    if drop <= 0:
        return None
    recovered = index >= start - RECOVERY_BAND * drop
    for position in range(lowest, len(index)):
        if not recovered[position]:
            continue
        hold_until = hours[position] + RECOVERY_HOLD_H
        if hold_until > hours[-1]:
            return None
        window = (hours >= hours[position]) & (hours <= hold_until)
        if recovered[window].all():
            return float(hours[position])
    return None


def hourly_peak(per_tick: np.ndarray, ticks_per_hour: int) -> float:
    """Largest number of posts in any sliding one-hour window."""
    if len(per_tick) == 0:
        return 0.0
    return float(np.convolve(per_tick, np.ones(ticks_per_hour), mode="full").max())


def write_series_csv(series: dict[str, list[float]], path: Path) -> None:
    """The per-tick series as CSV, one row per tick."""
    path.parent.mkdir(parents=True, exist_ok=True)
    names = list(series)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(zip(*(series[name] for name in names), strict=True))
