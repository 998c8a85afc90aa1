"""What every test process shares: the garbage collector told, once the tests are collected,
that everything alive then lives as long as the process.

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

import gc

import pytest


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()
