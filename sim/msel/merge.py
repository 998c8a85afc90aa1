"""Writing imported injects back into a scenario file, leaving the rest of it as written.

Scenario files are edited by hand, with comments and a narrative laid out for people; rewriting
the whole file from the parsed data would lose both. The file is read with tomlkit, which keeps
every comment, blank line and spelling, and only what the MSEL changed is touched: an inject
whose row is unchanged keeps its table byte for byte, a changed cell rewrites that one value
(its comment kept), a new row adds a table, a deleted row removes its table. The comments
between two inject tables go with the inject below them, wherever the MSEL puts it.

An MSEL that changes nothing writes nothing. Otherwise the result is validated as a whole
scenario, and must give back exactly the injects imported, before it replaces the file
atomically, so a failure leaves the old file untouched.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tomlkit
from pydantic import ValidationError
from tomlkit.container import Container
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Comment, Item, String, StringType, Table, Trivia, Whitespace
from tomlkit.toml_document import TOMLDocument

from sim.atomic_file import write_text_atomically
from sim.errors import ScenarioError
from sim.spec.loader import file_words
from sim.spec.schema import Inject, ScenarioSpec
from sim.validation import describe_validation_error

WIDTH = 100
Gap = list[tuple[Any, Item]]
"""The blank lines and comments between two tables (tomlkit keeps them in the upper one)."""


def merge_into_scenario(toml_path: Path, injects: Sequence[Inject]) -> bool:
    """Put these injects in the scenario file; False if it had them already (nothing written)."""
    path = Path(toml_path)
    label = str(toml_path)
    words = file_words({})  # a file not read has not told its language: $STORMDRILL_LANG's
    try:
        text = path.read_bytes().decode("utf-8")  # line ends as they are, CRLF too
    except FileNotFoundError:
        raise ScenarioError(
            words(
                "{label}: no such scenario file; give the path of the .toml file to update."
            ).format(label=label)
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(
            words("{label}: cannot read the scenario file ({reason}).").format(
                label=label, reason=error
            )
        ) from None
    if _current_injects(text) == tuple(injects):
        return False
    merged = replace_injects(text, injects, label)
    _check(merged, label, tuple(injects))
    _write_atomically(path, merged, label)
    return True


def _current_injects(text: str) -> tuple[Inject, ...] | None:
    try:
        tables = tomllib.loads(text).get("injects", [])
        return tuple(Inject.model_validate(table) for table in tables)
    except (tomllib.TOMLDecodeError, ValidationError, TypeError, AttributeError):
        return None


def replace_injects(text: str, injects: Sequence[Inject], label: str) -> str:
    """The file's text with its [[injects]] tables made these injects."""
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as error:
        raise ScenarioError(
            f"{label}: the scenario file is not valid TOML ({error}); fix it, then import."
        ) from None
    current = document.get("injects")
    if current is None:
        _append_injects(document, injects)
    elif isinstance(current, AoT):
        _rearrange(document, current, injects)
    else:
        raise ScenarioError(
            f"{label}: injects are not written as [[injects]] tables; write each inject as an "
            "[[injects]] table so the MSEL can be merged."
        )
    merged = tomlkit.dumps(document)
    if "\r\n" in text and "\n" not in text.replace("\r\n", ""):
        merged = re.sub(r"(?<!\r)\n", "\r\n", merged)  # the file's own line ends (Windows)
    return merged


def _append_injects(document: TOMLDocument, injects: Sequence[Inject]) -> None:
    if not injects:
        return
    tables = tomlkit.aot()
    for inject in injects:
        tables.append(_new_table(inject))
    if document.body and not document.as_string().endswith("\n\n"):
        document.add(tomlkit.nl())
    document.append("injects", tables)


def _rearrange(document: TOMLDocument, tables: AoT, injects: Sequence[Inject]) -> None:
    """Make the array of tables these injects in this order, keeping each surviving table and
    the comments above it."""
    old = list(tables)
    gaps = [_take_gap(table) for table in old]
    # The gap above table i is kept in table i - 1; the first one's lies outside the array.
    above: dict[int, Gap] = {index: gaps[index - 1] for index in range(1, len(old))}
    placed = _placed(old, injects)
    after, orphans = _comments_of_deleted(above, {i for _, i in placed if i is not None})
    tail = gaps[-1]
    first_kept = min((i for _, i in placed if i is not None), default=None)
    if first_kept:
        above[first_kept] = orphans + above[first_kept]
    elif first_kept is None:
        tail = orphans + tail
    del tables[:]
    if not placed:
        _keep_comments_of_an_empty_array(document, tail)
        return
    blank_line: Gap = [(None, Whitespace("\n"))]
    for position, (table, origin) in enumerate(placed):
        if position == 0 and origin and _has_comment(above[origin]):
            table = _with_comments_on_top(table, above[origin])
        if position + 1 == len(placed):
            gap = tail
        else:
            # a new table, or the first one moved down, whose gap above lies outside the array,
            # is set apart by a blank line
            following = placed[position + 1][1]
            gap = above[following] if following else blank_line
        for key, item in after.get(origin, []) + gap if origin is not None else gap:
            table.value.append(key, item)
        tables.append(table)


