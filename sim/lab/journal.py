"""The sweep's folder while it runs: the plan it holds and a journal of finished rows.

Each row is appended to `rows.jsonl` and forced to disk as soon as its run finishes, so Ctrl-C, a
killed worker or a power cut loses only runs in flight; `--resume` reads the journal back and
runs what is missing. JSON keeps floats exactly (shortest repr), so tables rebuilt from the
journal equal the rows as computed, bit for bit.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from sim.errors import UserError
from sim.i18n import ENGLISH, Translator
from sim.lab.plan import SweepPlan
from sim.lab.worker import RunResult, RunRow
from sim.series_file import write_series_csv

PLAN_FILE = "plan.json"
JOURNAL_FILE = "rows.jsonl"
SERIES_FOLDER = "series"


class Journal:
    """Append-only record of one plan's finished runs in one folder."""

    def __init__(
        self, folder: Path, plan: SweepPlan, resume: bool, words: Translator = ENGLISH
    ) -> None:
        self.folder = Path(folder)
        self.words = words
        self.path = self.folder / JOURNAL_FILE
        self._check_folder(plan, resume)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / PLAN_FILE).write_text(plan.model_dump_json(indent=1) + "\n")
        self._drop_torn_tail()
        self._file = self.path.open("a", encoding="utf-8")

    def _check_folder(self, plan: SweepPlan, resume: bool) -> None:
        saved = self.folder / PLAN_FILE
        started = saved.is_file() or self.path.is_file()
        if started and not resume:
            raise UserError(
                self.words(
                    "{folder} already holds a sweep; add --resume to finish it, or give another "
                    "--out folder."
                ).format(folder=self.folder)
            )
        if not started:
            return
        try:
            same = SweepPlan.model_validate_json(saved.read_text()) == plan
        except (OSError, ValidationError):
            same = False
        if not same:
            raise UserError(
                self.words(
                    "{folder} holds a sweep of a different plan ({file} differs); resume with the "
                    "same scenario, --set, --protocol, --vary, --runs and --seed, or give another "
                    "--out folder."
                ).format(folder=self.folder, file=saved.name)
            )

    def _drop_torn_tail(self) -> None:
        """A crash mid-write can leave half a line; cut it so the next row starts clean."""
        if not self.path.is_file():
            return
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            with self.path.open("r+b") as handle:
                handle.truncate(data.rfind(b"\n") + 1)

    def rows(self) -> dict[int, RunRow]:
        """Rows already finished, by run id."""
        found: dict[int, RunRow] = {}
        if not self.path.is_file():
            return found
        lines = self.path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            try:
                row = RunRow.model_validate_json(line)
            except ValidationError:
                raise UserError(
                    self.words(
                        "{file}, line {number}: not a sweep row (the file was edited or "
                        "damaged); delete that line and resume to run it again."
                    ).format(file=self.path, number=number)
                ) from None
            found.setdefault(row.run_id, row)
        return found

    def record(self, result: RunResult) -> None:
        """Make the row (and its series, if kept) durable before the next one is counted."""
        if result.series is not None:
            name = f"run-{result.row.run_id:06d}.csv"
            write_series_csv(
                result.series,
                self.folder / SERIES_FOLDER / name,
                scenario=result.row.scenario,
                seed=result.row.seed,
            )
        self._file.write(json.dumps(result.row.model_dump(mode="json")) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()
