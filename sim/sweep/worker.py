"""One run of a sweep, as a worker process (or a Dask worker, or the main process) does it.

`run_task` is a top-level function of a small module so the `spawn` start method and Dask can
pickle it by name; it catches whatever a run raises and returns it as a row, because one broken
combination must not cost the hundreds of runs around it.
"""

from __future__ import annotations

import gc
import traceback

from pydantic import BaseModel, ConfigDict

from sim.outcome import Outcome
from sim.session import Session
from sim.sweep.plan import RunTask


class RunRow(BaseModel):
    """What one run left behind: who it was, how to replay it, and its outcome or its error.
    `ri_hourly[h]` is the reputation index at hour h of the run (0: before the crisis)."""

    model_config = ConfigDict(frozen=True)

    run_id: int
    scenario: str
    protocol: str
    protocol_ref: str
    variation: dict[str, str]
    seed_index: int
    seed: int
    overrides: tuple[str, ...]
    error: str | None = None
    outcome: Outcome | None = None
    ri_hourly: tuple[float, ...] = ()


class RunResult(BaseModel):
    """A row and, when asked for, the run's whole per-tick series (kept out of the row so the
    journal stays small)."""

    model_config = ConfigDict(frozen=True)

    row: RunRow
    series: dict[str, list[float]] | None = None


def run_task(task: RunTask) -> RunResult:
    """Run one task to its horizon; never raises for a failure of the run itself."""
    identity = {
        "run_id": task.run_id,
        "scenario": task.scenario,
        "protocol": task.protocol.name,
        "protocol_ref": task.protocol_ref,
        "variation": task.variation,
        "seed_index": task.seed_index,
        "seed": task.seed,
        "overrides": task.overrides,
    }
    try:
        session = Session(
            task.spec,
            task.seed,
            scenario_ref=task.scenario,
            overrides=task.overrides,
            protocol=task.protocol,
        )
        outcome = session.finish()
        series = session.model.series()
    except Exception as error:  # any failure of the run itself becomes its row
        last = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno}"
        text = f"{type(error).__name__}: {error} (at {where})"
        return RunResult(row=RunRow(**identity, error=text))
    finally:
        session = None
        # Agents and the model point at each other: collect the cycle now, not some runs later.
        gc.collect()
    ri_hourly = (outcome.reputation_index_start, *hourly(series, "reputation_index"))
    row = RunRow(**identity, outcome=outcome, ri_hourly=ri_hourly)
    return RunResult(row=row, series=series if task.keep_series else None)


def hourly(series: dict[str, list[float]], name: str) -> tuple[float, ...]:
    """A per-tick series sampled at the end of each whole hour (ticks are minutes long)."""
    return tuple(
        float(value)
        for hour, value in zip(series["hour"], series[name], strict=True)
        if abs(hour - round(hour)) < 1e-9
    )
