"""Scenario time as people read and write it, in one place: "T+1:30" on the screens, in reports
and in MSELs; "1.25" hours in messages; "1.5 h" in tables; "30 min" in a briefing.

Spreadsheets and facilitators write times in several ways; one parser accepts them all so an
edited MSEL imports whichever way a cell was typed, and one exact formatter writes them back so
an export then import gives the same hours.
"""

from __future__ import annotations

import re

from sim.i18n import ENGLISH, Translator

EPSILON_H = 1e-9
"""Two scenario hours closer than this are the same hour: sums of tick lengths are floats
(0.1 + 0.2 != 0.3), and a statement due 'at 3 h' must not miss the tick that starts at 3 h."""

LATEST_H = 100 * 365 * 24.0
"""No scenario hour is later than a century (a run's horizon is at most a year): the bound on
every hour a file or a form gives, so each one is a finite number that prints as a time."""

_CLOCK = re.compile(r"^(?:T\s*\+\s*)?(\d+):([0-5]\d)(?::([0-5]\d))?$", re.IGNORECASE)
_DECIMAL = re.compile(
    r"^(?:T\s*\+\s*)?((?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)\s*h?$", re.IGNORECASE
)


def clock(hours: float, sign: str = "T+") -> str:
    """Hours as T+H:MM to the nearest minute (T-H:MM before zero), for people reading a screen,
    a report or a timeline."""
    minutes = round(hours * 60)
    if minutes < 0:
        sign, minutes = sign.replace("+", "-"), -minutes
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def exact_clock(hours: float, sign: str = "T+") -> str:
    """Hours as T+H:MM (T+H:MM:SS if not a whole minute); decimal hours when even that would not
    read back as exactly the same number, so an export then import changes nothing."""
    seconds = round(hours * 3600)
    minutes, second = divmod(seconds, 60)
    text = f"{sign}{minutes // 60}:{minutes % 60:02d}"
    if second:
        text += f":{second:02d}"
    return text if parse_clock(text) == hours else f"{sign}{hours!r}"


def parse_clock(text: str) -> float:
    """Hours from "T+1:30", "1:30", "1:30:15", "1.5", "1.5h" or "T+1.5"; ValueError otherwise."""
    cleaned = text.strip()
    found = _CLOCK.match(cleaned)
    if found:
        hours, minutes, seconds = found.groups()
        return int(hours) + int(minutes) / 60 + int(seconds or 0) / 3600
    decimal = _DECIMAL.match(cleaned)
    if decimal:
        return float(decimal.group(1))
    raise ValueError(f"not a scenario time: {text!r}")


def time_of_day(hours: float, clock_start: str) -> str:
    """The time of day `hours` after a trigger at `clock_start` ('HH:MM'): "08:40", with the
    days passed since the trigger's day when there are any, "08:40 +1d"."""
    start_hours, start_minutes = (int(part) for part in clock_start.split(":"))
    minutes = start_hours * 60 + start_minutes + round(hours * 60)
    days, minutes = divmod(minutes, 24 * 60)
    text = f"{minutes // 60:02d}:{minutes % 60:02d}"
    return text if days == 0 else f"{text} {days:+d}d"


def both_clocks(hours: float, clock_start: str | None, trigger_h: float = 0.0) -> str:
    """Scenario time and, when the scenario gives the trigger's time of day (the trigger at
    scenario hour `trigger_h`), the time of day the injects speak in: "T+3:20 (11:00)"."""
    if clock_start is None:
        return clock(hours)
    return f"{clock(hours)} ({time_of_day(hours - trigger_h, clock_start)})"


def decimal_hours(hours: float) -> str:
    """Hours as a number in a sentence: 1.25, not 1.2500000000000002 (two decimals at most)."""
    return f"{round(hours, 2):g}"


def hours_text(hours: float | None, missing: str = "", places: int | None = None) -> str:
    """Hours with their unit, "1.25 h" (or with `places` decimals, "1.50 h"); `missing` when
    the time is undefined (never detected, no response)."""
    if hours is None:
        return missing
    number = decimal_hours(hours) if places is None else f"{hours:.{places}f}"
    return f"{number} h"


def span_text(hours: float, words: Translator = ENGLISH) -> str:
    """A length of time as a briefing gives it: "30 min" under an hour, else "2 h"."""
    minutes = round(hours * 60)
    return words("{minutes} min").format(minutes=minutes) if minutes < 60 else f"{hours:g} h"
