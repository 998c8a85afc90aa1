"""A progress bar with an ETA for sweeps on a terminal, and silence anywhere else (logs, pipes,
CI), where a redrawn bar would only be noise."""

from __future__ import annotations

import sys
from types import TracebackType

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

from sim.lab.worker import RunRow


class ProgressBar:
    """A `Watcher` drawing on stderr (stdout stays for results); does nothing off a TTY."""

    def __init__(self, label: str, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.label = label
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
                TextColumn("ETA"),
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

    def started(self, total: int, already_done: int) -> None:
        if self._progress is not None:
            self._task = self._progress.add_task(self.label, total=total, completed=already_done)

    def finished(self, row: RunRow) -> None:
        if row.error is not None:
            self.failed += 1
        if self._progress is not None and self._task is not None:
            failed = f" ({self.failed} failed)" if self.failed else ""
            self._progress.update(self._task, advance=1, description=f"{self.label}{failed}")
