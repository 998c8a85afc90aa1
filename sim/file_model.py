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

import re
from functools import cache
from types import NoneType
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from sim.i18n import N_
from sim.validation import Inconsistency

# C0 and C1 control characters and DEL, but tab, line feed and carriage return: one regular
# expression rather than a test per character, since every text of every file passes here.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class FileModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _numbers_are_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name is None:
            return value
        leaves = _field_leaves(cls, info.field_name)
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
        switch = _field_leaves(cls, info.field_name) == {bool}
        if switch and value is not None and not isinstance(value, bool):
            raise PydanticCustomError("bool_type", "only true or false")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        for item in _items(value):
            if isinstance(item, str):
                control = CONTROL_CHARACTER.search(item)
                if control is not None:
                    raise Inconsistency(
                        N_(
                            "the text holds the control character {code} (terminal escape "
                            "sequences are not allowed); remove it"
                        ),
                        code=f"U+{ord(control[0]):04X}",
                    )
        return value


@cache
def _field_leaves(model: type[BaseModel], field_name: str) -> frozenset[Any]:
    """`_leaf_types` of a field, worked out once per model and field: both validators above ask
    for every field of every section of every file read."""
    return frozenset(_leaf_types(model.model_fields[field_name].annotation))


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


def _numeric_only(leaves: frozenset[Any]) -> bool:
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
