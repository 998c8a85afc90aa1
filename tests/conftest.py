"""What every test process shares: the package compiled once before any test starts, and the
garbage collector told, once the tests are collected, that everything alive then lives as long
as the process.

The suite starts dozens of Python processes (the command line as a user runs it, a sweep's pool
workers, hosted seats, xdist's workers), each importing the engine, the lab and the war room.
Where bytecode is not written (PYTHONDONTWRITEBYTECODE, as on shared CI machines), each of them
compiled the whole package again from source: 0.5 to 0.9 s of CPU a process. `compileall`
writes the bytecode once, into the usual `__pycache__` folders (git-ignored), as a regular
install does; a process then only reads it, and a source file changed since is compiled again.

By then a test process holds the engine, pandas, Textual and every test module: a heap far
larger than any test's own objects, which every full collection walked again. A serial sweep
collects after each run (sim.lab.worker.run_task, so a model's agent cycles go at once), and
the war room's tests allocate enough to set off the collector's oldest generation often.
`gc.freeze()` is what a sweep's pool workers do after their imports (sim.lab.worker.settle_worker),
for the same reason; nothing a test creates is frozen, so a model or an app a test drops is
collected as before (tests/sim_tests/test_model.py and test_mesa_compat.py check that).
Measured on test_data_files.py, one process: 27.3 -> 17.2 s of CPU (README, the quick start).
"""

from __future__ import annotations

import compileall
import gc
from pathlib import Path

import pytest

PACKAGES = ("sim", "tui")
ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the controller has compiled already
    for package in PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=2, workers=1)


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()
