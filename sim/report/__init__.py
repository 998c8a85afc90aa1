"""After-action reports (HSEEP AAR/IP) from a saved exercise session, or shorter run reports
from a headless run folder, as Markdown (figures as PNG files beside it), one self-contained
HTML file, or a PDF (fpdf2, figures and tables included)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from sim.errors import ScenarioError, UserError
from sim.i18n import ENGLISH, interface_locale, translator
from sim.paths import is_dir
from sim.report.content import run_document, session_document
from sim.report.counterfactuals import Progress
from sim.report.document import Document
from sim.report.html import render_html, write_html
from sim.report.markdown import render_markdown, write_markdown
from sim.report.overview import Contacts, contacts
from sim.report.pdf import render_pdf, write_pdf
from sim.report.source import OUTCOME_FILE, RunResult, load_run, load_source, saved_on
from sim.session.persistence import read_session_file
from sim.session.store import is_store, read_store
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
    "report_locale",
    "write_report",
]


def build_report(
    path: Path,
    progress: Progress | None = None,
    sponsor: str | None = None,
    point_of_contact: str | None = None,
    people: Sequence[str] = (),
    lang: str | None = None,
) -> Document:
    """The report's content from a session file or a run folder; UserError if unreadable.
    It is written in the scenario's `meta.locale`, unless `lang` (`--lang`) or
    `STORMDRILL_LANG` names another (sim.i18n.interface_locale).
    `progress(done, total)` hears of a session's what-if runs, the slow part; `sponsor` and
    `point_of_contact` stand for the scenario's when given; `people` ("ROLE=NAME") name who
    sat where in an exercise (a run has no seats: UserError)."""
    path = Path(path)
    source = load_source(path, translator(interface_locale(ENGLISH.locale, lang)))
    if isinstance(source, RunResult):
        if people:
            raise UserError(
                f"--participant: {path} is a headless run, which has no seats; name the "
                "participants of an exercise's session file."
            )
        return _run_report(source, sponsor, point_of_contact, lang)
    try:
        words = translator(interface_locale(source.spec.meta.locale, lang))
        return session_document(
            source, saved_on(path), path.name, progress, sponsor, point_of_contact, people, words
        )
    finally:
        source.close()


def report_locale(path: Path, lang: str | None = None) -> str:
    """The locale `build_report(path, lang=lang)` writes in, read before the slow part (a
    session's file is read, not replayed), so what is said while it is built is in that
    language too. An input that cannot be read is left for `build_report` to say."""
    path = Path(path)
    try:
        if is_dir(path) or path.name == OUTCOME_FILE:
            spec = load_scenario(load_run(path if is_dir(path) else path.parent).scenario)
        else:
            spec = (read_store(path) if is_store(path) else read_session_file(path)).spec
        locale: str = spec.meta.locale
    except UserError:
        locale = ENGLISH.locale
    return interface_locale(locale, lang)


def _run_report(
    run: RunResult, sponsor: str | None, point_of_contact: str | None, lang: str | None
) -> Document:
    """A run folder names its scenario; its title, trigger hour, sponsor and point of contact
    come from the scenario if it can still be found, else the name stands in, the trigger is
    taken to be at hour 0, and only the command line's sponsor and contact are shown. Its
    language is the scenario's (English when it cannot be found), or `lang`'s."""
    try:
        spec = load_scenario(run.scenario)
    except ScenarioError:
        words = translator(interface_locale(ENGLISH.locale, lang))
        given = sponsor is not None or point_of_contact is not None
        who = Contacts(sponsor or words("not stated"), point_of_contact or words("not stated"))
        title = run.scenario or words("headless run")
        return run_document(run, title, 0.0, who if given else None, words)
    words = translator(interface_locale(spec.meta.locale, lang))
    who = contacts(spec.meta, sponsor, point_of_contact, words)
    return run_document(run, spec.meta.title, spec.crisis.start_h, who, words)


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
