"""An MSEL sheet as an .xlsx workbook (openpyxl), the form HSEEP's own MSEL template takes.

Written as one sheet, "MSEL": a bold, frozen header row, text cells typed as text (format "@",
so Excel leaves "1-2" or "2:00" as typed) and marked with Excel's quote prefix where they look
like a formula, so no spreadsheet runs them and they read back as written; numbers as numbers;
drop-down lists for the event type and the effect. Read back with the values a spreadsheet last
computed: a cell typed as a time, a duration or a date-time becomes a `timedelta` from the
workbook's epoch (1900 or 1904 date system), as sim/msel/cell.py reads time cells.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from sim.errors import ScenarioError
from sim.msel.cell import Cell, guarded, runs_as_formula

SHEET = "MSEL"
_OOXML_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_OOXML_ESCAPE = re.compile(r"\r|_x(?=[0-9A-Fa-f]{4}_)")
_ESCAPES = {"\r": "_x000D_", "_x": "_x005F_x"}
TEXT_FORMAT = "@"
CALENDAR_DAYS = 367
"""A date-time cell this many days after the epoch is a date on the calendar, not a duration
shown as one (26:00 typed in a date-formatted cell is 31/12/1899 02:00): it stays as shown, so
the importer says it is not a scenario time rather than counting hours since 1900."""
XLSX_MAGIC = b"PK\x03\x04"
"""An .xlsx file is a zip archive; its first bytes say so whatever the file is called."""


def write_workbook(
    path: Path,
    rows: Sequence[Sequence[str | float]],
    choices: Mapping[int, Sequence[str]],
    widths: Sequence[int],
) -> None:
    """`choices` are the drop-down lists, by column position; `widths` in characters."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new Workbook has its one sheet
    sheet.title = SHEET
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row_number, column_number)
            cell.value = value
            if isinstance(value, str):
                # an apostrophe of the user's ahead of a formula is told from the one a CSV
                # turned into a workbook by a spreadsheet still has (sim/msel/cell.py)
                cell.value = _escaped(guarded(value) if value.startswith("'") else value)
                cell.data_type = "s"  # openpyxl would store "=..." as a formula
                cell.number_format = TEXT_FORMAT
                cell.quotePrefix = runs_as_formula(value)
            if row_number == 1:
                cell.font = Font(bold=True)
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    last = max(len(rows), 2) + 200  # room for the rows a facilitator adds
    for position, values in choices.items():
        letter = get_column_letter(position + 1)
        lists = DataValidation(type="list", formula1=f'"{",".join(values)}"', allow_blank=True)
        lists.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(lists)
    book.save(path)


def is_workbook(data: bytes) -> bool:
    return data.startswith(XLSX_MAGIC)


def read_workbook_rows(data: bytes, label: str) -> list[list[Cell]]:
    """The rows of the "MSEL" sheet (or of the first sheet), from row 1 and column A."""
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ScenarioError(
            f"{label}: not a readable .xlsx workbook ({error}); save it from the spreadsheet "
            "as Excel 2007-365 (.xlsx) or as CSV."
        ) from None
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    epoch = book.epoch
    return [
        [_cell(value, epoch) for value in row]
        for row in sheet.iter_rows(min_row=1, min_col=1, values_only=True)
    ]


def _escaped(text: str) -> str:
    """Text as OOXML stores it: a carriage return, which XML would read as a line feed, as
    "_x000D_", and a "_x" that would read as such an escape behind "_x005F_" (as Excel does)."""
    return _OOXML_ESCAPE.sub(lambda found: _ESCAPES[found.group(0)], text)


def _unescaped(text: str) -> str:
    return _OOXML_ESCAPED.sub(lambda found: chr(int(found.group(1), 16)), text)


def _cell(value: object, epoch: dt.datetime) -> Cell:
    if value is None:
        return value
    if isinstance(value, str):
        return _unescaped(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.timedelta):
        return value
    if isinstance(value, dt.time):
        return dt.timedelta(
            hours=value.hour,
            minutes=value.minute,
            seconds=value.second,
            microseconds=value.microsecond,
        )
    if isinstance(value, dt.datetime | dt.date):
        days = to_excel(value, epoch)
        if days < CALENDAR_DAYS:
            return dt.timedelta(days=days)
        return (
            value.isoformat(sep=" ", timespec="minutes")
            if isinstance(value, dt.datetime)
            else (value.isoformat())
        )
    return str(value)
