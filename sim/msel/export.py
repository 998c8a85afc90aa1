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
_WIDTHS = {"Message": 60, "Event Synopsis": 40, "Expected Participant Response": 40, "Notes": 30}


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
            write_workbook(path, msel_rows(spec), _choices(), _widths())
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


def _widths() -> list[int]:
    return [max(len(column.name) + 2, _WIDTHS.get(column.name, 12)) for column in COLUMNS]
