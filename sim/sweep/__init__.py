"""Protocol lab: Monte Carlo sweeps of protocols x scenario variations x seeds, with confidence
intervals, timing curves, and runs on local cores or a Dask cluster.

Four nouns, one job each: `SweepPlan` (what to run), the runner `sweep` (where and how),
`SweepResult` (what came back) and `sim.sweep.statistics` (what it means).
"""

from sim.sweep.plan import Axis, RunTask, SweepPlan, expand
from sim.sweep.result import SweepResult
from sim.sweep.runner import SweepInterrupted, Watcher, sweep
from sim.sweep.timing import TimingStudy, TimingTable, delayed, timing_plan, timing_table
from sim.sweep.worker import RunRow, run_task

__all__ = [
    "Axis",
    "RunRow",
    "RunTask",
    "SweepInterrupted",
    "SweepPlan",
    "SweepResult",
    "TimingStudy",
    "TimingTable",
    "Watcher",
    "delayed",
    "expand",
    "run_task",
    "sweep",
    "timing_plan",
    "timing_table",
]
