"""Sweep throughput on the default 10,000-user scenario over 72 simulated hours (issue 4).

Runs the same plan serially and in a process pool and prints runs per second, per core, and the
time 1,000 runs would take (target: under 10 minutes on 2 cores). Wall time includes starting
the worker processes, as a user would see it. Not a test: run it by hand and copy the figures
into bench/RESULTS.md.

    .venv/bin/python bench/sweep.py --serial-runs 50 --parallel-runs 500 --workers 2
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time

from sim.lab import SweepPlan, sweep

SCENARIO = "data-breach"
OVERRIDES = ("turns.horizon_days=3",)
PROTOCOLS = ("silent", "fast-transparent")
TARGET_RUNS, TARGET_S = 1000, 600.0


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


def measure(runs: int, workers: int) -> None:
    plan = plan_of(runs)
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), cpu_seconds()
    result = sweep(plan, workers=workers)
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    done = len(result.rows) - len(result.failures)
    rate = done / elapsed
    projected = TARGET_RUNS / rate
    verdict = "meets" if projected < TARGET_S else "misses"
    print(
        f"workers={workers}: {done} runs in {elapsed:.1f} s = {rate:.2f} runs/s, "
        f"{rate / workers:.2f} runs/s per core; 1,000 runs ~ {projected / 60:.1f} min "
        f"({verdict} the 10-minute target); {cpu / done:.2f} CPU s per run; "
        f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serial-runs", type=int, default=50)
    parser.add_argument("--parallel-runs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    print(
        f"{SCENARIO} --set {' '.join(OVERRIDES)}, protocols {', '.join(PROTOCOLS)}; "
        f"{platform.processor() or platform.machine()}, nproc {os.cpu_count()}, "
        f"{memory_gb:.1f} GB, Python {platform.python_version()}"
    )
    measure(args.serial_runs, 1)
    measure(args.parallel_runs, args.workers)
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own_mb:.0f} MB serial (this process), {worker_mb:.0f} MB per worker")


if __name__ == "__main__":
    main()
