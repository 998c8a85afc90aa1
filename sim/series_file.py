"""series.csv, the per-tick series of one run: written by `run --out` and by sweeps that keep
series, read back by `report`. Its columns are declared in `sim.data_dictionary` (names with
units, states as the war room names them) and lead with the run's scenario, seed and tick, so
files from many runs can be stacked and still tell their rows apart.

The reader gives the run's own series names back, and also reads files written before the
columns carried units (their names were the run's own), so an old run folder still reports.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from sim.data_dictionary import SERIES_FILE_NAMES, SERIES_IDENTITY, series_column

_IDENTITY = tuple(column.name for column in SERIES_IDENTITY)
_RUN_NAMES = {column: name for name, column in SERIES_FILE_NAMES.items()}


def write_series_csv(
    series: Mapping[str, Sequence[float]], path: Path, *, scenario: str, seed: int
) -> None:
    """One row per tick: scenario, seed and tick, then every series under its file name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    names = list(series)
    ticks = len(series[names[0]]) if names else 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*_IDENTITY, *(series_column(name) for name in names)])
        for tick in range(ticks):
            writer.writerow([scenario, seed, tick, *(series[name][tick] for name in names)])


def read_series_csv(path: Path) -> dict[str, list[float]]:
    """The series under the run's own names (hour, reputation_index, negative_posts...);
    raises ValueError, IndexError or csv.Error on a file that is not one."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, values = rows[0], rows[1:]
    return {
        _RUN_NAMES.get(column, column): [float(row[k]) for row in values]
        for k, column in enumerate(header)
        if column not in _IDENTITY
    }
