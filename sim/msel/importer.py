"""Reading an MSEL spreadsheet back into scenario injects.

Every row is checked before anything is returned, and all the problems are collected, so a
facilitator fixing a spreadsheet sees the first one named by row and column (the row number a
spreadsheet shows: the header is row 1) and how many others wait. Rows left blank are skipped;
columns we do not know are kept out of the way unless they look like a typo of ours.
"""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from sim.errors import ScenarioError
from sim.msel.columns import ALIASES, COLUMNS, HEADER, Column
from sim.msel.export import ENCODING
from sim.spec.schema import Inject

TRIGGER_FIX = "give a Designated Scenario Time or a Trigger Volume Above"


def import_msel(csv_path: Path, *, allow_empty: bool = False) -> tuple[Inject, ...]:
    """The injects of an MSEL CSV, in row order; ScenarioError naming the first bad cell. An
    MSEL with a header and no inject would delete every inject of the scenario it is merged
    into: it is refused unless `allow_empty` says that is what is meant."""
    path = Path(csv_path)
    label = str(csv_path)
    rows = _rows(path, label)
    if not rows:
        raise ScenarioError(
            f"{label}: the file is empty; export an MSEL with `stormdrill scenarios msel export`."
        )
    columns = _columns(rows[0], label)
    injects: list[Inject] = []
    problems: list[str] = []
    first_row: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
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
    return tuple(injects)


def _rows(path: Path, label: str) -> list[list[str]]:
    try:
        # newline="": a line break typed inside a cell ("\r" included) is the cell's own, and
        # csv reads it back as written; universal newlines would turn "\r" into "\n".
        with path.open(encoding=ENCODING, newline="") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise ScenarioError(f"{label}: no such file; give the path of an MSEL CSV file.") from None
    except UnicodeDecodeError:
        raise ScenarioError(
            f"{label}: the file is not UTF-8 text; save it from the spreadsheet as CSV UTF-8."
        ) from None
    except OSError as error:
        raise ScenarioError(f"{label}: cannot read the file ({error.strerror}).") from None
    first_line = text.splitlines()[0] if text else ""
    delimiter = max(",;\t", key=first_line.count)  # spreadsheets in some locales use ';'
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ScenarioError(
            f"{label}: not a readable CSV file ({error}); save it from the spreadsheet as CSV."
        ) from None


def _columns(header: list[str], label: str) -> dict[int, Column]:
    """Which column each position holds; the required ones must all be there."""
    by_name = {column.name.lower(): column for column in COLUMNS}
    known = {**by_name, **{alias: by_name[name.lower()] for alias, name in ALIASES.items()}}
    positions: dict[int, Column] = {}
    for position, title in enumerate(header):
        column = known.get(" ".join(title.split()).lower())
        if column is None:
            close = difflib.get_close_matches(title.strip(), HEADER, n=1, cutoff=0.8)
            if close:
                raise ScenarioError(
                    f"{label}, row 1: column {title.strip()!r} is not an MSEL column; "
                    f"did you mean {close[0]}?"
                )
            continue
        if column in positions.values():
            raise ScenarioError(
                f"{label}, row 1: the column {column.name} appears twice; keep one of them."
            )
        positions[position] = column
    missing = [c.name for c in COLUMNS if c.required and c not in positions.values()]
    if missing:
        raise ScenarioError(
            f"{label}, row 1: the header has no column {', '.join(missing)}; the first row must "
            f"name the MSEL columns ({', '.join(HEADER)})."
        )
    return positions


def _inject(
    number: int, cells: list[str], columns: dict[int, Column]
) -> tuple[Inject | None, list[str]]:
    data: dict[str, object] = {}
    problems: list[str] = []
    for position, column in columns.items():
        cell = cells[position] if position < len(cells) else ""
        if not cell.strip():
            if column.required:
                problems.append(f"row {number}, column {column.name} is empty; {column.fix}.")
            continue
        try:
            data[column.field] = column.read(cell if column.read is str else cell.strip())
        except ValueError:
            problems.append(
                f"row {number}, column {column.name}: {cell.strip()!r} is not {column.noun}; "
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
