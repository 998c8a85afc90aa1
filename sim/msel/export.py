"""Writing a scenario's MSEL as CSV, one row per inject in the scenario's order (so an import
gives back the same tuple)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sim.errors import UserError
from sim.msel.columns import HEADER, row_of
from sim.spec.schema import ScenarioSpec

ENCODING = "utf-8-sig"  # the byte-order mark makes spreadsheets read accents right


def export_msel(spec: ScenarioSpec) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(row_of(inject) for inject in spec.injects)
    return buffer.getvalue()


def write_msel_csv(spec: ScenarioSpec, path: Path) -> None:
    path = Path(path)
    try:
        path.write_text(export_msel(spec), encoding=ENCODING, newline="")
    except OSError as error:
        raise UserError(
            f"cannot write {path} ({error.strerror}); choose a writable path for --out."
        ) from None
