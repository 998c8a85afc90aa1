"""Reading an MSEL spreadsheet (.xlsx or CSV, told apart by their bytes) back into injects.

Every row is checked before anything is returned, and all the problems are collected, so a
facilitator fixing a spreadsheet sees the first one named by row and column (the row number a
spreadsheet shows: the header is the first row that is not blank, row 1 in an export) and how
many others wait. Rows left blank are skipped; columns we do not know (a facilitator's own
Status or Location column) are named in notes as not imported, unless they look like a typo of
ours, which is an error.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from sim.errors import ScenarioError
from sim.msel.cell import Cell, read_text
from sim.msel.columns import ALIASES, COLUMNS, HEADER, Column
from sim.msel.csv_sheet import read_csv_rows
from sim.msel.workbook import is_workbook, read_workbook_rows
from sim.spec.schema import Inject

TRIGGER_FIX = "give a Designated Scenario Time or a Trigger Volume Above"


@dataclass(frozen=True)
class ImportedMsel:
    injects: tuple[Inject, ...]
    notes: tuple[str, ...]
    """One sentence for each column that is not the MSEL's, so was not imported."""


def import_msel(path: Path, *, allow_empty: bool = False) -> tuple[Inject, ...]:
    """The injects of an MSEL file, in row order (see `read_msel`)."""
    return read_msel(path, allow_empty=allow_empty).injects


def read_msel(path: Path, *, allow_empty: bool = False) -> ImportedMsel:
    """The injects of an MSEL file, .xlsx or CSV, in row order; ScenarioError naming the first
    bad cell. An MSEL with a header and no inject would delete every inject of the scenario it
    is merged into: it is refused unless `allow_empty` says that is what is meant."""
    label = str(path)
    rows = _rows(Path(path), label)
    start = _header_row(rows, label)
    columns, ignored = _columns(rows[start], label, start + 1)
    notes = [
        f"{label}, row {start + 1}: column {title!r} is not an MSEL column, so it was not "
        "imported; give it the name of one (docs/msel.md) to import it."
        for title in ignored
    ]
    notes += [
        f"{label}, row {start + 1}: column {letter} has no header, so its cells were not "
        "imported; give it the name of an MSEL column to import them."
        for letter in _unnamed(rows[start], rows[start + 1 :])
    ]
    injects: list[Inject] = []
    problems: list[str] = []
    first_row: dict[str, int] = {}
    for number, cells in enumerate(rows[start + 1 :], start=start + 2):
        if not _filled(cells):
            continue
        inject, found = _inject(number, cells, columns)
        if inject is not None and inject.id in first_row:
            found.append(
                f"row {number}, column Event Number: {inject.id!r} is already used by row "
                f"{first_row[inject.id]}; give every inject its own number."
            )
        elif inject is not None:
            first_row[inject.id] = number
            injects.append(inject)
        problems += found
    if problems:
        more = len(problems) - 1
        counted = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise ScenarioError(f"{label}, {problems[0][:-1]}{counted}.")
    if not injects and not allow_empty:
        raise ScenarioError(
            f"{label}: the MSEL has a header and no inject, so importing it would delete every "
            "inject of the scenario; add the injects, or give --allow-empty to delete them."
        )
    return ImportedMsel(tuple(injects), tuple(notes))


def _filled(cells: list[Cell]) -> bool:
    return any(read_text(cell).strip() for cell in cells)


def _header_row(rows: list[list[Cell]], label: str) -> int:
    """The first row that names an MSEL column (a title may stand above it), or else the first
    that is not blank, for `_columns` to say what it lacks."""
    filled = [index for index, row in enumerate(rows) if _filled(row)]
    if not filled:
        raise ScenarioError(
            f"{label}: the file is empty; export an MSEL with `stormdrill scenarios msel export`."
        )
    names = {name.lower() for name in (*HEADER, *ALIASES)}
    return next(
        (i for i in filled if any(_title(cell).lower() in names for cell in rows[i])), filled[0]
    )


def _title(cell: Cell) -> str:
    return " ".join(read_text(cell).split())


