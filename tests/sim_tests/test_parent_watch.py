"""A sweep's worker processes end when their parent is killed (issue 14, item 5): a worker
started the way the pool starts them, its parent killed with SIGKILL, gone after it; and (slow)
a real pool, its parent killed mid-sweep, and every process it had started gone after it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tiny import TINY

PROC = Path("/proc")
GONE_WITHIN_S = 60.0
"""A hang guard only: the workers wake the moment the parent's sentinel closes."""

PARENT = """
from sim.lab import SweepPlan, sweep


class Say:
    def started(self, total, already_done):
        pass

    def finished(self, row):
        print("row", flush=True)


if __name__ == "__main__":
    sweep(SweepPlan(scenario=SCENARIO, protocols=("silent",), runs=5_000), workers=2, watcher=Say())
""".replace("SCENARIO", repr(TINY))


PARENT_OF_ONE = """
import multiprocessing
import threading

from sim.parent_watch import end_with_parent


def watch_then_wait():
    end_with_parent()
    print("watching", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    worker = multiprocessing.get_context("spawn").Process(target=watch_then_wait)
    worker.start()
    threading.Event().wait()
"""


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, that is: a zombie waiting for a reaper has ended."""
    try:
        state = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.timeout(GONE_WITHIN_S, method="signal")  # fails on its own, the run goes on
def test_a_spawned_worker_ends_when_its_parent_is_killed(tmp_path):
    """The worker, its parent and multiprocessing's resource tracker share the test's pipe:
    its end of file comes once the last of them has ended (an event, never a timer)."""
    script = tmp_path / "parent.py"
    script.write_text(PARENT_OF_ONE)
    with subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=tmp_path
    ) as parent:
        assert parent.stdout is not None
        try:
            assert parent.stdout.readline() == "watching\n", "the worker did not start"
        finally:
            os.kill(parent.pid, signal.SIGKILL)
            parent.wait()
        assert parent.stdout.read() == "", "the worker outlived its parent"
    assert parent.returncode == -signal.SIGKILL


@pytest.mark.slow  # a real sweep's pool, killed: test_a_spawned_worker_ends_... is its cheap twin
@pytest.mark.skipif(not (PROC / "self" / "stat").is_file(), reason="reads processes from /proc")
def test_the_workers_of_a_killed_sweep_end(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    command = [sys.executable, str(script)]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp_path
    ) as parent:
        try:
            assert parent.stdout is not None
            assert parent.stdout.readline() == "row\n", "the sweep did not start"
            started = children_of(parent.pid)
            assert len(started) >= 2, "no pool workers found"
        finally:
            os.kill(parent.pid, signal.SIGKILL)
            parent.wait()
    deadline = time.monotonic() + GONE_WITHIN_S
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in started if alive(pid)], "workers outlived their parent"
