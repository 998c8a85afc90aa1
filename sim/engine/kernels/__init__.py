"""Compiled hot paths (numba), each with a numpy reference it must equal bit for bit.

A run of the default scenario is some thousand small numpy calls a tick, 864 ticks a run, and
on arrays of ten to a few thousand users numpy's cost per call, not its arithmetic, is the run's
time (bench/RESULTS.md, issue 16). A compiled loop does the same arithmetic in the same order in
one call. Each kernel here has a numpy reference, the code the engine ran before it (the draws'
`sim.engine.draws._chain`, the memory's `sim.engine.crowd.memory.shift_reference`), and the
tests hold every kernel to its reference bit for bit, on random inputs, empty arrays,
broadcasting and negative ids: uint64 arithmetic wraps the same way in both, and every float
operation is the same IEEE operation in the same order, so the choice of path never changes an
outcome (tests/sim_tests/test_kernels.py).

The numpy path runs when numba cannot be imported, or when the environment says so:

    STORMDRILL_KERNELS=numpy stormdrill run data-breach --seed 7

(`numba`, the default, uses the compiled kernels when numba imports). numba is imported at the
first kernel call, not with the engine, so `stormdrill --help` and the scenario list stay light
(tests/sim_tests/test_headless_import.py); the compiled code is cached on disk
(`@njit(cache=True)`), so a process pays the import of numba (~0.3 s of CPU) and loading the
cache, not compiling, after the first run on a machine. Two guards keep that cache sound: its
writes are one process at a time (`disk_cache`: processes that start together, as a sweep's
workers do, would otherwise race in numba's filing of new signatures), and numba's threading layer
starts before any kernel is loaded from it (`jit`: a cached kernel that reaches a threaded one,
loaded before, crashed at its first call).

A pass whose rows or users are independent (the averaging round, a memory shift's per-user updates)
also has a threaded twin that shares them among numba's threads (one per core by default;
`NUMBA_NUM_THREADS` sets it): each is computed as in the serial pass and written only by the thread
that computes it, so the bits do not depend on the number of threads. `on_threads(work)` says when
to use it: when the pass is big enough to pay for waking the threads and numba has more than one (a
sweep's worker process sets `NUMBA_NUM_THREADS=1` before numba loads: its siblings have the other
cores). Threaded calls run one at a time (`threaded_calls`, a lock): numba's built-in `workqueue`
layer, which the kernels ask for unless `NUMBA_THREADING_LAYER` says otherwise, is not safe to enter
from two threads at once (the war room's worker and the facilitator's twin), and, unlike OpenMP's,
is safe in a process that forks.
"""

from __future__ import annotations

import os
import threading
from types import ModuleType

ENVIRONMENT = "STORMDRILL_KERNELS"
"""The environment variable that picks the path: `numpy` for the reference, else compiled."""

THREADED_FROM = 1 << 19
"""Fewest elements (edges of a round, users of a shift) for which a threaded kernel runs: below,
waking the threads costs about what they save (`bench/averaging.py --crossover`, two runs on a
2-core machine: at 3.2 x 10^5 edges the two are level, at 1.1 x 10^6 within a tenth either way;
the whole round at 1.1 x 10^7 edges took 10% to 40% less on two threads)."""

threaded_calls = threading.Lock()
"""Held around every threaded kernel call: one at a time per process."""

_loaded: list[ModuleType | None] = []


def compiled() -> ModuleType | None:
    """The compiled kernels (`sim.engine.kernels.jit`), or None for the numpy path: decided
    once per process, at the first call, from STORMDRILL_KERNELS and whether numba imports."""
    if not _loaded:
        _loaded.append(_load())
    return _loaded[0]


def backend() -> str:
    """The path this process runs: "numba" or "numpy"."""
    return "numpy" if compiled() is None else "numba"


def on_threads(work: int) -> bool:
    """Whether a kernel with a threaded twin should run it for a pass over `work` elements:
    compiled kernels, more than one numba thread, and work enough."""
    jit = compiled()
    return jit is not None and work >= THREADED_FROM and jit.thread_count() > 1


def _load() -> ModuleType | None:
    if os.environ.get(ENVIRONMENT, "numba").strip().lower() == "numpy":
        return None
    try:
        from sim.engine.kernels import jit
    except ImportError:  # numba missing, or built for another numpy: the reference runs
        return None
    return jit
