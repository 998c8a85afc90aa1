"""Reading a user's TOML file (scenario or protocol), where every problem is one sentence that
names the file and, for a syntax error, the line and column."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from sim.errors import UserError


def read_toml(path: Path, label: str, error: type[UserError]) -> dict[str, Any]:
    """Parse `path`; `label` is how messages name the file, `error` the UserError to raise."""
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as problem:
        raise error(toml_syntax_sentence(label, str(problem))) from None
    except RecursionError:
        raise error(
            f"{label}: arrays or tables are nested too deep to read; flatten them."
        ) from None
    except UnicodeDecodeError:
        raise error(f"{label}: the file is not UTF-8 text; save it as UTF-8.") from None
    except OSError as problem:
        raise error(f"{label}: cannot read the file ({problem.strerror}).") from None


def toml_syntax_sentence(label: str, message: str) -> str:
    """tomllib ends its messages with '(at line L, column C)': put that next to the file name."""
    detail, _, position = message.rpartition(" (at ")
    if not detail:
        return f"{label}: invalid TOML ({message}); fix the syntax."
    detail = detail[0].lower() + detail[1:]
    return f"{label}, {position.rstrip(')')}: invalid TOML ({detail}); fix the syntax there."
