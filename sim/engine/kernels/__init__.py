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
cache, not compiling, after the first run on a machine.
"""

from __future__ import annotations

import os
from types import ModuleType

ENVIRONMENT = "STORMDRILL_KERNELS"
"""The environment variable that picks the path: `numpy` for the reference, else compiled."""

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


def _load() -> ModuleType | None:
    if os.environ.get(ENVIRONMENT, "numba").strip().lower() == "numpy":
        return None
    try:
        from sim.engine.kernels import jit
    except ImportError:  # numba missing, or built for another numpy: the reference runs
        return None
    return jit
