"""Seeds and parallel runs.

Every run's seed is drawn up front from the family's `SeedSequence`, and the pool returns
results in job order, so a calibration gives the same numbers with one worker or many. Workers
are started with `spawn`: forking a process that already runs threads is unsafe, and a fresh
interpreter behaves the same on every platform. As with any spawned pool, a script that starts
a parallel calibration must guard its entry point with `if __name__ == "__main__":`.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

import numpy as np

from sim.parent_watch import end_with_parent

Job = TypeVar("Job")
Outcome = TypeVar("Outcome")

_shared: Executor | None = None


def as_seed_sequence(seed: np.random.SeedSequence | int) -> np.random.SeedSequence:
    if isinstance(seed, np.random.SeedSequence):
        return seed
    return np.random.SeedSequence(int(seed))


def run_seeds(seed: np.random.SeedSequence, count: int) -> list[int]:
    """`count` independent model seeds as plain ints (what CrisisModel takes)."""
    return [int(child.generate_state(1, np.uint32)[0]) for child in seed.spawn(count)]


def _new_pool(workers: int) -> ProcessPoolExecutor:
    """Its workers end if this process is killed (sim.parent_watch)."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=end_with_parent,
    )


@contextmanager
def worker_pool(workers: int) -> Iterator[None]:
    """Share one pool among all the families run inside the block, so the workers start (and
    import the model) once per calibration rather than once per family."""
    global _shared
    if workers <= 1 or _shared is not None:
        yield
        return
    with _new_pool(workers) as pool:
        _shared = pool
        try:
            yield
        finally:
            _shared = None


def parallel_map(
    function: Callable[[Job], Outcome], jobs: Sequence[Job], workers: int
) -> list[Outcome]:
    """`[function(job) for job in jobs]`, on a process pool when `workers` > 1."""
    if workers <= 1 or len(jobs) <= 1:
        return [function(job) for job in jobs]
    if _shared is not None:
        return list(_shared.map(function, jobs))
    with _new_pool(min(workers, len(jobs))) as pool:
        return list(pool.map(function, jobs))
