"""What a report is built from: a saved exercise session, or the folder a headless
`stormdrill run --out DIR` wrote (outcome.json and series.csv).

A session is replayed (sim.session.Session.load) so the report sees the same model, events and
outcome as the exercise did; a run folder only has its outcome and series, so its report is
shorter. Any problem with the input is one sentence (UserError), never a traceback.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sim.errors import UserError
from sim.i18n import ENGLISH, Translator
from sim.outcome import Outcome
from sim.paths import is_dir
from sim.series_file import read_series_csv
from sim.session import Session

OUTCOME_FILE = "outcome.json"
SERIES_FILE = "series.csv"


@dataclass(frozen=True)
class RunResult:
    """A headless run as written by `stormdrill run --out DIR`."""

    folder: Path
    scenario: str
    protocol: str
    outcome: Outcome
    series: dict[str, list[float]]
    date: date


def saved_on(path: Path) -> date:
    """The day the file was written: the exercise's date as far as the file knows."""
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()


def load_source(path: Path, words: Translator = ENGLISH) -> Session | RunResult:
    """A session file, or a run folder (or its outcome.json); one that cannot be read is said
    in the language of `words` (the command's: the file's own is inside it)."""
    path = Path(path)
    if is_dir(path) or path.name == OUTCOME_FILE:
        return load_run(path if is_dir(path) else path.parent)
    if not path.exists():
        raise UserError(
            words(
                "{path}: no such file or folder; give a session file saved by stormdrill or a "
                "folder written by `stormdrill run --out`."
            ).format(path=path)
        )
    return Session.load(path, told=words)


def load_run(folder: Path) -> RunResult:
    outcome_path, series_path = folder / OUTCOME_FILE, folder / SERIES_FILE
    if not outcome_path.is_file():
        raise UserError(
            f"{folder}: no {OUTCOME_FILE} in this folder; give a folder written by "
            "`stormdrill run --out DIR` or a saved session file."
        )
    try:
        data: Any = json.loads(outcome_path.read_text(encoding="utf-8"))
        outcome = Outcome.model_validate(data)
    except (json.JSONDecodeError, UnicodeDecodeError, ValidationError):
        raise UserError(
            f"{outcome_path}: not an outcome written by `stormdrill run` (damaged or edited); "
            "run it again with --out."
        ) from None
    return RunResult(
        folder=folder,
        scenario=str(data.get("scenario", "")),
        protocol=str(data.get("protocol", "")),
        outcome=outcome,
        series=_read_series(series_path),
        date=saved_on(outcome_path),
    )


def _read_series(path: Path) -> dict[str, list[float]]:
    """The per-tick series; empty when the file is missing (the report then has no figures)."""
    if not path.is_file():
        return {}
    try:
        return read_series_csv(path)
    except (IndexError, ValueError, UnicodeDecodeError, csv.Error):
        raise UserError(
            f"{path}: not a series written by `stormdrill run` (damaged or edited); run it again "
            "with --out."
        ) from None
