"""Where exercises are saved: one autosave file per session under the sessions folder.

The folder is `$STORMDRILL_HOME/sessions` when STORMDRILL_HOME is set (tests and shared
machines point it elsewhere), else `~/.local/share/stormdrill/sessions`. A new exercise claims
the first free name of `autosave_candidates` (Session.claim_autosave), so two exercises started
at once never write one file.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

from sim.atomic_file import remove_stale_temporaries, remove_temporaries

HOME_VARIABLE = "STORMDRILL_HOME"
STALE_SAVE_S = 3600.0
"""A save takes well under a second: a temporary file an hour old was left by a killed one."""


def stormdrill_home() -> Path:
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".local" / "share" / "stormdrill"


def sessions_folder() -> Path:
    return stormdrill_home() / "sessions"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "team"


def autosave_candidates(scenario: str, team: str, seed: int) -> Iterator[Path]:
    """File names that say what was played: `SCENARIO-TEAM-seedN.json`, then `-2`, `-3`..."""
    stem = f"{_slug(Path(scenario).stem)}-{_slug(team)}-seed{seed}"
    folder = sessions_folder()
    yield folder / f"{stem}.json"
    for copy in itertools.count(2):
        yield folder / f"{stem}-{copy}.json"


def sweep_killed_saves(resumed: Path | None = None) -> None:
    """Remove what saves killed mid-write left behind: every temporary file of the session
    being resumed, and the stale ones of the others."""
    if resumed is not None:
        remove_temporaries(resumed)
    remove_stale_temporaries(sessions_folder(), STALE_SAVE_S)


def exports_folder() -> Path:
    return stormdrill_home() / "exports"
