"""The debrief's exports: the session log as JSON (it replays exactly) and the after-action
report drafted from it by `sim.report`, as Markdown with its figures beside it."""

from __future__ import annotations

from pathlib import Path

from sim.report import build_report, write_report
from sim.session import Session


def export_session(session: Session, folder: Path) -> tuple[Path, Path]:
    """Write `<name>.json` and `<name>-report.md` into `folder`; return both paths."""
    stem = session.autosave.stem if session.autosave is not None else "session"
    log_path = folder / f"{stem}.json"
    report_path = folder / f"{stem}-report.md"
    session.save(log_path)
    write_report(build_report(log_path), report_path, "md")
    return log_path, report_path
