"""Reading a protocol: a bundled name ('fast-transparent') or a TOML file, validated.

A mistake in a protocol would otherwise show up as a rule that silently never fires, so every
problem stops the load with one ProtocolError sentence naming the file, the field and the fix,
in the scenario files' words (sim.validation).
"""

from __future__ import annotations

import difflib
import re
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sim.errors import ProtocolError
from sim.i18n import ENGLISH, Translator
from sim.paths import is_file
from sim.protocol.schema import Protocol
from sim.toml_file import read_toml
from sim.validation import describe_validation_error


def _bundled_folder() -> Path:
    return Path(str(resources.files("scenarios"))) / "protocols"


def bundled_protocol_names() -> list[str]:
    """Names of the protocols shipped with stormdrill, e.g. 'fast-transparent'."""
    return sorted(path.stem for path in _bundled_folder().glob("*.toml"))


def _resolve(name_or_path: str | Path, words: Translator = ENGLISH) -> tuple[Path, str]:
    """The file to read and how messages name it."""
    if isinstance(name_or_path, str) and not re.search(r"[/\\.]", name_or_path):
        bundled = _bundled_folder() / f"{name_or_path}.toml"
        if bundled.is_file():
            return bundled, f"scenarios/protocols/{bundled.name}"
    path = Path(name_or_path).expanduser()
    if is_file(path):
        return path, str(name_or_path)
    names = bundled_protocol_names()
    close = difflib.get_close_matches(path.stem, names, n=1)
    hint = words("did you mean {name}? ").format(name=close[0]) if close else ""
    raise ProtocolError(
        words(
            "{given}: no such protocol file; {hint}give the path of a .toml protocol or a "
            "bundled name ({names})."
        ).format(given=name_or_path, hint=hint, names=", ".join(names))
    )


PROTOCOL_SCHEMA_ID = "urn:stormdrill:schema:protocol"


def protocol_json_schema() -> dict[str, Any]:
    """The JSON Schema of protocol files, for editors (schemas/protocol.schema.json). `name` may
    be left out of a file: it defaults to the file's name. Not said by the schema, checked by
    the loader: repeat_until_h at least after_h, and no control characters in text."""
    schema = Protocol.model_json_schema()
    schema["required"] = [name for name in schema.get("required", []) if name != "name"]
    schema["properties"]["name"]["description"] += " Default: the file's name without .toml."
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": PROTOCOL_SCHEMA_ID,
        **schema,
    }


def load_protocol(name_or_path: str | Path, words: Translator = ENGLISH) -> Protocol:
    """Read and validate a protocol; its name defaults to the file name without '.toml'. A
    protocol file has no language of its own: its mistakes are said in the language of the
    command that reads it for a scenario (`words`, the scenario's or `--lang`)."""
    path, label = _resolve(name_or_path, words)
    data = read_toml(path, label, ProtocolError, words)
    data.setdefault("name", path.stem)
    try:
        return Protocol.model_validate(data)
    except ValidationError as error:
        raise ProtocolError(
            describe_validation_error(error, label, Protocol, words=words)
        ) from None
