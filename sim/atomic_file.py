"""Writing a file so that nothing a user wrote is ever half-lost: readers see the old file or
the new one, never a torn write."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text_atomically(path: Path, text: str, newline: str | None = None) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it over
    `path` (atomic on POSIX and Windows). An existing file keeps its permissions. Raises
    OSError; callers turn it into their own one-sentence error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        if path.exists():
            os.chmod(temporary, path.stat().st_mode)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
