"""An MSEL sheet as CSV, in every shape spreadsheets save it.

Written as UTF-8 with a byte-order mark (so Excel reads accents right), commas and CRLF, every
text cell that a spreadsheet would run as a formula behind an apostrophe (sim/msel/cell.py).
Read back whatever Excel or LibreOffice saved: comma, semicolon or tab delimited (with or
without Excel's "sep=" line), UTF-8 with or without its mark, UTF-16 (Excel's "Unicode Text"),
or Windows-1252 (Excel's plain "CSV (Comma delimited)"), LF, CRLF or CR line ends.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from pathlib import Path

from sim.errors import ScenarioError
from sim.msel.cell import Cell, guarded, number_text

ENCODING = "utf-8-sig"
DELIMITERS = ",;\t"


def csv_text(rows: Sequence[Sequence[str | float]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(
            guarded(cell) if isinstance(cell, str) else number_text(cell) for cell in row
        )
    return buffer.getvalue()


def read_csv_rows(data: bytes, label: str) -> list[list[Cell]]:
    """The rows of a CSV file's bytes, every cell text."""
    text = _decoded(data, label)
    lines = text.splitlines()
    first = lines[0] if lines else ""
    if first.lower().startswith("sep=") and len(first) == 5:
        delimiter, text = first[4], _after_first_line(text, first)
    else:
        delimiter = max(DELIMITERS, key=first.count)  # spreadsheets in some locales use ';'
    try:
        # newline="": a line break typed inside a cell ("\r" included) is the cell's own, and
        # csv reads it back as written; universal newlines would turn "\r" into "\n".
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [list[Cell](row) for row in rows]
    except csv.Error as error:
        raise ScenarioError(
            f"{label}: not a readable CSV file ({error}); save it from the spreadsheet as CSV."
        ) from None


def _after_first_line(text: str, first: str) -> str:
    rest = text[len(first) :]
    ending = next((end for end in ("\r\n", "\n", "\r") if rest.startswith(end)), "")
    return rest[len(ending) :]


def _decoded(data: bytes, label: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = [ENCODING, "cp1252"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ScenarioError(
        f"{label}: the file is not UTF-8 text; save it from the spreadsheet as CSV UTF-8."
    )


def write_csv(path: Path, rows: Sequence[Sequence[str | float]]) -> None:
    path.write_text(csv_text(rows), encoding=ENCODING, newline="")
