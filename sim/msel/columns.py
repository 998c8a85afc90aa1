"""The MSEL's columns and how each maps to a field of a scenario inject.

The first twelve are HSEEP's names, in the order of its MSEL template and of other exercise
tools, so a facilitator's spreadsheet lines up; the last four are stormdrill's triggers and
effect. Times are scenario time ("T+1:30", hours after the trigger) and the deadline is a
duration ("1:30"). Cells are read by sim/msel/cell.py, the way the spreadsheet meant them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sim.clock import exact_clock
from sim.msel.cell import Cell, read_hours, read_number, read_text
from sim.spec.schema import Inject, InjectEffect, InjectType


def _choices(kind: type[InjectType] | type[InjectEffect]) -> Callable[[Cell], str]:
    """Accept 'Journalist inquiry' as well as 'journalist_inquiry', as people type it."""

    def parse(cell: Cell) -> str:
        value = "_".join(read_text(cell).strip().lower().replace("-", " ").split())
        if value not in {member.value for member in kind}:
            raise ValueError(value)
        return value

    return parse


@dataclass(frozen=True)
class Column:
    """One MSEL column: its header, the inject field, how a cell is written and read, and what
    an error says ("is not {noun}; {fix}"). A column that writes numbers writes them as
    numbers in a workbook; every other cell is text."""

    name: str
    field: str
    fix: str = ""
    write: Callable[[Any], str | float] = str
    read: Callable[[Cell], Any] = read_text
    required: bool = False
    noun: str = ""

    @property
    def is_text(self) -> bool:
        return self.read is read_text


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
        read=read_hours,
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
    Column("Event Synopsis", "synopsis"),
    Column("Responsible Controller", "controller"),
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
        write=float,
        read=read_number,
        noun="a number",
    ),
    Column(
        "If No Statement By",
        "if_no_statement_by_h",
        _TIME_FIX,
        write=_time("T+"),
        read=read_hours,
        noun="a scenario time",
    ),
    Column(
        "Deadline",
        "deadline_h",
        "write the hours to answer as H:MM or decimal hours, e.g. 2:00",
        write=_time(""),
        read=read_hours,
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
ALIASES = {
    "objective / core capability": "Objective",
    "core capability": "Objective",
    "event #": "Event Number",
    "msel #": "Event Number",
    "inject number": "Event Number",
    "synopsis": "Event Synopsis",
    "controller": "Responsible Controller",
    "expected player response": "Expected Participant Response",
}
"""Other names HSEEP templates and exercise tools give the same columns."""


def row_of(inject: Inject) -> list[str | float]:
    """One row, text and numbers; a field left at None is an empty cell."""
    cells: list[str | float] = []
    for column in COLUMNS:
        value = getattr(inject, column.field)
        cells.append("" if value is None else column.write(value))
    return cells
