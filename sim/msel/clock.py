"""Scenario time as an MSEL writes it: "T+1:30" or "1:30", hours after the trigger.

Spreadsheets and facilitators write times in several ways; one parser accepts them all so an
edited MSEL imports whichever way a cell was typed, and one formatter writes them back so an
export then import gives the same hours.
"""

from __future__ import annotations

import re

_CLOCK = re.compile(r"^(?:T\s*\+\s*)?(\d+):([0-5]\d)(?::([0-5]\d))?$", re.IGNORECASE)
_DECIMAL = re.compile(
    r"^(?:T\s*\+\s*)?((?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)\s*h?$", re.IGNORECASE
)


def format_clock(hours: float, sign: str = "T+") -> str:
    """Hours as T+H:MM (T+H:MM:SS if not a whole minute); decimal hours when even that would not
    read back as exactly the same number, so an export then import changes nothing."""
    seconds = round(hours * 3600)
    minutes, second = divmod(seconds, 60)
    text = f"{sign}{minutes // 60}:{minutes % 60:02d}"
    if second:
        text += f":{second:02d}"
    return text if parse_clock(text) == hours else f"{sign}{hours!r}"


def minute_clock(hours: float, sign: str = "T+") -> str:
    """Hours as T+H:MM to the nearest minute, for people reading a report or a timeline."""
    minutes = round(hours * 60)
    if minutes < 0:
        sign, minutes = sign.replace("+", "-"), -minutes
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def parse_clock(text: str) -> float:
    """Hours from "T+1:30", "1:30", "1:30:15", "1.5", "1.5h" or "T+1.5"; ValueError otherwise."""
    cleaned = text.strip()
    clock = _CLOCK.match(cleaned)
    if clock:
        hours, minutes, seconds = clock.groups()
        return int(hours) + int(minutes) / 60 + int(seconds or 0) / 3600
    decimal = _DECIMAL.match(cleaned)
    if decimal:
        return float(decimal.group(1))
    raise ValueError(f"not a scenario time: {text!r}")
