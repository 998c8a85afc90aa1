"""Makes the Excel MSEL fixtures in this folder from scenario.toml, to the formats Excel is
documented to save (Excel itself does not run here; the LibreOffice fixtures are made by
LibreOffice, see make_fixtures.sh). The MSEL stormdrill exports is reshaped as Excel reshapes
it when a facilitator opens it and saves it again:

- a cell such as "2:00" or "0:20" becomes a time (format h:mm), and one past 24 hours a
  duration (format [h]:mm:ss); "T+1:30" is not a time to Excel and stays text;
- "CSV UTF-8" keeps the byte-order mark and CRLF; Italian settings separate with ";" (the list
  separator) and write "12,5"; the plain "CSV" of Windows is Windows-1252;
- an .xlsx holds times as serial days of the 1900 date system (1904 on old Macs), numbers as
  numbers, and text behind Excel's quote prefix where it looks like a formula;
- the used range often runs past the data: empty rows and columns at the end.

Run from the repository: python tests/sim_tests/msel_files/make_excel_fixtures.py
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904, from_excel

from sim.clock import parse_clock
from sim.msel.cell import guarded, number_text, runs_as_formula
from sim.msel.export import msel_rows
from sim.spec.loader import load_scenario

HERE = Path(__file__).parent
DURATION = re.compile(r"^\d+:\d\d(:\d\d)?$")


def excel_value(cell: str | float) -> str | float:
    """What Excel makes of a cell it opens: a duration as serial days, other text as is."""
    if isinstance(cell, str) and DURATION.match(cell):
        return parse_clock(cell) / 24
    return cell


def shown(cell: str | float, decimal: str) -> str:
    """A cell as Excel saves it in a CSV: as it shows it, a time as h:mm or [h]:mm:ss."""
    value = excel_value(cell)
    if isinstance(cell, str) and isinstance(value, float):
        seconds = round(value * 86400)
        hours, minutes = seconds // 3600, seconds // 60 % 60
        return f"{hours}:{minutes:02d}" if hours < 24 else f"{hours}:{minutes:02d}:00"
    if isinstance(value, str):
        return guarded(value)
    return number_text(value).replace(".", decimal)


def excel_csv(rows: list[list[str | float]], delimiter: str, decimal: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([shown(cell, decimal) for cell in row] for row in rows)
    return buffer.getvalue()


def excel_workbook(rows: list[list[str | float]], path: Path, *, mac: bool = False) -> None:
    book = Workbook()
    if mac:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    assert sheet is not None
    sheet.title = "MSEL"
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            value = excel_value(cell)
            target = sheet.cell(r, c)
            if isinstance(value, float) and value != cell:
                if value >= 1 and not mac:
                    # a duration past a day, shown as a date-time, as Excel does when the
                    # cell's format is a date: 31/12/1899 is day 1 of the 1900 system
                    target.value = from_excel(value)
                    target.number_format = "dd/mm/yyyy hh:mm"
                else:
                    target.value = from_excel(value, epoch=book.epoch, timedelta=value >= 1)
                    target.number_format = "[h]:mm:ss" if value >= 1 else "h:mm"
            else:
                target.value = value
                if isinstance(value, str):
                    target.data_type = "s"
                    target.quotePrefix = runs_as_formula(value)
    # a used range past the data, as formatting a whole column or row leaves it
    sheet.cell(len(rows) + 3, len(rows[0]) + 2).number_format = "@"
    book.save(path)


def main() -> None:
    rows = msel_rows(load_scenario(HERE / "scenario.toml"))
    widened = [[*row, "", ""] for row in rows] + [[""] * (len(rows[0]) + 2)] * 2
    (HERE / "excel-en-US.csv").write_text(
        excel_csv(widened, ",", "."), encoding="utf-8-sig", newline=""
    )
    (HERE / "excel-it-IT.csv").write_text(
        excel_csv(rows, ";", ","), encoding="utf-8-sig", newline=""
    )
    (HERE / "excel-it-IT-windows-1252.csv").write_text(
        excel_csv(rows, ";", ","), encoding="cp1252", newline=""
    )
    excel_workbook(rows, HERE / "excel.xlsx")
    excel_workbook(rows, HERE / "excel-mac-1904.xlsx", mac=True)


if __name__ == "__main__":
    main()
