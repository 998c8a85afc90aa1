"""Asking about a path a user gave, when the path itself may be the mistake: a name too long
for the file system or with a NUL byte in it is "not a file", as it is to the user, instead of
an OSError or ValueError out of the standard library."""

from __future__ import annotations

from pathlib import Path


def is_file(path: Path) -> bool:
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


def is_dir(path: Path) -> bool:
    try:
        return Path(path).is_dir()
    except (OSError, ValueError):
        return False
