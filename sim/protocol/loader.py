"""Reading a protocol: a bundled name ('fast-transparent') or a TOML file, validated.

A mistake in a protocol would otherwise show up as a rule that silently never fires, so every
problem stops the load with one ProtocolError sentence naming the file, the field and the fix.
"""

from __future__ import annotations

import difflib
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sim.errors import ProtocolError
from sim.protocol.schema import Protocol, Rule
from sim.toml_file import read_toml

_RANGE_WORDS = {"ge": "of at least", "gt": "more than", "le": "of at most", "lt": "less than"}


def _bundled_folder() -> Path:
    return Path(str(resources.files("scenarios"))) / "protocols"


def bundled_protocol_names() -> list[str]:
    """Names of the protocols shipped with stormdrill, e.g. 'fast-transparent'."""
    return sorted(path.stem for path in _bundled_folder().glob("*.toml"))


def _resolve(name_or_path: str | Path) -> tuple[Path, str]:
    """The file to read and how messages name it."""
    if isinstance(name_or_path, str) and not re.search(r"[/\\.]", name_or_path):
        bundled = _bundled_folder() / f"{name_or_path}.toml"
        if bundled.is_file():
            return bundled, f"scenarios/protocols/{bundled.name}"
    path = Path(name_or_path).expanduser()
    if path.is_file():
        return path, str(name_or_path)
    names = bundled_protocol_names()
    close = difflib.get_close_matches(path.stem, names, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    raise ProtocolError(
        f"{name_or_path}: no such protocol file; {hint}give the path of a .toml protocol or a "
        f"bundled name ({', '.join(names)})."
    )


def load_protocol(name_or_path: str | Path) -> Protocol:
    """Read and validate a protocol; its name defaults to the file name without '.toml'."""
    path, label = _resolve(name_or_path)
    data = read_toml(path, label, ProtocolError)
    data.setdefault("name", path.stem)
    try:
        return Protocol.model_validate(data)
    except ValidationError as error:
        raise ProtocolError(f"{label}: {_problem_sentence(error.errors()[0])}") from None


def _where(loc: tuple[str | int, ...]) -> str:
    """('rules', 2, 'after_h') -> 'rules[2].after_h'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table"
    return json.dumps(value, default=str, ensure_ascii=False)


def _model_of(loc: tuple[str | int, ...]) -> type[BaseModel]:
    return Rule if loc and loc[0] == "rules" and len(loc) > 2 else Protocol


def _problem_sentence(problem: dict[str, Any]) -> str:
    """pydantic's first problem, said as what is wrong and what to write instead."""
    loc = tuple(problem["loc"])
    kind, given, ctx = problem["type"], problem.get("input"), problem.get("ctx", {})
    where, name = _where(loc), str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = list(_model_of(loc).model_fields)
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        return f"unknown field {where}; {hint}the fields allowed there are {', '.join(allowed)}."
    if kind == "missing":
        field = _model_of(loc).model_fields.get(name)
        about = f" ({field.description.rstrip('.')})" if field and field.description else ""
        return f"required field {where} is missing; add it{about}."
    if kind in ("enum", "literal_error"):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(str(given), allowed, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"{where} = {_shown(given)} is not allowed; use one of {', '.join(allowed)}{hint}."
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        limits = " and ".join(
            f"{_RANGE_WORDS[bound]} {ctx[bound]:g}" for bound in _RANGE_WORDS if bound in ctx
        )
        return f"{where} = {_shown(given)} is out of range; use a number {limits}."
    if kind == "value_error":
        message = problem["msg"].removeprefix("Value error, ")
        return f"{where}: {message}." if where else f"{message}."
    if kind in ("tuple_type", "list_type") and where == "rules":
        return "rules is not an array of tables; write each rule as a [[rules]] section."
    detail = problem["msg"][:1].lower() + problem["msg"][1:]
    return f"{where} = {_shown(given)} is invalid ({detail}); correct it."
