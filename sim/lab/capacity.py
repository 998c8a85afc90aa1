"""Whether a sweep's results fit in this machine's memory, asked before any of them is made.

A sweep holds every run's task until it is done and every row until the tables are written; a
row carries the hourly reputation index (32 bytes an hour: a float and its slot in a tuple). A
plan too big for the machine would otherwise grow until the system kills it, hours in.
"""

from __future__ import annotations

import os
from pathlib import Path

from sim.errors import UserError
from sim.i18n import ENGLISH, Translator

BYTES_PER_RUN = 4_096
"""A task, its future and a row without its hourly series (measured: about 3.4 KB)."""
BYTES_PER_HOUR = 32
USABLE_SHARE = 0.8
"""Leave a fifth of what is free to the workers' models and to everything else."""
MEMINFO = Path("/proc/meminfo")


def bytes_needed(runs: int, horizon_h: float) -> int:
    return runs * (BYTES_PER_RUN + BYTES_PER_HOUR * (int(horizon_h) + 1))


def available_memory() -> int | None:
    """Bytes of memory free for new work, where the system says (Linux's MemAvailable, else
    the free pages POSIX reports); None where it does not."""
    try:
        for line in MEMINFO.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def check_fits(
    runs: int, runs_per_combination: int, horizon_h: float, words: Translator = ENGLISH
) -> None:
    """Refuse a plan whose rows would not fit in memory, saying how many seeds would."""
    free = available_memory()
    if free is None:
        return
    needed = bytes_needed(runs, horizon_h)
    if needed <= free * USABLE_SHARE:
        return
    combinations = runs // runs_per_combination
    fitting = int(free * USABLE_SHARE) // bytes_needed(combinations, horizon_h)
    raise UserError(
        words(
            "--runs {per_combination}: {runs} runs would need about {needed} GB to hold their "
            "results, and this machine has {free} GB free; give at most --runs {fitting}, or "
            "split the sweep."
        ).format(
            per_combination=words.figure(f"{runs_per_combination:,}"),
            runs=words.figure(f"{runs:,}"),
            needed=words.figure(f"{needed / 1e9:,.1f}"),
            free=words.figure(f"{free / 1e9:,.1f}"),
            fitting=words.figure(f"{max(fitting, 1):,}"),
        )
    )
