"""The MSEL's columns and how each maps to a field of a scenario inject.

The first ten are HSEEP's names, as in its MSEL templates and other exercise tools, so a
facilitator's spreadsheet lines up; the last four are stormdrill's triggers and effect. Times
are scenario time ("T+1:30", hours after the trigger) and the deadline is a duration ("1:30").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sim.clock import exact_clock, parse_clock
from sim.spec.schema import Inject, InjectEffect, InjectType


def _number(value: float) -> str:
    """A number as written in a cell: 40, not 40.0; every digit kept."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _choices(kind: type[InjectType] | type[InjectEffect]) -> Callable[[str], str]:
    """Accept 'Journalist inquiry' as well as 'journalist_inquiry', as people type it."""

    def parse(text: str) -> str:
        value = "_".join(text.strip().lower().replace("-", " ").split())
        if value not in {member.value for member in kind}:
            raise ValueError(value)
        return value

    return parse


@dataclass(frozen=True)
class Column:
    """One MSEL column: its header, the inject field, how a cell is written and read, and what
    an error says ("is not {noun}; {fix}")."""

    name: str
    field: str
    fix: str = ""
    write: Callable[[Any], str] = str
    read: Callable[[str], Any] = str
    required: bool = False
    noun: str = ""


def _time(sign: str) -> Callable[[float], str]:
    return lambda hours: exact_clock(hours, sign)


_TIME_FIX = "write T+H:MM, H:MM or decimal hours, e.g. T+1:30 or 1.5"
_TYPES = ", ".join(member.value for member in InjectType)
_EFFECTS = ", ".join(member.value for member in InjectEffect)

COLUMNS = (
    Column("Event Number", "id", "give every inject its own number, e.g. I9", required=True),
    Column(
        "Designated Scenario Time",
        "time_h",
        _TIME_FIX,
        write=_time("T+"),
        read=parse_clock,
        noun="a scenario time",
    ),
    Column(
        "Event Type",
        "type",
        f"use one of {_TYPES}",
        write=lambda kind: kind.value,
        read=_choices(InjectType),
        required=True,
        noun="an event type",
    ),
    Column("Inject Mode", "mode"),
    Column("From", "sender", "say who sends the inject", required=True),
    Column("To", "recipient"),
    Column("Message", "message", "write what the players receive", required=True),
    Column("Expected Participant Response", "expected_response"),
    Column("Objective", "objective"),
    Column("Notes", "notes"),
    Column(
        "Trigger Volume Above",
        "when_volume_above",
        "write negative posts per hour, e.g. 40",
        write=_number,
        read=float,
        noun="a number",
    ),
    Column(
        "If No Statement By",
        "if_no_statement_by_h",
        _TIME_FIX,
        write=_time("T+"),
        read=parse_clock,
        noun="a scenario time",
    ),
    Column(
        "Deadline",
        "deadline_h",
        "write the hours to answer as H:MM or decimal hours, e.g. 2:00",
        write=_time(""),
        read=parse_clock,
        noun="a duration",
    ),
    Column(
        "Effect",
        "effect",
        f"use one of {_EFFECTS}",
        write=lambda effect: effect.value,
        read=_choices(InjectEffect),
        noun="an effect",
    ),
)
HEADER = tuple(column.name for column in COLUMNS)
ALIASES = {"objective / core capability": "Objective", "core capability": "Objective"}


def row_of(inject: Inject) -> list[str]:
    """One CSV row; a field left at None is an empty cell."""
    cells = []
    for column in COLUMNS:
        value = getattr(inject, column.field)
        cells.append("" if value is None else column.write(value))
    return cells
