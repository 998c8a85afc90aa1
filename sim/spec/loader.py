"""Reading a scenario: find the file, parse the TOML, apply `--set` overrides, validate.

Every mistake a user can make here ends as one `ScenarioError` sentence that names the file, the
dotted field path, what was given and what to write instead. Pydantic's error list is translated
here rather than shown, because its wording ("Input should be less than or equal to 1") names
neither the file nor the fix.

A relative `graph.source` is resolved against the scenario file's folder, and the returned spec
holds the absolute path: the spec then means the same thing wherever it travels (a saved session,
a worker process, another working directory), and
`sim.engine.world.graph.load_graph(spec.graph.source)` needs no other context.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
import tomllib
from collections.abc import Sequence
from enum import Enum
from importlib import resources
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from sim.errors import ScenarioError
from sim.spec.schema import ScenarioSpec
from sim.toml_file import read_toml

GENERATED_GRAPH = "generate"
Location = tuple[str | int, ...]


# --------------------------------------------------------------------------- finding the file


def _bundled_folder() -> Path:
    """The folder of the `scenarios` package: bundled scenarios ship in it as plain files."""
    return Path(str(resources.files("scenarios")))


def bundled_names() -> list[str]:
    """Names of the scenarios shipped with stormdrill, e.g. 'data-breach'."""
    return sorted(path.stem for path in _bundled_folder().glob("*.toml"))


def _is_plain_name(name_or_path: str | Path) -> bool:
    """A bundled name is a str with no folder and no extension; anything else is a path."""
    return isinstance(name_or_path, str) and not re.search(r"[/\\.]", name_or_path)


def resolve_scenario_path(name_or_path: str | Path) -> Path:
    """Map a bundled name ('data-breach') to its file, or check that a path is a file."""
    if _is_plain_name(name_or_path):
        bundled = _bundled_folder() / f"{name_or_path}.toml"
        if bundled.is_file():
            return bundled
    path = Path(name_or_path).expanduser()
    if path.is_file():
        return path
    raise ScenarioError(_missing_file_sentence(name_or_path, path))


def _missing_file_sentence(name_or_path: str | Path, path: Path) -> str:
    names = bundled_names()
    close = difflib.get_close_matches(path.stem, names, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    problem = "is a folder, not a scenario file" if path.is_dir() else "no such scenario file"
    return (
        f"{name_or_path}: {problem}; {hint}give the path of a .toml scenario file or a bundled "
        f"name ({', '.join(names) or 'none installed'}; see `stormdrill scenarios list`)."
    )


def _label(name_or_path: str | Path, path: Path) -> str:
    """How messages name the file: as the user wrote it, or scenarios/NAME.toml if bundled."""
    bundled = _is_plain_name(name_or_path) and path.parent == _bundled_folder()
    return f"scenarios/{path.name}" if bundled else str(name_or_path)


# --------------------------------------------------------------------------- reading the TOML


# --------------------------------------------------------------------------- the schema as a tree


def _element_type(annotation: Any) -> Any:
    """The type a field holds once `X | None` and `tuple[X, ...]` are unwrapped."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, UnionType):
        present = [arg for arg in args if arg is not NoneType]
        return _element_type(present[0]) if len(present) == 1 else annotation
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _model_at(loc: Location) -> type[BaseModel] | None:
    """The section model whose fields live at `loc` (the whole spec for ()), if any."""
    model: type[BaseModel] = ScenarioSpec
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = _element_type(field.annotation) if field else None
        if not _is_model(inner):
            return None
        model = inner
    return model


