"""Sweep throughput on the default 10,000-user scenario over 72 simulated hours (issues 4, 16).

Runs the same plan in a process pool twice in one process, the old way (one run per task, each
building its own world; `share_worlds=False`) and the new (one batch per seed's world, built
once per worker, `share_worlds=True`), checks that both give the same rows, and prints for each
the wall time, the CPU time, runs per second and the time 1,000 runs would take, against issue
16's target (1,000 runs in under 2 minutes on 2 cores) and issue 4's (10 minutes). Wall time
includes starting the worker processes, as a user would see it. `--serial-runs` also measures
each way in this process. `--old-code DIR` also runs the plan on another checkout (say main's,
`git worktree add DIR main`) in a child process, in the same run, and compares its rows too:
the reference for the per-step changes that both ways share. Not a test: run it by hand and
copy the figures into bench/RESULTS.md.

    nice -n 10 .venv/bin/python bench/sweep.py --parallel-runs 200 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from sim.lab import SweepPlan, SweepResult, sweep

SCENARIO = "data-breach"
OVERRIDES = ("turns.horizon_days=3",)
PROTOCOLS = ("silent", "fast-transparent")
TARGET_RUNS = 1000
TARGETS_S = {"issue 16": 120.0, "issue 4": 600.0}
WAYS = {"old (a world per run)": False, "new (a world per seed)": True}


def plan_of(runs: int) -> SweepPlan:
    """`runs` runs in all, half with each protocol (a typical A/B sweep)."""
    return SweepPlan(
        scenario=SCENARIO, overrides=OVERRIDES, protocols=PROTOCOLS, runs=runs // len(PROTOCOLS)
    )


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers are reaped
    when the sweep ends): what the runs cost, whatever else the machine was doing."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(runs: int, workers: int, share_worlds: bool) -> SweepResult:
    plan = plan_of(runs)
    load = os.getloadavg()
    start, cpu = time.perf_counter(), cpu_seconds()
    result = sweep(plan, workers=workers, share_worlds=share_worlds)
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    done = len(result.rows) - len(result.failures)
    rate = done / elapsed
    projected = TARGET_RUNS / rate
    verdicts = "; ".join(
        f"{'meets' if projected < target else 'misses'} {name}'s {target / 60:g} min"
        for name, target in TARGETS_S.items()
    )
    print(
        f"  workers={workers}: {done} runs in {elapsed:.1f} s wall, {cpu:.1f} s CPU = "
        f"{rate:.2f} runs/s, {cpu / done:.3f} CPU s per run; 1,000 runs ~ {projected:.0f} s "
        f"({verdicts}); load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after",
        flush=True,
    )
    return result


_ON_OLD_CODE = """
import json, os, pickle, resource, sys, time
from sim.lab import SweepPlan, sweep
plan = SweepPlan.model_validate_json(sys.argv[1])
load = os.getloadavg()
start = time.perf_counter()
result = sweep(plan, workers=int(sys.argv[2]))
elapsed = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
with open(sys.argv[3], "wb") as out:
    pickle.dump(result.to_pandas(), out)
print(json.dumps({"elapsed": elapsed, "cpu": cpu, "load": load, "runs": len(result.rows)}))
"""


def measure_old_code(folder: Path, runs: int, workers: int) -> pd.DataFrame:
    """The plan on the code in `folder`, in a child process (its CPU includes importing)."""
    with tempfile.TemporaryDirectory() as scratch:
        rows = Path(scratch) / "rows.pickle"
        command = [sys.executable, "-c", _ON_OLD_CODE, plan_of(runs).model_dump_json()]
        command += [str(workers), str(rows)]
        environment = {**os.environ, "PYTHONPATH": str(folder.resolve())}
        printed = subprocess.run(
            command, check=True, capture_output=True, text=True, env=environment, cwd=scratch
        ).stdout
        figures = json.loads(printed.splitlines()[-1])
        with rows.open("rb") as stored:
            frame: pd.DataFrame = pickle.load(stored)
    rate = figures["runs"] / figures["elapsed"]
    load = figures["load"]
    print(
        f"  workers={workers}: {figures['runs']} runs in {figures['elapsed']:.1f} s wall, "
        f"{figures['cpu']:.1f} s CPU = {rate:.2f} runs/s, {figures['cpu'] / figures['runs']:.3f} "
        f"CPU s per run; 1,000 runs ~ {TARGET_RUNS / rate:.0f} s; load average {load[0]:.1f} "
        f"{load[1]:.1f} {load[2]:.1f} before",
        flush=True,
    )
    return frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serial-runs", type=int, default=0)
    parser.add_argument("--parallel-runs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--old-code", type=Path, help="a checkout of the code to compare with")
    args = parser.parse_args()
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    print(
        f"{SCENARIO} --set {' '.join(OVERRIDES)}, protocols {', '.join(PROTOCOLS)}; "
        f"{platform.processor() or platform.machine()}, nproc {os.cpu_count()}, "
        f"{memory_gb:.1f} GB, Python {platform.python_version()}"
    )
    for workers, runs in ((1, args.serial_runs), (args.workers, args.parallel_runs)):
        if runs == 0:
            continue
        tables = []
        if args.old_code is not None:
            print(f"the code in {args.old_code}", flush=True)
            tables.append(measure_old_code(args.old_code, runs, workers))
        for way, share in WAYS.items():
            print(way, flush=True)
            tables.append(measure(runs, workers, share).to_pandas())
        same = all(table.equals(tables[0]) for table in tables)
        print(f"  rows of every way identical: {same}", flush=True)
        if not same:
            raise SystemExit("the ways gave different rows")


if __name__ == "__main__":
    main()
