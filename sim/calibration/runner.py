"""Run every check family of docs/model.md sections 8 and 9, each from its own child of one root
seed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

import numpy as np

from sim.calibration.apology import apology_checks
from sim.calibration.cascade import cascade_checks
from sim.calibration.check import DEFAULT_SEED, CalibrationConfig, CheckResult
from sim.calibration.firestorm import firestorm_checks
from sim.calibration.lesson import lesson_checks
from sim.calibration.negativity import negativity_checks
from sim.calibration.network import graph_checks
from sim.calibration.pool import worker_pool
from sim.calibration.responsibility import responsibility_checks
from sim.calibration.scenario import calibration_spec

Family = Callable[[CalibrationConfig, np.random.SeedSequence], list[CheckResult]]

# Order matters: each family takes the child seed at its position, so appending keeps the
# numbers of the families before it.
FAMILIES: tuple[Family, ...] = (
    graph_checks,
    cascade_checks,
    negativity_checks,
    responsibility_checks,
    apology_checks,
    firestorm_checks,
    lesson_checks,
)


def run_calibration(
    runs: int,
    users: int = 10_000,
    workers: int = 1,
    seed: int | None = None,
    overrides: Sequence[str] = (),
    *,
    lesson_seeds: int = 20,
    lesson_small_users: int | None = None,
    only: Literal["model", "lesson"] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[CheckResult]:
    """All calibration checks; the same arguments give the same results with any `workers`.
    `overrides` are `--set` overrides of the schema's defaults (a sensitivity run); a bad one
    raises ScenarioError before any run starts. `only` keeps the section 8 families ("model")
    or the lesson family ("lesson"). `progress(done, total)` hears of each family of checks
    as it is done.

    With `workers` > 1 the runs go to a spawned process pool: call this from an importable
    module or under `if __name__ == "__main__":`.
    """
    if runs < 1:
        raise ValueError(f"runs must be at least 1, got {runs}")
    config = CalibrationConfig(
        runs,
        users,
        workers,
        DEFAULT_SEED if seed is None else seed,
        tuple(overrides),
        lesson_seeds,
        lesson_small_users,
    )
    calibration_spec(users, overrides=config.overrides)  # a bad override stops here, at once
    chosen = [
        family
        for family in FAMILIES
        if only is None or (only == "lesson") == (family is lesson_checks)
    ]
    results: list[CheckResult] = []
    if progress is not None:
        progress(0, len(chosen))
    with worker_pool(workers):
        for done, family in enumerate(chosen, start=1):
            results.extend(family(config, family_seed(family, config.seed)))
            if progress is not None:
                progress(done, len(chosen))
    return results


def family_seed(family: Family, root: int) -> np.random.SeedSequence:
    """The child of the root seed a family draws from: its position in FAMILIES."""
    return np.random.SeedSequence(root).spawn(len(FAMILIES))[FAMILIES.index(family)]
