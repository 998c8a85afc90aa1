"""The session file: JSON that holds everything needed to rebuild a session by replay.

It carries the full spec (not just the scenario's name) so a session reopens identically even
after the scenario file changed, and is written atomically so a crash or a full disk mid-save
never leaves a half-written file in place of the last good one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sim.atomic_file import create_text_exclusively, write_text_atomically
from sim.errors import SessionFileError
from sim.i18n import ENGLISH, Translator
from sim.protocol.schema import Protocol
from sim.seed import Seed
from sim.session.passphrase import PassphraseHash
from sim.session.record import LogEntry
from sim.spec.schema import ScenarioSpec
from sim.validation import shown_value

FORMAT_NAME: Final = "stormdrill-session"
FORMAT_VERSION: Final = 1


class SessionFile(BaseModel):
    """The whole file. Version 1 (`facilitator` was added later with a default, so files
    saved before it still read, as exercises without a passphrase)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["stormdrill-session"] = FORMAT_NAME
    format_version: Literal[1] = FORMAT_VERSION
    scenario_ref: str | None = Field(description="Scenario name or path it was loaded from.")
    overrides: tuple[str, ...] = Field(description="The --set overrides applied to it.")
    seed: Seed
    team: str
    spec: ScenarioSpec = Field(description="The full scenario as played.")
    protocol: Protocol | None = Field(description="The protocol attached, if any.")
    protocol_state: dict[str, Any] | None = Field(description="Which of its rules have fired.")
    log: tuple[LogEntry, ...] = Field(description="Everything done, in order.")
    facilitator: PassphraseHash | None = Field(
        None, description="The facilitator's passphrase, hashed; None: the exercise has none."
    )


def write_session_file(path: Path, content: SessionFile, *, new: bool = False) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it over
    `path` (atomic on POSIX and Windows): readers see the old file or the new one, never half.
    With `new`, the file must not exist yet (FileExistsError): it is claimed exclusively."""
    path = Path(path)
    text = content.model_dump_json(indent=1)
    try:
        if new:
            create_text_exclusively(path, text)
        else:
            write_text_atomically(path, text)
    except FileExistsError:
        raise
    except OSError as error:
        raise SessionFileError(f"{path}: cannot save the session ({error.strerror}).") from None


def read_session_file(path: Path, words: Translator = ENGLISH) -> SessionFile:
    """Parse and validate a session file; any problem is one SessionFileError sentence. One
    the file cannot be read for (missing, not text, not JSON, not a session file) is said in
    the language of `words`, the command's (`--lang`, $STORMDRILL_LANG): the file's own
    language is inside it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SessionFileError(
            words(
                "{path}: no such session file; give the path of a file saved by stormdrill."
            ).format(path=path)
        ) from None
    except UnicodeDecodeError:
        raise SessionFileError(
            words("{path}: not a session file (it is not UTF-8 text).").format(path=path)
        ) from None
    except OSError as error:
        raise SessionFileError(
            words("{path}: cannot read the file ({reason}).").format(
                path=path, reason=error.strerror
            )
        ) from None
    except ValueError:
        raise SessionFileError(
            words(
                "{path}: not a path a file can have (it holds a NUL byte); give the path of a "
                "file saved by stormdrill."
            ).format(path=repr(path))
        ) from None
    try:
        return validated_session_file(path, _parsed_json(path, text, words), words)
    except RecursionError:
        raise SessionFileError(
            words(
                "{path}: not a session file (its JSON is nested too deep to read); give a file "
                "saved by stormdrill."
            ).format(path=path)
        ) from None


def validated_session_file(path: Path, data: Any, words: Translator = ENGLISH) -> SessionFile:
    """A session file's content, read from JSON or from an exercise database
    (sim.session.store), checked; any problem is one SessionFileError sentence (not a session
    file, or too new: in the language of `words`)."""
    _check_format(path, data, words)
    return _validated(path, data)


def _parsed_json(path: Path, text: str, words: Translator) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SessionFileError(
            words(
                "{path}: the session file is damaged or truncated (invalid JSON at line {line}, "
                "column {column}); open an earlier copy or the autosave."
            ).format(path=path, line=error.lineno, column=error.colno)
        ) from None


def _validated(path: Path, data: Any) -> SessionFile:
    try:
        return SessionFile.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise SessionFileError(
            f"{path}: the session file is invalid at {where} ({problem['msg'].lower()}); it was "
            "edited or damaged, open an earlier copy or the autosave."
        ) from None


def _check_format(path: Path, data: Any, words: Translator) -> None:
    """Say 'not a session file' or 'too new' before listing field-level problems."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise SessionFileError(
            words(
                '{path}: not a stormdrill session file (no "format": "{name}"); give a file '
                "saved by stormdrill."
            ).format(path=path, name=FORMAT_NAME)
        )
    version = data.get("format_version")
    if type(version) is not int:
        raise SessionFileError(
            words(
                "{path}: format_version = {version} is not a version number; give a file saved "
                "by stormdrill, whose format_version is a whole number."
            ).format(path=path, version=shown_value(version))
        )
    if version != FORMAT_VERSION:
        raise SessionFileError(
            words(
                "{path}: session format version {version} is not readable by this stormdrill, "
                "which reads version {readable}; open it with the stormdrill that saved it."
            ).format(path=path, version=version, readable=FORMAT_VERSION)
        )
