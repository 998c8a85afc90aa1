"""Where exercises are kept: one exercise database (sim.session.store) per exercise under the
sessions folder, for `play` and `host` alike.

The folder is `$STORMDRILL_HOME/sessions` when STORMDRILL_HOME is set (tests and shared
machines point it elsewhere), else `~/.local/share/stormdrill/sessions`. A new exercise claims
the first free name of `autosave_candidates` (Session.claim_autosave), so two exercises started
at once never write one file. A JSON session file given to resume is imported: its whole log
goes into a new database of its own, and the file stays as it was.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

from sim.atomic_file import remove_stale_temporaries, remove_temporaries
from sim.i18n import ENGLISH, Translator
from sim.session import Session
from sim.session.store import STORE_SUFFIX, is_store

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
    """File names that say what was played: `SCENARIO-TEAM-seedN.sqlite`, then `-2`, `-3`..."""
    return _numbered(f"{_slug(Path(scenario).stem)}-{_slug(team)}-seed{seed}")


def _numbered(stem: str) -> Iterator[Path]:
    folder = sessions_folder()
    yield folder / f"{stem}{STORE_SUFFIX}"
    for copy in itertools.count(2):
        yield folder / f"{stem}-{copy}{STORE_SUFFIX}"


def open_to_resume(path: Path, told: Translator = ENGLISH) -> Session:
    """The saved exercise at `path`, writing on: in its own database, or, for a JSON session
    file, in a new database under the sessions folder named after it (the file is left as it
    was). A JSON file that cannot be read is said in the language of `told`, the command's."""
    path = Path(path)
    if is_store(path):
        return Session.load(path, autosave=path, told=told)
    session = Session.load(path, told=told)
    try:
        session.claim_autosave(_numbered(_slug(path.stem)))
    except BaseException:
        session.close()
        raise
    return session


def sweep_killed_saves(resumed: Path | None = None) -> None:
    """Remove what saves killed mid-write left behind: every temporary file of the session
    being resumed, and the stale ones of the others."""
    if resumed is not None:
        remove_temporaries(resumed)
    remove_stale_temporaries(sessions_folder(), STALE_SAVE_S)


def exports_folder() -> Path:
    return stormdrill_home() / "exports"
