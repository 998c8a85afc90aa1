"""The runner: where and how a plan's runs execute (in this process, a local process pool, or a
Dask cluster), and the bookkeeping that makes the three give the same table.

Every backend calls the same `run_task` on the same self-contained tasks and yields results in
whatever order they finish; the journal records them as they come and the final table is sorted
by run id, so results are identical row for row with 1, 2 or N workers and with Dask.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Protocol

from sim.errors import UserError
from sim.i18n import ENGLISH, Translator
from sim.lab.batch import by_world, one_by_one
from sim.lab.journal import Journal
from sim.lab.plan import RunTask, SweepPlan, expand
from sim.lab.result import SweepResult
from sim.lab.worker import RunResult, RunRow, run_batch, settle_worker

LOCAL_DASK = "local"


class SweepInterrupted(UserError):
    """The machinery failed (a worker process died, the cluster went away), not a run."""


class _WorkerLost(Exception):
    """Raised by a backend when its machinery, not a run, failed."""


class Watcher(Protocol):
    """Told about progress; the CLI shows a progress bar with it."""

    def started(self, total: int, already_done: int) -> None: ...

    def finished(self, row: RunRow) -> None: ...


def sweep(
    plan: SweepPlan,
    *,
    workers: int | None = None,
    dask: str | None = None,
    out: Path | None = None,
    resume: bool = False,
    series: bool = False,
    watcher: Watcher | None = None,
    words: Translator = ENGLISH,
    share_worlds: bool = True,
) -> SweepResult:
    """Run every combination in the plan and return the rows in run-id order.

    `workers` defaults to the machine's cores (1 runs in this process); `dask` is a scheduler
    address or "local". With `out`, rows are journaled as they finish and the tables and plots
    are written there at the end; `resume` then runs only the missing run ids. `series` also
    keeps each run's per-tick series as `out/series/run-NNNNNN.csv`. `words` is the language
    of its refusals and its plots (the scenario's, or the command's `--lang`). `share_worlds`
    hands each worker all the runs of a world together, played on one build of it
    (sim.lab.batch); False builds a world per run, as before: the rows are the same either way.

    The process pool uses the `spawn` start method, so a script calling this needs the usual
    `if __name__ == "__main__":` guard (notebooks need nothing).
    """
    if resume and out is None:
        raise UserError(words("--resume needs --out DIR, the folder of the sweep to finish."))
    if series and out is None:
        raise UserError(words("--series needs --out DIR, the folder to write the series into."))
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers < 1:
        raise UserError(
            words("--workers {workers} is not a number of processes; give 1 or more.").format(
                workers=workers
            )
        )
    tasks = expand(plan, keep_series=series, words=words, shared_world=share_worlds)
    journal = Journal(out, plan, resume, words) if out is not None else None
    rows = journal.rows() if journal is not None else {}
    pending = [task for task in tasks if task.run_id not in rows]
    if watcher is not None:
        watcher.started(len(tasks), len(rows))
    batches = by_world(pending, workers) if share_worlds else one_by_one(pending)
    try:
        for result in _backend(batches, workers, dask, words):
            if journal is not None:
                journal.record(result)
            rows[result.row.run_id] = result.row
            if watcher is not None:
                watcher.finished(result.row)
    except _WorkerLost as lost:
        sentence = _interrupted_sentence(lost.__cause__, len(rows), out, words)
        raise SweepInterrupted(sentence) from None
    finally:
        if journal is not None:
            journal.close()
    if journal is not None:
        rows = journal.rows()
    swept = SweepResult(plan=plan, rows=tuple(rows[run_id] for run_id in sorted(rows)))
    if out is not None:
        swept.write(out, words)
    return swept


def _interrupted_sentence(
    error: BaseException | None, finished: int, out: Path | None, words: Translator
) -> str:
    if out is not None:
        kept = words(
            "the {finished} finished runs are saved in {out}; run the same command with "
            "--resume to finish"
        ).format(finished=finished, out=out)
    else:
        kept = words("give --out DIR next time to keep finished runs and resume")
    detail = str(error).rstrip(".")
    return words("the sweep stopped because a worker failed ({reason}); {kept}.").format(
        reason=f"{type(error).__name__}: {detail}", kept=kept
    )


def _backend(
    batches: Sequence[tuple[RunTask, ...]], workers: int, dask: str | None, words: Translator
) -> Iterable[RunResult]:
    if not batches:
        return ()
    if dask is not None:
        return _on_dask(batches, dask, workers, words)
    if workers == 1:
        return _in_this_process(batches)
    return _on_process_pool(batches, min(workers, len(batches)))


def _in_this_process(batches: Sequence[tuple[RunTask, ...]]) -> Iterator[RunResult]:
    """Each batch here, with what is alive now hidden from the collector while the sweep runs,
    as a pool worker does (sim.lab.worker.settle_worker): each run's own `gc.collect()` then
    walks only what the run left behind, not the caller's heap. Unfrozen at the end, so nothing
    of the caller's stays out of the collector's reach; a caller that froze its heap itself (the
    test processes, tests/conftest.py) keeps it frozen, untouched."""
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    try:
        for batch in batches:
            yield from run_batch(batch)
    finally:
        if ours:
            gc.unfreeze()


def _on_process_pool(batches: Sequence[tuple[RunTask, ...]], workers: int) -> Iterator[RunResult]:
    """Each batch in a worker process; `spawn` because forking a process that holds threads
    (the progress bar, Dask) can deadlock, and it behaves the same on every platform."""
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=settle_worker)
    try:
        futures = [pool.submit(run_batch, batch) for batch in batches]
        for future in as_completed(futures):
            try:
                results = future.result()
            except BrokenProcessPool as error:
                raise _WorkerLost() from error
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _on_dask(
    batches: Sequence[tuple[RunTask, ...]], address: str, workers: int, words: Translator
) -> Iterator[RunResult]:
    """Each batch as a Dask task on an existing scheduler, or on a LocalCluster of `workers`
    single-threaded processes (one model per process, as with the pool)."""
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise UserError(
            words(
                "--dask needs Dask's distributed scheduler; install it with "
                "pip install 'stormdrill[dask]'."
            )
        ) from None
    cluster = None
    if address == LOCAL_DASK:
        # No dashboard, and the scheduler's HTTP server (metrics) on a free port: it would take
        # 8787 by default, and warn when another cluster has it.
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},
        )
    try:
        client = Client(cluster if cluster is not None else address, timeout="10s")
    except (OSError, ValueError, TypeError) as error:
        if cluster is not None:
            cluster.close()
        raise UserError(
            words(
                "--dask {address}: cannot reach a Dask scheduler there ({reason}); start one "
                "with `dask scheduler` or use --dask local."
            ).format(address=address, reason=error)
        ) from None
    try:
        futures = client.map(run_batch, batches, pure=False)
        for future in dask_completed(futures):
            try:
                results = future.result()
            except Exception as error:  # run_batch never raises: this is the cluster failing
                raise _WorkerLost() from error
            future.release()
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
