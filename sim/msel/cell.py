"""What a spreadsheet cell holds, read the way the spreadsheet meant it.

An MSEL comes back from Excel or LibreOffice changed in shape, not in meaning: a deadline of
"2:00" saved from LibreOffice in English is "02:00:00 AM" (in Italian "02:00:00"), "1.5" typed in
Italian settings is "1,5", a percentage is "150%", and an .xlsx cell typed as a time holds a
fraction of a day. These pure functions give back the value the spreadsheet holds, so an MSEL
saved in any of those settings imports as the scenario it was exported from.

A cell is text (every CSV cell), a number, or a `timedelta` (an .xlsx cell typed as a time, a
duration or a date-time, counted from the workbook's epoch: sim/msel/workbook.py).

Cells that a spreadsheet would run as a formula are written with a leading apostrophe in CSV
(OWASP's advice on CSV injection); `unguarded` removes exactly the apostrophe `guarded` added.
"""

from __future__ import annotations

import re
from datetime import timedelta

from sim.clock import parse_clock

Cell = str | int | float | timedelta | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list)."""

_TWELVE_HOUR = re.compile(r"^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?\s*([ap])\.?\s*m\.?$", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(?:[.,\s\u00a0\u202f']\d{3})+$")


def runs_as_formula(text: str) -> bool:
    """True if a spreadsheet opening this text would run it (an apostrophe ahead of such text
    counts too, so that `guarded` can tell its own apostrophe from the user's)."""
    bare = text.lstrip("'")
    return bare[:1] in FORMULA_STARTS and bare != ""


def guarded(text: str) -> str:
    """Text as a CSV cell that no spreadsheet runs: a leading apostrophe before a formula."""
    return "'" + text if runs_as_formula(text) else text


def unguarded(text: str) -> str:
    """The text `guarded` was given (a spreadsheet may also have dropped the apostrophe, which
    leaves the text itself)."""
    return text[1:] if text.startswith("'") and runs_as_formula(text[1:]) else text


def number_text(value: float) -> str:
    """A number as written in a cell: 40, not 40.0; every digit kept."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def read_text(cell: Cell) -> str:
    """A text column's cell; a number a spreadsheet made of "12" is "12" again."""
    if isinstance(cell, str):
        return unguarded(cell)
    if isinstance(cell, timedelta):
        seconds = round(cell.total_seconds())
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}" + (
            f":{seconds % 60:02d}" if seconds % 60 else ""
        )
    return "" if cell is None else number_text(cell)


def read_number(cell: Cell) -> float:
    """A number column's cell: 40, "40", "12,5", "1.234,5", "1,234.5", "150%", "1,00E-05".
    ValueError if it is not a number."""
    if isinstance(cell, timedelta) or cell is None:
        raise ValueError(cell)
    if isinstance(cell, int | float):
        return float(cell)
    return _decimal(cell.strip())


def read_hours(cell: Cell) -> float:
    """A time column's cell, in hours: "T+1:30", "1:30", "1.5", "1,5", "02:00:00 AM", a number
    of hours, or an .xlsx time. ValueError if it is not a time."""
    if isinstance(cell, timedelta):
        seconds = round(cell.total_seconds())
        if seconds < 0:
            raise ValueError(cell)
        return seconds // 3600 + (seconds // 60 % 60) / 60 + (seconds % 60) / 3600
    if cell is None:
        raise ValueError(cell)
    if isinstance(cell, int | float):
        return float(cell)
    text = cell.strip()
    twelve = _TWELVE_HOUR.match(text)
    if twelve:
        hour, minute, second, half = twelve.groups()
        if not 1 <= int(hour) <= 12:
            raise ValueError(text)
        hours = int(hour) % 12 + (12 if half.lower() == "p" else 0)
        text = f"{hours}:{minute}" + (f":{second}" if second else "")
    try:
        return parse_clock(text)
    except ValueError:
        sign = re.match(r"^T\s*\+\s*", text, re.IGNORECASE)
        body = text[sign.end() :] if sign else text
        return _decimal(body.removesuffix("h").removesuffix("H").strip())


def _decimal(text: str) -> float:
    """A number as a spreadsheet in any locale writes it: a single ',' or '.' is the decimal
    mark; where both appear, the last one is; groups of three are thousands."""
    if text.endswith("%"):
        return _decimal(text[:-1].strip()) / 100
    if text[:1] in "-+" and text[1:2] not in "-+":
        return -_decimal(text[1:]) if text[0] == "-" else _decimal(text[1:])
    mantissa, e, exponent = text.replace("e", "E").partition("E")
    commas, dots = mantissa.count(","), mantissa.count(".")
    if _GROUPED.match(mantissa) and (commas + dots > 1 or " " in mantissa or "'" in mantissa):
        mantissa = re.sub(r"\D", "", mantissa)
    elif commas and dots:
        decimal = "," if mantissa.rfind(",") > mantissa.rfind(".") else "."
        whole, _, fraction = mantissa.rpartition(decimal)
        if not _GROUPED.match(whole) and not whole.isdigit():
            raise ValueError(text)
        mantissa = re.sub(r"\D", "", whole) + "." + fraction
    elif commas == 1:
        mantissa = mantissa.replace(",", ".")
    if not re.fullmatch(r"(?:\d+(?:\.\d*)?|\.\d+)", mantissa) or (e and not exponent):
        raise ValueError(text)
    if e and not re.fullmatch(r"[-+]?\d+", exponent):
        raise ValueError(text)
    return float(mantissa + (f"e{exponent}" if e else ""))
