"""After-action reports (HSEEP AAR/IP) from a saved exercise session, or shorter run reports
from a headless run folder, as Markdown (figures as PNG files beside it) or one self-contained
HTML file (print it to PDF from a browser)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from sim.errors import ScenarioError
from sim.report.content import run_document, session_document
from sim.report.counterfactuals import Progress
from sim.report.document import Document
from sim.report.html import render_html, write_html
from sim.report.markdown import render_markdown, write_markdown
from sim.report.source import RunResult, load_source, saved_on
from sim.spec.loader import load_scenario

Format = Literal["md", "html"]

__all__ = [
    "Document",
    "Format",
    "build_report",
    "default_output",
    "render_html",
    "render_markdown",
    "write_report",
]


def build_report(path: Path, progress: Progress | None = None) -> Document:
    """The report's content from a session file or a run folder; UserError if unreadable.
    `progress(done, total)` hears of a session's what-if runs, the slow part."""
    path = Path(path)
    source = load_source(path)
    if isinstance(source, RunResult):
        return _run_report(source)
    try:
        return session_document(source, saved_on(path), path.name, progress)
    finally:
        source.close()


def _run_report(run: RunResult) -> Document:
    """A run folder names its scenario; its title and trigger hour come from the scenario if it
    can still be found, else the name stands in and the trigger is taken to be at hour 0."""
    try:
        spec = load_scenario(run.scenario)
    except ScenarioError:
        return run_document(run, run.scenario or "headless run", 0.0)
    return run_document(run, spec.meta.title, spec.crisis.start_h)


def default_output(path: Path, fmt: Format) -> Path:
    """Beside the input: SESSION-report.md, or DIR/report.html for a run folder."""
    path = Path(path)
    if path.is_dir():
        return path / f"report.{fmt}"
    return path.with_name(f"{path.stem}-report.{fmt}")


def write_report(document: Document, out: Path, fmt: Format) -> None:
    if fmt == "html":
        write_html(document, Path(out))
    else:
        write_markdown(document, Path(out))
