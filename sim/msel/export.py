"""Writing a scenario's MSEL as a spreadsheet, one row per inject in the scenario's order (so an
import gives back the same tuple): an .xlsx workbook when the file is called so, else CSV."""

from __future__ import annotations

from pathlib import Path

from sim.errors import UserError
from sim.msel.columns import COLUMNS, HEADER, row_of
from sim.msel.csv_sheet import csv_text, write_csv
from sim.msel.workbook import write_workbook
from sim.spec.schema import InjectEffect, InjectType, ScenarioSpec

WORKBOOK_SUFFIXES = (".xlsx",)
WIDEST = 60
"""Characters: a column of long text (the message) is this wide and its cells wrap."""


def msel_rows(spec: ScenarioSpec) -> list[list[str | float]]:
    return [list(HEADER), *(row_of(inject) for inject in spec.injects)]


def export_msel(spec: ScenarioSpec) -> str:
    """The MSEL as CSV text."""
    return csv_text(msel_rows(spec))


def write_msel(spec: ScenarioSpec, path: Path) -> None:
    """The MSEL as the file `path` names: .xlsx is a workbook, anything else CSV."""
    path = Path(path)
    try:
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            rows = msel_rows(spec)
            write_workbook(path, rows, _choices(), _widths(rows))
        else:
            write_csv(path, msel_rows(spec))
    except OSError as error:
        raise UserError(
            f"cannot write {path} ({error.strerror}); choose a writable path for --out."
        ) from None


def _choices() -> dict[int, list[str]]:
    fields = {"type": InjectType, "effect": InjectEffect}
    return {
        position: [member.value for member in fields[column.field]]
        for position, column in enumerate(COLUMNS)
        if column.field in fields
    }


def _widths(rows: list[list[str | float]]) -> list[int]:
    """Each column as wide as its longest line, within WIDEST."""
    longest = [
        max(len(line) for row in rows for line in str(row[position]).splitlines() or [""])
        for position in range(len(rows[0]))
    ]
    return [min(length + 2, WIDEST) for length in longest]
