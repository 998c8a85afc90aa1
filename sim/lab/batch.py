"""Batches of runs that share a world, so a worker builds each world once.

A sweep's protocols, and the variations that leave the world alone, play the same seed's
follower graph and population. Handed out one run at a time, the runs of a seed land on
different workers, each building the world again (and playing the unanswered baseline again);
handed out as one batch per world, a worker builds it once and plays every run of it in a row.
Batches are split again only when there are fewer worlds than workers, so no core idles.
Rows do not depend on batching: each run's row is what it would be alone, and the table is
sorted by run id.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from sim.lab.plan import RunTask
from sim.session import world_key


def by_world(tasks: Sequence[RunTask], workers: int) -> list[tuple[RunTask, ...]]:
    """The tasks in batches of one world each (in run-id order within a batch, batches in the
    order of their first run), the largest halved while there are fewer batches than workers."""
    groups: dict[Hashable, list[RunTask]] = {}
    for task in tasks:
        groups.setdefault(world_key(task.spec, task.seed), []).append(task)
    batches = [tuple(group) for group in groups.values()]
    while len(batches) < workers:
        largest = max(range(len(batches)), key=lambda k: len(batches[k]), default=None)
        if largest is None or len(batches[largest]) < 2:
            break
        batch = batches[largest]
        half = len(batch) // 2
        batches[largest : largest + 1] = [batch[:half], batch[half:]]
    return batches


def one_by_one(tasks: Sequence[RunTask]) -> list[tuple[RunTask, ...]]:
    """Every task its own batch: each run builds its own world, as before batching."""
    return [(task,) for task in tasks]
