"""Writing a file so that nothing a user wrote is ever half-lost: readers see the old file or
the new one, never a torn write; a new file is claimed exclusively, so two writers never share
one; and the temporary files a killed writer leaves behind can be swept away."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


def write_text_atomically(path: Path, text: str, newline: str | None = None) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it over
    `path` (atomic on POSIX and Windows). An existing file keeps its permissions. Raises
    OSError; callers turn it into their own one-sentence error."""
    path = Path(path)
    with _temporary_copy(path, text, newline) as temporary:
        if path.exists():
            os.chmod(temporary, path.stat().st_mode)
        os.replace(temporary, path)


def create_text_exclusively(path: Path, text: str) -> None:
    """Write a new file at `path` with `text` in it, or raise FileExistsError if there is one.

    The text is written to a temporary file first and then hard-linked to `path`, which fails
    if the name is taken: claiming the name and giving it its content are one step, so no other
    writer can claim it in between and no reader ever finds it empty."""
    path = Path(path)
    with _temporary_copy(path, text, None) as temporary:
        os.link(temporary, path)


def remove_temporaries(path: Path) -> None:
    """Remove the temporary files of writes to `path` that never finished (a kill mid-save)."""
    path = Path(path)
    for leftover in _temporaries(path.parent):
        if leftover.name.startswith(_prefix(path)):
            leftover.unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path, older_than_s: float) -> None:
    """Remove every temporary file in `folder` not touched for `older_than_s` seconds: a write
    takes well under a second, so an older one belongs to a writer that was killed."""
    cutoff = time.time() - older_than_s
    for leftover in _temporaries(Path(folder)):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except FileNotFoundError:
            continue


def _prefix(path: Path) -> str:
    return f".{path.name}."


def _temporaries(folder: Path) -> list[Path]:
    """The temporary files `_temporary_copy` made in `folder` (none if it does not exist)."""
    if not folder.is_dir():
        return []
    return [
        entry
        for entry in folder.iterdir()
        if entry.name.startswith(".") and entry.name.endswith(TEMPORARY_SUFFIX)
    ]


@contextmanager
def _temporary_copy(path: Path, text: str, newline: str | None) -> Iterator[str]:
    """A temporary file beside `path` holding `text`, flushed to disk; removed afterwards
    unless the body renamed it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=_prefix(path), suffix=TEMPORARY_SUFFIX
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        yield temporary
    finally:
        Path(temporary).unlink(missing_ok=True)
