"""Writing imported injects back into a scenario file, leaving the rest of it as written.

Scenario files are edited by hand, with comments and a narrative laid out for people; rewriting
the whole file from the parsed data would lose both. Only the `[[injects]]` tables are replaced
(where the first of them was, or at the end), and the result is validated as a whole scenario
before it replaces the file atomically, so a failure leaves the old file untouched.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from sim.atomic_file import write_text_atomically
from sim.errors import ScenarioError
from sim.spec.schema import Inject, ScenarioSpec
from sim.validation import describe_validation_error

WIDTH = 100
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_INLINE_INJECTS = re.compile(r"^\s*injects\s*=")


def merge_into_scenario(toml_path: Path, injects: Sequence[Inject]) -> None:
    path = Path(toml_path)
    label = str(toml_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(
            f"{label}: no such scenario file; give the path of the .toml file to update."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"{label}: cannot read the scenario file ({error}).") from None
    merged = replace_injects(text, injects, label)
    _check(merged, label)
    _write_atomically(path, merged, label)


def replace_injects(text: str, injects: Sequence[Inject], label: str) -> str:
    """The file's text with its [[injects]] tables replaced by these injects."""
    lines = text.splitlines(keepends=True)
    blocks = _inject_blocks(lines, label)
    rendered = "\n".join(inject_table(inject) for inject in injects)
    if not blocks:
        body = text if not text or text.endswith("\n") else text + "\n"
        return body + ("\n" if body else "") + rendered
    first_start = blocks[0][0]
    kept = [line for index, line in enumerate(lines) if not _inside(index, blocks)]
    before = sum(1 for index in range(first_start) if not _inside(index, blocks))
    trailing = "\n" if kept[before:] else ""
    return "".join(kept[:before]) + rendered + trailing + "".join(kept[before:])


def _inside(index: int, blocks: list[tuple[int, int]]) -> bool:
    return any(start <= index < end for start, end in blocks)


def _inject_blocks(lines: list[str], label: str) -> list[tuple[int, int]]:
    """(first line, line after the last) of each [[injects]] table. A table runs to the next
    header, less the comments and blank lines just above that header (they belong to it)."""
    headers: list[tuple[int, str]] = []
    in_string: str | None = None
    for index, line in enumerate(lines):
        if in_string is None:
            if not headers and _INLINE_INJECTS.match(line):
                raise ScenarioError(
                    f"{label}, line {index + 1}: injects are written as an inline array; write "
                    "each inject as an [[injects]] table so the MSEL can be merged."
                )
            header = _HEADER.match(line)
            if header:
                headers.append((index, header.group(1)))
        for quote in ('"""', "'''"):
            if (in_string in (None, quote)) and line.count(quote) % 2 == 1:
                in_string = None if in_string == quote else quote
    blocks = []
    for position, (start, name) in enumerate(headers):
        if name != "injects":
            continue
        following = headers[position + 1] if position + 1 < len(headers) else None
        end = following[0] if following else len(lines)
        if following and following[1] != "injects":
            while end - 1 > start and lines[end - 1].strip()[:1] in ("", "#"):
                end -= 1
        blocks.append((start, end))
    return blocks


def _toml_string(text: str, key: str) -> str:
    """A TOML basic string; a long one as a multi-line string broken at spaces with a line-ending
    backslash, which TOML reads back as the same single line (the bundled files' style)."""
    escaped = "".join(_escape(char) for char in text)
    if len(key) + len(escaped) + 5 <= WIDTH:
        return f'"{escaped}"'
    pieces, line, room = [], "", WIDTH - len(key) - 8
    for word in re.findall(r"\S+\s*|\s+", escaped):
        if line and len(line) + len(word.rstrip()) > room and line.endswith(" "):
            pieces.append(line)
            line, room = "", WIDTH - 4
        line += word
    pieces.append(line)
    return '"""' + "\\\n".join(pieces) + '"""'


def _escape(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    named = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
    if char in named:
        return named[char]
    if ord(char) < 0x20 or ord(char) == 0x7F:
        return f"\\u{ord(char):04X}"
    return char


def _toml_value(value: object, key: str) -> str:
    if isinstance(value, str):
        return _toml_string(value, key)
    return repr(float(value)) if isinstance(value, float) else str(value)


def inject_table(inject: Inject) -> str:
    """An [[injects]] table with the fields that differ from their defaults, in schema order."""
    lines = ["[[injects]]"]
    for name, field in Inject.model_fields.items():
        value = getattr(inject, name)
        if value is None or (not field.is_required() and value == field.default):
            continue
        value = getattr(value, "value", value)
        lines.append(f"{name} = {_toml_value(value, name)}")
    return "\n".join(lines) + "\n"


def _check(text: str, label: str) -> None:
    try:
        ScenarioSpec.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(
            f"{label}: the merged file would not be valid TOML ({error}); nothing was written."
        ) from None
    except ValidationError as error:
        sentence = describe_validation_error(error, label, ScenarioSpec)
        raise ScenarioError(f"{sentence[:-1]}; nothing was written.") from None


def _write_atomically(path: Path, text: str, label: str) -> None:
    try:
        write_text_atomically(path, text, newline="")
    except OSError as error:
        raise ScenarioError(f"{label}: cannot write the file ({error.strerror}).") from None
