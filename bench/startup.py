"""Start-up a user feels (issue 12, item 7): the CPU time of `stormdrill --help` and `stormdrill
scenarios list`, this tree's code against an older revision's, in the same run, alternating so
both meet the same load. Not a test (tests never time things): run it by hand and copy the
figures into bench/RESULTS.md.

The older revision is checked out into a temporary `git worktree` and run with the same
interpreter and libraries, `sim` imported from that checkout (PYTHONPATH before the editable
install). CPU is user + system time of the child process (`os.wait4`), which load inflates
less than wall time does; each figure is the median and the range of `--repeat` runs.

    .venv/bin/python bench/startup.py                   # against main
    .venv/bin/python bench/startup.py --against 375e520 --repeat 21
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {"--help": ["--help"], "scenarios list": ["scenarios", "list"]}
LAUNCH = "import sys; from sim.cli.main import main; raise SystemExit(main(sys.argv[1:]))"


def cpu_seconds(source: Path, argv: list[str]) -> float:
    """User + system CPU of one `stormdrill ARGV` whose `sim` is imported from `source`."""
    environment = {**os.environ, "PYTHONPATH": str(source)}
    child = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, *argv],
        stdout=subprocess.DEVNULL,
        env=environment,
        cwd=source,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"stormdrill {' '.join(argv)} exited {child.returncode} in {source}")
    return usage.ru_utime + usage.ru_stime


def checkout(revision: str, folder: Path) -> Path:
    path = folder / "old"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), revision],
        check=True,
        capture_output=True,
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="main", help="the older revision (default main)")
    parser.add_argument("--repeat", type=int, default=11, help="runs of each command and tree")
    args = parser.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        old = checkout(args.against, Path(folder))
        try:
            trees = {args.against: old, "this tree": ROOT}
            times: dict[tuple[str, str], list[float]] = {}
            for _ in range(args.repeat):
                for name, argv in COMMANDS.items():
                    for tree, source in trees.items():
                        times.setdefault((name, tree), []).append(cpu_seconds(source, argv))
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=True
            )
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; load average before {load[0]:.2f}, after "
        f"{os.getloadavg()[0]:.2f}; {args.repeat} runs each"
    )
    print("| command | tree | CPU median | CPU min-max |")
    print("|---|---|---:|---:|")
    for (name, tree), seconds in times.items():
        print(
            f"| `stormdrill {name}` | {tree} | {statistics.median(seconds):.3f} s | "
            f"{min(seconds):.3f}-{max(seconds):.3f} s |"
        )


if __name__ == "__main__":
    main()
