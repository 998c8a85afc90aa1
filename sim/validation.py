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

from sim.i18n import ENGLISH, N_, Translator

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


def unknown_field_fix(loc: Location, model: type[BaseModel], words: Translator = ENGLISH) -> str:
    allowed = list(model.model_fields)
    if len(loc) > 1:
        where = words("in {section}").format(section=_section_header(loc[:-1]))
    else:
        where = words("at the top level")
    listing = f"{where}: {', '.join(allowed)}"
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    if close:
        return words("did you mean {field} (allowed {listing})?").format(
            field=field_path((*loc[:-1], close[0])), listing=listing
        )
    return words("use one of the fields allowed {listing}.").format(listing=listing)


# --------------------------------------------------------------------------- sentences

_RANGE_ERRORS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_CHOICE_ERRORS = {"enum", "literal_error"}
A_NUMBER, A_WHOLE_NUMBER, A_TABLE, AN_ARRAY = (
    N_("a number"),
    N_("a whole number"),
    N_("a table"),
    N_("an array"),
)
_EXPECTED_KIND = {
    "float_type": A_NUMBER,
    "float_parsing": A_NUMBER,
    "int_type": A_WHOLE_NUMBER,
    "int_parsing": A_WHOLE_NUMBER,
    "int_from_float": A_WHOLE_NUMBER,
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "string_type": N_("text in quotes"),
    "tuple_type": AN_ARRAY,
    "list_type": AN_ARRAY,
    "dict_type": A_TABLE,
    "model_type": A_TABLE,
    "model_attributes_type": A_TABLE,
}
_BOUND_WORDS = {
    "ge": N_("at least {limit}"),
    "gt": N_("greater than {limit}"),
    "le": N_("at most {limit}"),
    "lt": N_("less than {limit}"),
}


class Inconsistency(ValueError):
    """A model validator's complaint, kept as its catalog message and its values so the
    sentence can be said in the reader's language (`str()` is the English sentence pydantic
    puts in its own message)."""

    def __init__(self, message: str, **values: Any) -> None:
        self.message = message
        self.values = values
        super().__init__(message.format(**values))

    def said(self, words: Translator) -> str:
        return words(self.message).format(**self.values)


