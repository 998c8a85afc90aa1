"""The base of every model read from a file people write (scenario sections, protocols): what
such a file may not say, whatever the field.

- Unknown fields are an error, and the model is frozen.
- No number is infinite or NaN (`crisis.start_h = inf` would stall a run; NaN poisons every
  sum after it).
- `true` and `false` are not numbers: pydantic would read `severity = true` as 1; and a number
  or a word is not `true` or `false`: it would read `history = 1` or `history = "yes"` as true.
- Text is not a number either: pydantic would read `users = "200"` as 200, which the JSON Schema
  editors check files against refuses; the loader is as strict as the schema.
- Text holds no control characters but tab and line breaks: an escape sequence in a title
  would reach the terminal of everyone who opens the scenario.
"""

from __future__ import annotations

from types import NoneType
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from sim.i18n import N_
from sim.validation import Inconsistency

ALLOWED_CONTROLS = frozenset("\t\n\r")


class FileModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _numbers_are_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name is None:
            return value
        leaves = _leaf_types(cls.model_fields[info.field_name].annotation)
        if bool in leaves or not leaves & {int, float}:
            return value
        kind = "float_type" if float in leaves else "int_type"
        items = _items(value)
        if any(isinstance(item, bool) for item in items):
            raise PydanticCustomError(kind, "true and false are not numbers")
        if _numeric_only(leaves) and any(isinstance(item, str) for item in items):
            raise PydanticCustomError(kind, "text is not a number")
        return value

    @field_validator("*", mode="before")
    @classmethod
    def _only_booleans_for_switches(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name is None:
            return value
        switch = _leaf_types(cls.model_fields[info.field_name].annotation) == {bool}
        if switch and value is not None and not isinstance(value, bool):
            raise PydanticCustomError("bool_type", "only true or false")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        for item in _items(value):
            if isinstance(item, str):
                control = next((c for c in item if _is_control(c)), None)
                if control is not None:
                    raise Inconsistency(
                        N_(
                            "the text holds the control character {code} (terminal escape "
                            "sequences are not allowed); remove it"
                        ),
                        code=f"U+{ord(control):04X}",
                    )
        return value


def _is_control(character: str) -> bool:
    code = ord(character)
    return (code < 0x20 or 0x7F <= code < 0xA0) and character not in ALLOWED_CONTROLS


def _leaf_types(annotation: Any) -> set[Any]:
    """The plain types a field's annotation is made of (through unions, tuples, dicts)."""
    arguments = get_args(annotation)
    if not arguments:
        return {annotation} - {NoneType}
    found: set[Any] = set()
    for argument in arguments:
        if argument is not Ellipsis:
            found |= _leaf_types(argument)
    return found


def _numeric_only(leaves: set[Any]) -> bool:
    """Whether a field holds nothing but numbers (no text, no choice of words)."""
    kinds = {leaf for leaf in leaves if isinstance(leaf, type | str)}
    return bool(kinds) and kinds <= {int, float}


def _items(value: Any) -> list[Any]:
    """A value and, for arrays and tables, the values inside them (one level deep)."""
    if isinstance(value, list | tuple):
        return [value, *value]
    if isinstance(value, dict):
        return [value, *value.values()]
    return [value]
