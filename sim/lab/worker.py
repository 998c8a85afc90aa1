"""One run of a sweep, as a worker process (or a Dask worker, or the main process) does it.

`run_task` is a top-level function of a small module so the `spawn` start method and Dask can
pickle it by name; it catches whatever a run raises and returns it as a row, because one broken
combination must not cost the hundreds of runs around it.
"""

from __future__ import annotations

import gc
import os
import traceback
from collections.abc import Mapping, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from sim.clock import EPSILON_H
from sim.lab.plan import RunTask
from sim.outcome import Outcome
from sim.parent_watch import end_with_parent
from sim.session import Session
from sim.session.views import SeriesValues


class RunRow(BaseModel):
    """What one run left behind: who it was, how to replay it, and its outcome or its error.
    `ri_hourly[h]` is the reputation index at hour h of the run (0: before the crisis), and
    `aware_damage_hourly[h]` the damage among the aware then, in RI points."""

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
    aware_damage_hourly: tuple[float, ...] = ()


class RunResult(BaseModel):
    """A row and, when asked for, the run's whole per-tick series (kept out of the row so the
    journal stays small)."""

    model_config = ConfigDict(frozen=True)

    row: RunRow
    series: dict[str, list[float]] | None = None


def run_batch(tasks: Sequence[RunTask]) -> list[RunResult]:
    """Run tasks one after the other in this process: a batch of one world's runs builds the
    world once (sim.lab.batch)."""
    return [run_task(task) for task in tasks]


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
        outcome, series = _play(task)
        ri_hourly = (outcome.reputation_index_start, *hourly(series, "reputation_index"))
        aware_damage_hourly = (0.0, *hourly(series, "aware_damage"))
    except Exception as error:  # any failure of the run itself becomes its row
        last = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno}"
        text = f"{type(error).__name__}: {error} (at {where})"
        return RunResult(row=RunRow(**identity, error=text))
    finally:
        # Agents and the model point at each other: collect the cycle now, not some runs later.
        gc.collect()
        _hide_what_the_first_run_brought()
    row = RunRow(
        **identity,
        outcome=outcome,
        ri_hourly=ri_hourly,
        aware_damage_hourly=aware_damage_hourly,
    )
    return RunResult(row=row, series=series if task.keep_series else None)


def settle_worker() -> None:
    """Once per worker process, after its imports: end with the parent (sim.parent_watch); and
    what is alive now lives as long as the process, so hide it from the collector, and each
    per-run collection then walks only what the run left behind (3 ms instead of 60 ms per run
    of the default scenario). Its kernels keep to one thread (numba reads `NUMBA_NUM_THREADS`
    when it loads, at the first run): the pool's other workers have the other cores."""
    os.environ["NUMBA_NUM_THREADS"] = "1"
    end_with_parent()
    gc.freeze()


_first_run_done: list[bool] = []


def _hide_what_the_first_run_brought() -> None:
    """Once per process, after its first run's collection: if the process has hidden its heap
    from the collector (`settle_worker`, a serial sweep, the test processes), hide what the first
    run added to it as well. The engine is imported when a run needs it, and its compiled
    kernels at their first call: numba's modules, types and dispatchers alone are some 80,000
    objects, which every later run's `gc.collect()` walked again (19 ms of a run's 210 ms on the
    default scenario; after this, 1 ms). A process that froze nothing is left as it is."""
    if _first_run_done:
        return
    _first_run_done.append(True)
    if gc.get_freeze_count():
        gc.freeze()


def _play(task: RunTask) -> tuple[Outcome, dict[str, SeriesValues]]:
    """The run through a Session, as `stormdrill run` does it; the session (and with it the
    model) is dropped on return."""
    session = Session(
        task.spec,
        task.seed,
        scenario_ref=task.scenario,
        overrides=task.overrides,
        protocol=task.protocol,
        shared_world=task.shared_world,
    )
    return session.finish(), session.run_record().series


def hourly(series: Mapping[str, Sequence[float]], name: str) -> tuple[float, ...]:
    """A per-tick series as it stood at the end of each whole hour (the last tick ending by then),
    so runs with any tick length line up hour by hour."""
    hours = np.asarray(series["hour"], dtype=float)
    whole = np.arange(1, int(np.floor(hours[-1] + EPSILON_H)) + 1)
    last_tick = np.searchsorted(hours, whole + EPSILON_H, side="right") - 1
    return tuple(float(value) for value in np.asarray(series[name], dtype=float)[last_tick])