def shown_value(value: Any, words: Translator = ENGLISH) -> str:
    """A given value as it would read in TOML, cut short if long."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return words(A_TABLE)
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value: float) -> str:
    """A limit as it is typed in the file (TOML's decimal point, whatever the language): the
    sentence says what to write."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _number_phrase(field: FieldInfo | None, ctx: dict[str, Any], words: Translator) -> str:
    """'a number from 0 to 1', from the field's declared bounds or else the error's context."""
    integer = field is not None and _element_type(field.annotation) is int
    noun = words(A_WHOLE_NUMBER if integer else A_NUMBER)
    bounds: dict[str, Any] = {}
    for constraint in field.metadata if field else ():
        for name in ("ge", "gt", "le", "lt"):
            if getattr(constraint, name, None) is not None:
                bounds[name] = getattr(constraint, name)
    bounds = bounds or {name: ctx[name] for name in ("ge", "gt", "le", "lt") if name in ctx}
    if "ge" in bounds and "le" in bounds:
        return words("{noun} from {low} to {high}").format(
            noun=noun, low=_number(bounds["ge"]), high=_number(bounds["le"])
        )
    limits = [
        words(_BOUND_WORDS[name]).format(limit=_number(value)) for name, value in bounds.items()
    ]
    if not limits:
        return noun
    both = limits[0]
    for limit in limits[1:]:
        both = words("{first} and {second}").format(first=both, second=limit)
    if next(iter(bounds)) in ("ge", "le"):
        return words("{noun} of {limits}").format(noun=noun, limits=both)
    return words("{noun} {limits}").format(noun=noun, limits=both)


def _description(field: FieldInfo | None, words: Translator) -> str:
    """The field's description, as the schema and scenarios/README.md give it, in English; so
    only in an English sentence (another language's would be half English): there the
    sentence names the field and the fix without it."""
    if not words.locale.startswith("en"):
        return ""
    text = (field.description or "") if field else ""
    return text[:1].lower() + text[1:].rstrip(".")


def _subject(loc: Location, given: Any, words: Translator) -> str:
    if loc and loc[-1] == "[key]":
        return words("key {value} in {field}").format(
            value=shown_value(given, words), field=field_path(loc[:-2])
        )
    return f"{field_path(loc)} = {shown_value(given, words)}"


def _choice_sentence(subject: str, given: Any, expected: str, words: Translator) -> str:
    allowed = re.findall(r"'([^']*)'", expected) or [expected]
    if len(allowed) == 1:
        return words("{subject} is not allowed; use {choice}.").format(
            subject=subject, choice=allowed[0]
        )
    close = difflib.get_close_matches(str(given), allowed, n=1)
    hint = words(" (did you mean {choice}?)").format(choice=close[0]) if close else ""
    return words("{subject} is not allowed; use one of {choices}{hint}.").format(
        subject=subject, choices=", ".join(allowed), hint=hint
    )


def _type_sentence(
    loc: Location, subject: str, kind: str, field: FieldInfo | None, words: Translator
) -> str:
    if kind == A_TABLE:
        return words("{subject} is not a table; write it as a {section} section.").format(
            subject=subject, section=_section_header(loc)
        )
    if kind in (A_NUMBER, A_WHOLE_NUMBER):
        return words("{subject} is not {kind}; use {phrase}.").format(
            subject=subject, kind=words(kind), phrase=_number_phrase(field, {}, words)
        )
    inner = _element_type(field.annotation) if field else None
    if kind == AN_ARRAY and is_model(inner):
        return words(
            "{subject} is not an array of tables; write each entry as a {header} table."
        ).format(subject=subject, header=f"[[{field_path(loc)}]]")
    return words("{subject} is not {kind}; use {kind}.").format(subject=subject, kind=words(kind))


def _missing_sentence(
    root: type[BaseModel], loc: Location, given: Any, top: str, words: Translator
) -> str:
    if isinstance(loc[-1], int):
        field = _field_at(root, loc[:-1])
        return words("{subject} has too few items; give {what}.").format(
            subject=f"{field_path(loc[:-1])} = {shown_value(given, words)}",
            what=_description(field, words) or words("all of them"),
        )
    field = _field_at(root, loc)
    inner = _element_type(field.annotation) if field else None
    if is_model(inner):
        required = [name for name, info in inner.model_fields.items() if info.is_required()]
        return words("the {section} section is missing; add it with at least {fields}.").format(
            section=_section_header(loc), fields=", ".join(required)
        )
    if len(loc) == 1:
        where = words(top)
    else:
        where = words("to {section}").format(section=_section_header(loc[:-1]))
    if get_origin(inner) is Literal and len(get_args(inner)) == 1:
        return words("required field {field} is missing; add {name} = {only} {where}.").format(
            field=field_path(loc), name=loc[-1], only=get_args(inner)[0], where=where
        )
    if isinstance(inner, type) and issubclass(inner, Enum):
        return words(
            "required field {field} is missing; add it {where} as one of {values}."
        ).format(
            field=field_path(loc), where=where, values=", ".join(member.value for member in inner)
        )
    description = _description(field, words)
    hint = f" ({description})" if description else ""
    return words("required field {field} is missing; add it {where}{hint}.").format(
        field=field_path(loc), where=where, hint=hint
    )


def _inconsistency_sentence(
    loc: Location, message: str, given: Any, error: Any, words: Translator
) -> str:
    """Model validators already phrase the problem and the fix; say where it is."""
    if isinstance(error, Inconsistency):
        message = error.said(words)
    message = message.removeprefix("Value error, ").rstrip(".")
    if not loc:
        return f"{message}."
    name = ""
    if isinstance(given, dict) and "id" in given:
        name = words(" (id {id})").format(id=shown_value(given["id"], words))
    return f"{field_path(loc)}{name}: {message}."


def _detail(problem: ErrorDetails, words: Translator) -> str:
    """What pydantic said was wrong with a value no sentence above covers. Where our schemas
    can raise it (a length limit: Protocol.name, meta.sponsor; a pattern: meta.clock_start), by
    its error type and `ctx`: in English exactly pydantic's words with a small initial
    (tests/sim_tests/test_validation_i18n.py checks it), singular or plural as pydantic
    chooses; in another language the catalog's. Any other type: pydantic's own message."""
    kind, ctx = problem["type"], problem.get("ctx", {})
    if kind == "string_too_short":
        return words.ngettext(
            "string should have at least {min_length} character",
            "string should have at least {min_length} characters",
            int(ctx["min_length"]),
        ).format(min_length=ctx["min_length"])
    if kind == "string_too_long":
        return words.ngettext(
            "string should have at most {max_length} character",
            "string should have at most {max_length} characters",
            int(ctx["max_length"]),
        ).format(max_length=ctx["max_length"])
    if kind == "string_pattern_mismatch":
        return words("string should match pattern '{pattern}'").format(pattern=ctx["pattern"])
    return problem["msg"][:1].lower() + problem["msg"][1:]


def _problem_sentence(
    problem: ErrorDetails, label: str, root: type[BaseModel], top: str, words: Translator
) -> str:
    loc: Location = tuple(problem["loc"])
    kind, given, ctx = problem["type"], problem.get("input"), problem.get("ctx", {})
    field = _field_at(root, loc)
    subject = _subject(loc, given, words)
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1]) or root
        sentence = words("unknown field {field}; {fix}").format(
            field=field_path(loc), fix=unknown_field_fix(loc, model, words)
        )
    elif kind == "missing":
        sentence = _missing_sentence(root, loc, given, top, words)
    elif kind == "value_error":
        sentence = _inconsistency_sentence(loc, problem["msg"], given, ctx.get("error"), words)
    elif kind == "finite_number":
        sentence = words("{subject} is not a finite number; use {phrase}.").format(
            subject=subject, phrase=_number_phrase(field, ctx, words)
        )
    elif kind in _RANGE_ERRORS:
        sentence = words("{subject} is out of range; use {phrase}.").format(
            subject=subject, phrase=_number_phrase(field, ctx, words)
        )
    elif kind in _CHOICE_ERRORS:
        sentence = _choice_sentence(subject, given, str(ctx.get("expected", "")), words)
    elif kind in _EXPECTED_KIND:
        sentence = _type_sentence(loc, subject, _EXPECTED_KIND[kind], field, words)
    else:
        description = _description(field, words)
        expected = words("; expected {what}").format(what=description) if description else ""
        sentence = words("{subject} is invalid ({detail}){expected}.").format(
            subject=subject, detail=_detail(problem, words), expected=expected
        )
    return f"{label}: {sentence}"


AT_THE_TOP = N_("at the top of the file")
TO_THE_ACTION = N_("to the action")


def describe_validation_error(
    error: ValidationError,
    label: str,
    root: type[BaseModel],
    top: str = AT_THE_TOP,
    words: Translator = ENGLISH,
) -> str:
    """The first problem of validating `root` as one sentence naming `label` (the file, or
    what was being built), the field and the fix, with a count of the others, in the language
    of `words` (the file's or the session's, sim.spec.loader says which). `top` (a catalog
    message) says where a missing top-level field goes."""
    problems = error.errors()
    sentence = _problem_sentence(problems[0], label, root, top, words)
    more = len(problems) - 1
    if more:
        counted = words.ngettext(
            " (and {count} more problem)", " (and {count} more problems)", more
        ).format(count=more)
        sentence = sentence[:-1] + counted + sentence[-1]
    return sentence


# --------------------------------------------------------------------------- loading