def _unnamed(header: list[Cell], rows: list[list[Cell]]) -> list[str]:
    """The letters of the columns with cells under no header: kept nowhere, so said."""
    width = max((len(row) for row in rows), default=0)
    return [
        get_column_letter(position + 1)
        for position in range(width)
        if (position >= len(header) or not _title(header[position]))
        and any(position < len(row) and read_text(row[position]).strip() for row in rows)
    ]


def _rows(path: Path, label: str) -> list[list[Cell]]:
    if path.suffix.lower() in (".xls", ".ods", ".numbers"):
        raise ScenarioError(
            f"{label}: a {path.suffix} file cannot be read; save it from the spreadsheet as "
            "Excel 2007-365 (.xlsx) or as CSV."
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError(
            f"{label}: no such file; give the path of an MSEL .xlsx or CSV file."
        ) from None
    except OSError as error:
        raise ScenarioError(f"{label}: cannot read the file ({error.strerror}).") from None
    if is_workbook(data):
        return read_workbook_rows(data, label)
    return read_csv_rows(data, label)


def _columns(header: list[Cell], label: str, row: int) -> tuple[dict[int, Column], list[str]]:
    """Which column each position holds, and the titles of those we do not know; the required
    ones must all be there."""
    by_name = {column.name.lower(): column for column in COLUMNS}
    known = {**by_name, **{alias: by_name[name.lower()] for alias, name in ALIASES.items()}}
    positions: dict[int, Column] = {}
    ignored: list[str] = []
    for position, cell in enumerate(header):
        title = _title(cell)
        column = known.get(title.lower())
        if column is None:
            close = difflib.get_close_matches(title, HEADER, n=1, cutoff=0.8)
            if close:
                raise ScenarioError(
                    f"{label}, row {row}: column {title!r} is not an MSEL column; did you "
                    f"mean {close[0]}?"
                )
            if title:
                ignored.append(title)
            continue
        if column in positions.values():
            raise ScenarioError(
                f"{label}, row {row}: the column {column.name} appears twice; keep one of them."
            )
        positions[position] = column
    missing = [c.name for c in COLUMNS if c.required and c not in positions.values()]
    if missing:
        raise ScenarioError(
            f"{label}, row {row}: the header has no column {', '.join(missing)}; the first row "
            f"must name the MSEL columns ({', '.join(HEADER)})."
        )
    return positions, ignored


def _inject(
    number: int, cells: list[Cell], columns: dict[int, Column]
) -> tuple[Inject | None, list[str]]:
    data: dict[str, object] = {}
    problems: list[str] = []
    for position, column in columns.items():
        cell = cells[position] if position < len(cells) else None
        shown = read_text(cell)
        if not shown.strip():
            if column.required:
                problems.append(f"row {number}, column {column.name} is empty; {column.fix}.")
            continue
        try:
            data[column.field] = column.read(cell)
        except ValueError:
            problems.append(
                f"row {number}, column {column.name}: {shown.strip()!r} is not {column.noun}; "
                f"{column.fix}."
            )
    if problems:
        return None, problems
    try:
        return Inject.model_validate(data), []
    except ValidationError as error:
        return None, [_validation_sentence(number, problem, columns) for problem in error.errors()]


def _validation_sentence(number: int, problem: ErrorDetails, columns: dict[int, Column]) -> str:
    """The schema's own checks (ranges, a trigger), named by row and column."""
    if not problem["loc"]:
        return f"row {number}, column Designated Scenario Time: the inject has no trigger; " + (
            f"{TRIGGER_FIX}."
        )
    field = str(problem["loc"][0])
    column = next((c for c in COLUMNS if c.field == field), None)
    name = column.name if column else field
    where = f"row {number}, column {name}: {problem.get('input')!r}"
    if problem["type"] == "greater_than_equal":
        return f"{where} is out of range; use {problem['ctx']['ge']} or more."
    detail = problem["msg"][:1].lower() + problem["msg"][1:]
    return f"{where} is invalid ({detail})."
