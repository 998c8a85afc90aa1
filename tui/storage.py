"""Where exercises are saved: one autosave file per session under the sessions folder.

The folder is `$STORMDRILL_HOME/sessions` when STORMDRILL_HOME is set (tests and shared
machines point it elsewhere), else `~/.local/share/stormdrill/sessions`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

HOME_VARIABLE = "STORMDRILL_HOME"


def stormdrill_home() -> Path:
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".local" / "share" / "stormdrill"


def sessions_folder() -> Path:
    return stormdrill_home() / "sessions"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "team"


def new_autosave_path(scenario: str, team: str, seed: int) -> Path:
    """A file name that says what was played, never overwriting an earlier exercise."""
    stem = f"{_slug(Path(scenario).stem)}-{_slug(team)}-seed{seed}"
    folder = sessions_folder()
    path = folder / f"{stem}.json"
    copy = 2
    while path.exists():
        path = folder / f"{stem}-{copy}.json"
        copy += 1
    return path


def exports_folder() -> Path:
    return stormdrill_home() / "exports"