def _field_at(loc: Location) -> FieldInfo | None:
    """The declaration of the field at `loc`; None inside mappings such as the catalogue."""
    names = [index for index, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return None
    model = _model_at(loc[: names[-1]])
    return model.model_fields.get(str(loc[names[-1]])) if model else None


def field_path(loc: Location) -> str:
    """('injects', 2, 'time_h') -> 'injects[2].time_h', as a user would point at it."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part != "[key]":
            text += f".{part}" if text else part
    return text


def _section_header(loc: Location) -> str:
    """('crisis',) -> '[crisis]', ('injects', 2) -> '[[injects]]'."""
    dotted = ".".join(part for part in loc if isinstance(part, str))
    return f"[[{dotted}]]" if isinstance(loc[-1], int) else f"[{dotted}]"


def _unknown_field_fix(loc: Location, model: type[BaseModel]) -> str:
    allowed = list(model.model_fields)
    where = f"in {_section_header(loc[:-1])}" if len(loc) > 1 else "at the top level"
    listing = f"{where}: {', '.join(allowed)}"
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    if close:
        return f"did you mean {field_path((*loc[:-1], close[0]))} (allowed {listing})?"
    return f"use one of the fields allowed {listing}."


# --------------------------------------------------------------------------- overrides


def parse_override_value(text: str) -> Any:
    """A `--set` value is a TOML value when it parses as one (0.8, true, [1, 2]), else text."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def apply_overrides(data: dict[str, Any], overrides: Sequence[str], source: str) -> dict[str, Any]:
    """Return a copy of the scenario data with each 'dotted.key=value' override applied.

    Keys are checked against the schema, not the file, so a field the file leaves at its default
    can be overridden too; values are validated afterwards with the rest of the scenario.
    """
    result = copy.deepcopy(data)
    for override in overrides:
        key, equals, value = (part.strip() for part in override.partition("="))
        if not equals or not key:
            raise ScenarioError(
                f"{source}: --set {override!r} is not of the form dotted.key=value; "
                "write for example --set crisis.severity=0.8."
            )
        names = tuple(key.split("."))
        _check_override_key(names, override, source)
        _assign(result, names, parse_override_value(value), override, source)
    return result


def _check_override_key(names: tuple[str, ...], override: str, source: str) -> None:
    """Walk the schema along the key and stop with a sentence at the first wrong name."""
    model: type[BaseModel] = ScenarioSpec
    for depth, name in enumerate(names):
        here = names[: depth + 1]
        field = model.model_fields.get(name)
        if field is None:
            fix = _unknown_field_fix(here, model)
            raise ScenarioError(
                f"{source}: --set {override!r} names an unknown field {field_path(here)}; {fix}"
            )
        if depth == len(names) - 1:
            return
        if _is_model(field.annotation):
            model = field.annotation
        elif get_origin(field.annotation) is dict and depth == len(names) - 2:
            return
        else:
            raise ScenarioError(
                f"{source}: --set {override!r} reaches inside {field_path(here)}, which is not a "
                f"section; set {field_path(here)} as a whole TOML value or edit the file."
            )


def _assign(
    data: dict[str, Any], names: tuple[str, ...], value: Any, override: str, source: str
) -> None:
    table = data
    for depth, name in enumerate(names[:-1]):
        table = table.setdefault(name, {})
        if not isinstance(table, dict):
            path = field_path(names[: depth + 1])
            raise ScenarioError(
                f"{source}: --set {override!r} cannot apply because {path} is not a table in the "
                f"file; fix {path} in the file first."
            )
    table[names[-1]] = value


# --------------------------------------------------------------------------- validation errors

_RANGE_ERRORS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_CHOICE_ERRORS = {"enum", "literal_error"}
_EXPECTED_KIND = {
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text in quotes",
    "tuple_type": "an array",
    "list_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}


def _shown(value: Any) -> str:
    """A given value as it would read in TOML, cut short if long."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table"
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _number_phrase(field: FieldInfo | None, ctx: dict[str, Any]) -> str:
    """'a number from 0 to 1', from the field's declared bounds or else the error's context."""
    noun = "a whole number" if field and _element_type(field.annotation) is int else "a number"
    bounds: dict[str, Any] = {}
    for constraint in field.metadata if field else ():
        for name in ("ge", "gt", "le", "lt"):
            if getattr(constraint, name, None) is not None:
                bounds[name] = getattr(constraint, name)
    bounds = bounds or {name: ctx[name] for name in ("ge", "gt", "le", "lt") if name in ctx}
    if "ge" in bounds and "le" in bounds:
        return f"{noun} from {_number(bounds['ge'])} to {_number(bounds['le'])}"
    words = {"ge": "at least", "gt": "greater than", "le": "at most", "lt": "less than"}
    limits = " and ".join(f"{words[name]} {_number(value)}" for name, value in bounds.items())
    if not limits:
        return noun
    return f"{noun} of {limits}" if limits.startswith("at ") else f"{noun} {limits}"


def _description(field: FieldInfo | None) -> str:
    text = (field.description or "") if field else ""
    return text[:1].lower() + text[1:].rstrip(".")


def _subject(loc: Location, given: Any) -> str:
    if loc and loc[-1] == "[key]":
        return f"key {_shown(given)} in {field_path(loc[:-2])}"
    return f"{field_path(loc)} = {_shown(given)}"


def _choice_sentence(subject: str, given: Any, expected: str) -> str:
    allowed = re.findall(r"'([^']*)'", expected) or [expected]
    if len(allowed) == 1:
        return f"{subject} is not allowed; use {allowed[0]}."
    close = difflib.get_close_matches(str(given), allowed, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"{subject} is not allowed; use one of {', '.join(allowed)}{hint}."


def _type_sentence(loc: Location, subject: str, kind: str, field: FieldInfo | None) -> str:
    if kind == "a table":
        return f"{subject} is not a table; write it as a {_section_header(loc)} section."
    if kind in ("a number", "a whole number"):
        return f"{subject} is not {kind}; use {_number_phrase(field, {})}."
    inner = _element_type(field.annotation) if field else None
    if kind == "an array" and _is_model(inner):
        header = f"[[{field_path(loc)}]]"
        return f"{subject} is not an array of tables; write each entry as a {header} table."
    return f"{subject} is not {kind}; use {kind}."


def _missing_sentence(loc: Location, given: Any) -> str:
    if isinstance(loc[-1], int):
        field = _field_at(loc[:-1])
        return (
            f"{field_path(loc[:-1])} = {_shown(given)} has too few items; "
            f"give {_description(field) or 'all of them'}."
        )
    field = _field_at(loc)
    inner = _element_type(field.annotation) if field else None
    if _is_model(inner):
        required = [name for name, info in inner.model_fields.items() if info.is_required()]
        return (
            f"the {_section_header(loc)} section is missing; add it with at least "
            f"{', '.join(required)}."
        )
    where = "at the top of the file" if len(loc) == 1 else f"to {_section_header(loc[:-1])}"
    if get_origin(inner) is Literal and len(get_args(inner)) == 1:
        only = get_args(inner)[0]
        return f"required field {field_path(loc)} is missing; add {loc[-1]} = {only} {where}."
    if isinstance(inner, type) and issubclass(inner, Enum):
        values = ", ".join(member.value for member in inner)
        return f"required field {field_path(loc)} is missing; add it {where} as one of {values}."
    hint = f" ({_description(field)})" if _description(field) else ""
    return f"required field {field_path(loc)} is missing; add it {where}{hint}."


def _inconsistency_sentence(loc: Location, message: str, given: Any) -> str:
    """Model validators already phrase the problem and the fix; say where it is."""
    message = message.removeprefix("Value error, ").rstrip(".")
    if not loc:
        return f"{message}."
    name = f" (id {_shown(given['id'])})" if isinstance(given, dict) and "id" in given else ""
    return f"{field_path(loc)}{name}: {message}."


def _problem_sentence(problem: dict[str, Any], label: str) -> str:
    loc: Location = tuple(problem["loc"])
    kind, given, ctx = problem["type"], problem.get("input"), problem.get("ctx", {})
    field = _field_at(loc)
    subject = _subject(loc, given)
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1]) or ScenarioSpec
        sentence = f"unknown field {field_path(loc)}; {_unknown_field_fix(loc, model)}"
    elif kind == "missing":
        sentence = _missing_sentence(loc, given)
    elif kind == "value_error":
        sentence = _inconsistency_sentence(loc, problem["msg"], given)
    elif kind in _RANGE_ERRORS:
        sentence = f"{subject} is out of range; use {_number_phrase(field, ctx)}."
    elif kind in _CHOICE_ERRORS:
        sentence = _choice_sentence(subject, given, str(ctx.get("expected", "")))
    elif kind in _EXPECTED_KIND:
        sentence = _type_sentence(loc, subject, _EXPECTED_KIND[kind], field)
    else:
        detail = problem["msg"][:1].lower() + problem["msg"][1:]
        expected = f"; expected {_description(field)}" if _description(field) else ""
        sentence = f"{subject} is invalid ({detail}){expected}."
    return f"{label}: {sentence}"


def describe_validation_error(error: ValidationError, label: str) -> str:
    """The first problem as a sentence, with a count of the others."""
    problems = error.errors()
    sentence = _problem_sentence(problems[0], label)
    more = len(problems) - 1
    if more:
        counted = f" (and {more} more problem{'s' if more > 1 else ''})"
        sentence = sentence[:-1] + counted + sentence[-1]
    return sentence


# --------------------------------------------------------------------------- loading


def _with_resolved_graph_source(spec: ScenarioSpec, folder: Path, label: str) -> ScenarioSpec:
    source = spec.graph.source
    if source == GENERATED_GRAPH:
        return spec
    resolved = (folder / Path(source).expanduser()).resolve()
    if not resolved.is_file():
        raise ScenarioError(
            f"{label}: graph.source = {_shown(source)} is not a file (looked for {resolved}); "
            f"give a path relative to the scenario file's folder, or {_shown(GENERATED_GRAPH)}."
        )
    graph = spec.graph.model_copy(update={"source": str(resolved)})
    return spec.model_copy(update={"graph": graph})


def load_scenario(name_or_path: str | Path, overrides: Sequence[str] = ()) -> ScenarioSpec:
    """Read, override and validate a scenario; raise `ScenarioError` with one sentence if wrong."""
    path = resolve_scenario_path(name_or_path)
    label = _label(name_or_path, path)
    data = apply_overrides(read_toml(path, label, ScenarioError), overrides, label)
    try:
        spec = ScenarioSpec.model_validate(data)
    except ValidationError as error:
        raise ScenarioError(describe_validation_error(error, label)) from None
    return _with_resolved_graph_source(spec, path.parent, label)


def list_bundled_scenarios() -> list[tuple[str, ScenarioSpec]]:
    """Every bundled scenario by name, loaded and validated, sorted by name."""
    return [(name, load_scenario(name)) for name in bundled_names()]


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files, for editors that validate and complete TOML."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **ScenarioSpec.model_json_schema(),
    }
