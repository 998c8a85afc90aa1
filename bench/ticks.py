"""CPU per tick of the default scenario, quiet ticks apart from active ones (issue 16). Not a
test: run it by hand and copy the figures into bench/RESULTS.md.

A run of `data-breach` (10,000 users, 72 simulated hours, no answer) is 864 five-minute ticks;
a tick costs little while few users are exposed or spreading and most while the crisis is at
its height. This steps the model by hand and times each `model.step` in CPU time, sorted by the
users active (exposed or spreading) when the tick begins: quiet (at most 100), middling, active
(over 1,000). Each code runs in its own child process, in the same run: this checkout on its
compiled kernels, this checkout on numpy (`STORMDRILL_KERNELS=numpy`), and with `--old-code
DIR` another checkout (say a `git archive` of main). The first seed is played once untimed
first, so the figures hold no import, compiling or first-call cost.

    nice -n 10 .venv/bin/python bench/ticks.py --old-code /tmp/main-code --seeds 4
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

CLASSES = (
    ("quiet (<= 100 active)", 0, 100),
    ("middling", 101, 1000),
    ("active (> 1,000)", 1001, 10**9),
)

_CHILD = """
import json, sys, time
from sim.engine.crowd.state import State
from sim.engine.model import CrisisModel
from sim.spec.loader import load_scenario
spec = load_scenario("data-breach", ["turns.horizon_days=3"])
seeds = json.loads(sys.argv[1])
ticks = []
for n, seed in enumerate([seeds[0], *seeds]):
    model = CrisisModel(spec, seed)
    counts = model.crowd.population.state_counts
    while model.running:
        active = int(counts[State.EXPOSED] + counts[State.SPREADING])
        start = time.process_time_ns()
        model.step()
        if n:
            ticks.append((active, time.process_time_ns() - start))
    model.close()
print(json.dumps(ticks))
"""


def ticks_of(folder: Path | None, kernels: str, seeds: list[int]) -> list[tuple[int, int]]:
    """(users active, CPU ns) of every tick of every seed, in a child process on the code in
    `folder` (this checkout when None)."""
    environment = {**os.environ, "STORMDRILL_KERNELS": kernels}
    if folder is not None:
        environment["PYTHONPATH"] = str(folder.resolve())
    printed = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(seeds)],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
        cwd=folder or Path.cwd(),
    ).stdout
    return [tuple(tick) for tick in json.loads(printed.splitlines()[-1])]


def report(name: str, ticks: list[tuple[int, int]]) -> None:
    cells = []
    for label, low, high in CLASSES:
        times = [ns for active, ns in ticks if low <= active <= high]
        mean = sum(times) / len(times) / 1e6 if times else float("nan")
        cells.append(f"{label}: {len(times)} ticks, {mean:.3f} ms")
    total = sum(ns for _, ns in ticks) / 1e9
    print(f"{name}: {'; '.join(cells)}; all ticks {total:.2f} s CPU", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--old-code", type=Path, help="a checkout of the code to compare with")
    args = parser.parse_args()
    seeds = list(range(1, args.seeds + 1))
    print(f"data-breach, 72 h, seeds {seeds}; load average {os.getloadavg()[0]:.1f}", flush=True)
    ways: list[tuple[str, Path | None, str]] = []
    if args.old_code is not None:
        # Its own default: compiled where it has kernels (code before them ignores the setting).
        ways.append((f"the code in {args.old_code}", args.old_code, "numba"))
    ways += [("this checkout, numpy", None, "numpy"), ("this checkout, compiled", None, "numba")]
    for name, folder, kernels in ways:
        report(name, ticks_of(folder, kernels, seeds))
    print(f"load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