def _placed(old: list[Table], injects: Sequence[Inject]) -> list[tuple[Table, int | None]]:
    """Each inject's table, in the MSEL's order, with the position it had (None if new)."""
    by_id: dict[str, int] = {}
    for position, table in enumerate(old):
        by_id.setdefault(str(table.get("id")), position)
    placed: list[tuple[Table, int | None]] = []
    for inject in injects:
        origin = by_id.pop(inject.id, -1)
        if origin < 0:
            placed.append((_new_table(inject), None))
        else:
            _update(old[origin], inject)
            placed.append((old[origin], origin))
    return placed


def _comments_of_deleted(above: dict[int, Gap], kept: set[int]) -> tuple[dict[int, Gap], Gap]:
    """The comments above a deleted table stay where they were: after the kept table that came
    before it (by that table's old position), or, where none did, above the first one kept."""
    after: dict[int, Gap] = {}
    orphans: Gap = []
    for position in sorted(above):
        if position in kept or not _has_comment(above[position]):
            continue
        previous = max((index for index in kept if index < position), default=None)
        if previous is None:
            orphans += above[position]
        else:
            after.setdefault(previous, []).extend(above[position])
    return after, orphans


def _take_gap(table: Table) -> Gap:
    body = table.value.body
    start = len(body)
    while (
        start > 0
        and body[start - 1][0] is None
        and isinstance(body[start - 1][1], Whitespace | Comment)
    ):
        start -= 1
    gap = body[start:]
    del body[start:]
    return gap


def _has_comment(gap: Gap) -> bool:
    return any(isinstance(item, Comment) for _, item in gap)


def _with_comments_on_top(table: Table, gap: Gap) -> Table:
    """The table with the comments that stood above it moved just under its header, for a table
    that moves to the top of the array, where the space above belongs to the file's other parts."""
    body = Container(True)
    for _, item in gap:
        if isinstance(item, Comment):
            body.append(None, item)
    for key, item in table.value.body:
        body.append(key, item)
    return Table(body, table.trivia, True, name="injects")


def _keep_comments_of_an_empty_array(document: TOMLDocument, gap: Gap) -> None:
    if not _has_comment(gap):
        return
    position = next(i for i, (key, _) in enumerate(document.body) if key and key.key == "injects")
    previous = next(
        (item for _, item in reversed(document.body[:position]) if isinstance(item, Table)), None
    )
    target = previous.value if previous is not None else document
    for key, item in gap:
        target.append(key, item)


def _update(table: Table, inject: Inject) -> None:
    """Rewrite the values this inject changed, and only those."""
    try:
        before: Inject | None = Inject.model_validate(table.unwrap())
    except ValidationError:
        before = None
    for name, field in Inject.model_fields.items():
        value = getattr(inject, name)
        if before is not None and name in table and getattr(before, name) == value:
            continue
        if value is None:
            if name in table:
                del table[name]
            continue
        if name in table:
            table[name] = _toml_item(getattr(value, "value", value), name)
        elif field.is_required() or value != field.default:
            table.append(name, _toml_item(getattr(value, "value", value), name))


def _new_table(inject: Inject) -> Table:
    """An [[injects]] table with the fields that differ from their defaults, in schema order."""
    table = tomlkit.table()
    for name, field in Inject.model_fields.items():
        value = getattr(inject, name)
        if value is None or (not field.is_required() and value == field.default):
            continue
        table.append(name, _toml_item(getattr(value, "value", value), name))
    return table


def _toml_item(value: object, key: str) -> Item:
    if isinstance(value, str):
        return _toml_string(value, key)
    return tomlkit.item(value)


def _toml_string(text: str, key: str) -> String:
    """A TOML basic string; a long one as a multi-line string broken at spaces with a line-ending
    backslash, which TOML reads back as the same single line (the bundled files' style)."""
    escaped = "".join(_escape(char) for char in text)
    if len(key) + len(escaped) + 5 <= WIDTH:
        return String(StringType.SLB, text, escaped, Trivia())
    pieces, line, room = [], "", WIDTH - len(key) - 8
    for word in re.findall(r"\S+\s*|\s+", escaped):
        if line and len(line) + len(word.rstrip()) > room and line.endswith(" "):
            pieces.append(line)
            line, room = "", WIDTH - 4
        line += word
    pieces.append(line)
    return String(StringType.MLB, text, "\\\n".join(pieces), Trivia())


def _escape(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    named = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
    if char in named:
        return named[char]
    if ord(char) < 0x20 or ord(char) == 0x7F:
        return f"\\u{ord(char):04X}"
    return char


def _check(text: str, label: str, injects: tuple[Inject, ...]) -> None:
    """Refuse a merge that would not give a valid scenario with exactly these injects, in the
    language of the file as merged (sim.spec.loader.file_words: $STORMDRILL_LANG, else its
    `meta.locale`): the writer of an Italian scenario reads why in Italian."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(
            f"{label}: the merged file would not be valid TOML ({error}); nothing was written."
        ) from None
    words = file_words(data)
    try:
        spec = ScenarioSpec.model_validate(data)
    except ValidationError as error:
        sentence = describe_validation_error(error, label, ScenarioSpec, words=words)
        raise ScenarioError(
            words("{sentence}; nothing was written.").format(sentence=sentence[:-1])
        ) from None
    if spec.injects != injects:
        raise ScenarioError(
            words(
                "{label}: the injects could not be merged exactly as imported; nothing was "
                "written. Please report this with the file and the MSEL."
            ).format(label=label)
        )


def _write_atomically(path: Path, text: str, label: str) -> None:
    try:
        write_text_atomically(path, text, newline="")
    except OSError as error:
        raise ScenarioError(f"{label}: cannot write the file ({error.strerror}).") from None
