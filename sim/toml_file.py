"""Reading a user's TOML file (scenario or protocol), where every problem is one sentence that
names the file and, for a syntax error, the line and column.

A file that cannot be read has not told its language yet (a scenario's `meta.locale` is inside
it), so these sentences are in the language the command was given before reading: `--lang` or
$STORMDRILL_LANG (`words`), else English. tomllib's own description of a syntax error stays as
tomllib words it, as pydantic's or the operating system's do inside our sentences."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from sim.errors import UserError
from sim.i18n import ENGLISH, Translator

POSITION = re.compile(r"line (?P<line>\d+), column (?P<column>\d+)")
"""Where tomllib says a syntax error is, at the end of its message: '(at line L, column C)'."""


def read_toml(
    path: Path, label: str, error: type[UserError], words: Translator = ENGLISH
) -> dict[str, Any]:
    """Parse `path`; `label` is how messages name the file, `error` the UserError to raise,
    `words` the language of its sentences."""
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as problem:
        raise error(toml_syntax_sentence(label, str(problem), words)) from None
    except RecursionError:
        raise error(
            words("{label}: arrays or tables are nested too deep to read; flatten them.").format(
                label=label
            )
        ) from None
    except UnicodeDecodeError:
        raise error(
            words("{label}: the file is not UTF-8 text; save it as UTF-8.").format(label=label)
        ) from None
    except OSError as problem:
        raise error(
            words("{label}: cannot read the file ({reason}).").format(
                label=label, reason=problem.strerror
            )
        ) from None


def toml_syntax_sentence(label: str, message: str, words: Translator = ENGLISH) -> str:
    """tomllib ends its messages with '(at line L, column C)': put that next to the file name."""
    detail, _, position = message.rpartition(" (at ")
    if not detail:
        return words("{label}: invalid TOML ({message}); fix the syntax.").format(
            label=label, message=message
        )
    detail = detail[0].lower() + detail[1:]
    position = position.rstrip(")")
    where = POSITION.fullmatch(position)
    if where is not None:
        return words(
            "{label}, line {line}, column {column}: invalid TOML ({detail}); fix the syntax there."
        ).format(label=label, line=where["line"], column=where["column"], detail=detail)
    if position == "end of document":
        return words(
            "{label}, end of document: invalid TOML ({detail}); fix the syntax there."
        ).format(label=label, detail=detail)
    return words("{label}, {position}: invalid TOML ({detail}); fix the syntax there.").format(
        label=label, position=position, detail=detail
    )
