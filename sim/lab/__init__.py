"""Protocol lab: Monte Carlo sweeps of protocols x scenario variations x seeds, with confidence
intervals, timing curves, and runs on local cores or a Dask cluster.

Four nouns, one job each: `SweepPlan` (what to run), the runner `sweep` (where and how),
`SweepResult` (what came back) and `sim.lab.statistics` (what it means).
"""

from sim.lab.plan import Axis, RunTask, SweepPlan, expand
from sim.lab.result import SweepResult
from sim.lab.runner import SweepInterrupted, Watcher, sweep
from sim.lab.timing import TimingStudy, TimingTable, delayed, timing_plan, timing_table
from sim.lab.worker import RunRow, run_task

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
