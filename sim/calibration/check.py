"""What a calibration check reports, and how a measurement is judged against its target band.

docs/model.md section 8 states its targets for means of at least 200 runs on 10,000 users. At that
size a check passes when the measured mean lies inside the band. A smaller run (the CI size)
cannot pin a mean that precisely, so there a check passes when the 95% confidence interval of
the measurement overlaps the band: the band is widened by the sampling error actually measured,
and a check still fails when the model is clearly off target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FULL_RUNS = 200
FULL_USERS = 10_000
DEFAULT_SEED = 20_240_601


@dataclass(frozen=True)
class CalibrationConfig:
    """How big a calibration run is. `seed` is the root of every random draw in it."""

    runs: int
    users: int = FULL_USERS
    workers: int = 1
    seed: int = DEFAULT_SEED
    overrides: tuple[str, ...] = ()
    """`--set` overrides of the schema's defaults, for sensitivity runs."""
    lesson_seeds: int = 20
    """Seeds per protocol and bundled scenario in the lesson checks (docs/model.md section 9)."""
    lesson_small_users: int | None = None
    """If set, the lesson checks play only the bundled scenarios up to this many users."""

    @property
    def full_size(self) -> bool:
        """The size docs/model.md section 8 states its targets for."""
        return self.runs >= FULL_RUNS and self.users >= FULL_USERS


@dataclass(frozen=True)
class CheckResult:
    """One row of the calibration report."""

    name: str
    target: str
    measured: float | str
    passed: bool
    detail: str


@dataclass(frozen=True)
class Band:
    """The accepted range of a measured quantity; an open side is infinite."""

    low: float = -math.inf
    high: float = math.inf

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def overlaps(self, low: float, high: float) -> bool:
        return low <= self.high and high >= self.low


def judge(
    config: CalibrationConfig, band: Band, estimate: float, interval: tuple[float, float]
) -> tuple[bool, str]:
    """Pass or fail, and the sentence saying which rule was applied.

    `interval` is the 95% confidence interval of `estimate` from the runs that were made.
    """
    low, high = interval
    if math.isnan(estimate):
        return False, "no measurement (nothing to measure in these runs)"
    if low == high == estimate:
        return band.contains(estimate), "exact (no sampling error)"
    ci = f"95% CI [{low:.4g}, {high:.4g}]"
    if config.full_size:
        return band.contains(estimate), f"{ci}; full size: the mean itself must be in the band"
    return band.overlaps(low, high), f"{ci}; reduced size: the CI must overlap the band"


def result(
    config: CalibrationConfig,
    name: str,
    target: str,
    band: Band,
    estimate: float,
    interval: tuple[float, float],
    detail: str,
) -> CheckResult:
    """A CheckResult for a numeric measurement judged with `judge`."""
    passed, rule = judge(config, band, estimate, interval)
    return CheckResult(name, target, float(estimate), passed, f"{detail} {rule}.")
