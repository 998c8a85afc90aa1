"""A progress bar with an ETA for long work on a terminal (sweeps, timing, calibration, long
runs, reports), and silence anywhere else (logs, pipes, CI), where a redrawn bar would only be
noise. Its words are in the language of the exercise or scenario it counts (`words`: runs,
reports, sweeps, timing), English for the library's commands (calibration, lessons)."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from sim.i18n import ENGLISH, Translator

if TYPE_CHECKING:
    from sim.lab.worker import RunRow


class ProgressBar:
    """A bar drawing on stderr (stdout stays for results); does nothing off a TTY. A sweep's
    `Watcher` (`started`, `finished`), or any long job's through `start` and `update`."""

    def __init__(
        self, label: str, enabled: bool | None = None, words: Translator = ENGLISH
    ) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.label = label
        self.words = words
        self.failed = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn(self.words("ETA")),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def start(self, total: float, completed: float = 0) -> None:
        """Begin a job of `total` units (runs, hours, steps), `completed` of them done."""
        if self._progress is not None:
            self._task = self._progress.add_task(self.label, total=total, completed=int(completed))

    def update(self, completed: float, total: float | None = None) -> None:
        """`completed` units are done (of `total`, if it has changed); starts the bar if need
        be, so a callback `(done, total)` can be this method."""
        if self._progress is None:
            return
        if self._task is None:
            self.start(total or 0, completed)
        else:
            self._progress.update(self._task, completed=completed, total=total)

    def started(self, total: int, already_done: int) -> None:
        self.start(total, already_done)

    def finished(self, row: RunRow) -> None:
        if row.error is not None:
            self.failed += 1
        if self._progress is not None and self._task is not None:
            failed = (
                " " + self.words("({count} failed)").format(count=self.failed)
                if self.failed
                else ""
            )
            self._progress.update(self._task, advance=1, description=f"{self.label}{failed}")
