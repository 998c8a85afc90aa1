"""After-action reports (HSEEP AAR/IP) from a saved exercise session, or shorter run reports
from a headless run folder, as Markdown (figures as PNG files beside it), one self-contained
HTML file, or a PDF (fpdf2, figures and tables included)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from sim.errors import ScenarioError, UserError
from sim.report.content import run_document, session_document
from sim.report.counterfactuals import Progress
from sim.report.document import Document
from sim.report.html import render_html, write_html
from sim.report.markdown import render_markdown, write_markdown
from sim.report.overview import Contacts, contacts
from sim.report.pdf import render_pdf, write_pdf
from sim.report.source import RunResult, load_source, saved_on
from sim.spec.loader import load_scenario

Format = Literal["md", "html", "pdf"]

__all__ = [
    "Document",
    "Format",
    "build_report",
    "default_output",
    "render_html",
    "render_markdown",
    "render_pdf",
    "write_report",
]


def build_report(
    path: Path,
    progress: Progress | None = None,
    sponsor: str | None = None,
    point_of_contact: str | None = None,
    people: Sequence[str] = (),
) -> Document:
    """The report's content from a session file or a run folder; UserError if unreadable.
    `progress(done, total)` hears of a session's what-if runs, the slow part; `sponsor` and
    `point_of_contact` stand for the scenario's when given; `people` ("ROLE=NAME") name who
    sat where in an exercise (a run has no seats: UserError)."""
    path = Path(path)
    source = load_source(path)
    if isinstance(source, RunResult):
        if people:
            raise UserError(
                f"--participant: {path} is a headless run, which has no seats; name the "
                "participants of an exercise's session file."
            )
        return _run_report(source, sponsor, point_of_contact)
    try:
        return session_document(
            source, saved_on(path), path.name, progress, sponsor, point_of_contact, people
        )
    finally:
        source.close()


def _run_report(run: RunResult, sponsor: str | None, point_of_contact: str | None) -> Document:
    """A run folder names its scenario; its title, trigger hour, sponsor and point of contact
    come from the scenario if it can still be found, else the name stands in, the trigger is
    taken to be at hour 0, and only the command line's sponsor and contact are shown."""
    try:
        spec = load_scenario(run.scenario)
    except ScenarioError:
        given = sponsor is not None or point_of_contact is not None
        who = Contacts(sponsor or "not stated", point_of_contact or "not stated")
        return run_document(run, run.scenario or "headless run", 0.0, who if given else None)
    who = contacts(spec.meta, sponsor, point_of_contact)
    return run_document(run, spec.meta.title, spec.crisis.start_h, who)


def default_output(path: Path, fmt: Format) -> Path:
    """Beside the input: SESSION-report.md, or DIR/report.html for a run folder."""
    path = Path(path)
    if path.is_dir():
        return path / f"report.{fmt}"
    return path.with_name(f"{path.stem}-report.{fmt}")


def write_report(document: Document, out: Path, fmt: Format) -> None:
    if fmt == "html":
        write_html(document, Path(out))
    elif fmt == "pdf":
        write_pdf(document, Path(out))
    else:
        write_markdown(document, Path(out))
