"""pydantic's complaints as one sentence a user can act on: the file (or what was being built),
the field and the fix, in one voice for scenario files, protocol files, MSEL merges and the
team's actions alike (errors reach users as "<label>: <sentence>", never a traceback).

Every sentence is built from the model's own declarations (ranges, choices, descriptions), so a
new field needs no new wording; `root` is the model that was validated.
"""

from __future__ import annotations

import difflib
import json
import re
from enum import Enum
from types import NoneType, UnionType
from typing import Any, Literal, TypeGuard, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

Location = tuple[str | int, ...]


# --------------------------------------------------------------------------- the model as a tree


def _element_type(annotation: Any) -> Any:
    """The type a field holds once `X | None` and `tuple[X, ...]` are unwrapped."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, UnionType):
        present = [arg for arg in args if arg is not NoneType]
        return _element_type(present[0]) if len(present) == 1 else annotation
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return annotation


def is_model(annotation: Any) -> TypeGuard[type[BaseModel]]:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _model_at(root: type[BaseModel], loc: Location) -> type[BaseModel] | None:
    """The section model whose fields live at `loc` (`root` itself for ()), if any."""
    model: type[BaseModel] = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = _element_type(field.annotation) if field else None
        if not is_model(inner):
            return None
        model = inner
    return model


def _field_at(root: type[BaseModel], loc: Location) -> FieldInfo | None:
    """The declaration of the field at `loc`; None inside mappings such as the catalogue."""
    names = [index for index, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return None
    model = _model_at(root, loc[: names[-1]])
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


def unknown_field_fix(loc: Location, model: type[BaseModel]) -> str:
    allowed = list(model.model_fields)
    where = f"in {_section_header(loc[:-1])}" if len(loc) > 1 else "at the top level"
    listing = f"{where}: {', '.join(allowed)}"
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    if close:
        return f"did you mean {field_path((*loc[:-1], close[0]))} (allowed {listing})?"
    return f"use one of the fields allowed {listing}."


# --------------------------------------------------------------------------- sentences

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


def shown_value(value: Any) -> str:
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
        return f"key {shown_value(given)} in {field_path(loc[:-2])}"
    return f"{field_path(loc)} = {shown_value(given)}"


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
    if kind == "an array" and is_model(inner):
        header = f"[[{field_path(loc)}]]"
        return f"{subject} is not an array of tables; write each entry as a {header} table."
    return f"{subject} is not {kind}; use {kind}."


def _missing_sentence(root: type[BaseModel], loc: Location, given: Any, top: str) -> str:
    if isinstance(loc[-1], int):
        field = _field_at(root, loc[:-1])
        return (
            f"{field_path(loc[:-1])} = {shown_value(given)} has too few items; "
            f"give {_description(field) or 'all of them'}."
        )
    field = _field_at(root, loc)
    inner = _element_type(field.annotation) if field else None
    if is_model(inner):
        required = [name for name, info in inner.model_fields.items() if info.is_required()]
        return (
            f"the {_section_header(loc)} section is missing; add it with at least "
            f"{', '.join(required)}."
        )
    where = top if len(loc) == 1 else f"to {_section_header(loc[:-1])}"
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
    name = f" (id {shown_value(given['id'])})" if isinstance(given, dict) and "id" in given else ""
    return f"{field_path(loc)}{name}: {message}."


def _problem_sentence(problem: ErrorDetails, label: str, root: type[BaseModel], top: str) -> str:
    loc: Location = tuple(problem["loc"])
    kind, given, ctx = problem["type"], problem.get("input"), problem.get("ctx", {})
    field = _field_at(root, loc)
    subject = _subject(loc, given)
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1]) or root
        sentence = f"unknown field {field_path(loc)}; {unknown_field_fix(loc, model)}"
    elif kind == "missing":
        sentence = _missing_sentence(root, loc, given, top)
    elif kind == "value_error":
        sentence = _inconsistency_sentence(loc, problem["msg"], given)
    elif kind == "finite_number":
        sentence = f"{subject} is not a finite number; use {_number_phrase(field, ctx)}."
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


def describe_validation_error(
    error: ValidationError,
    label: str,
    root: type[BaseModel],
    top: str = "at the top of the file",
) -> str:
    """The first problem of validating `root` as one sentence naming `label` (the file, or
    what was being built), the field and the fix, with a count of the others. `top` says where
    a missing top-level field goes."""
    problems = error.errors()
    sentence = _problem_sentence(problems[0], label, root, top)
    more = len(problems) - 1
    if more:
        counted = f" (and {more} more problem{'s' if more > 1 else ''})"
        sentence = sentence[:-1] + counted + sentence[-1]
    return sentence


# --------------------------------------------------------------------------- loading
