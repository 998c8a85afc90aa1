"""The debrief's exports: the session log as JSON (it replays exactly) and a Markdown summary
that can be shared with people who were not in the room."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sim.session import Session
from tui.debrief import Alternative, DebriefState
from tui.outcome_text import COMPARISON_COLUMNS, comparison_row, outcome_rows
from tui.snapshot import clock_text


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return lines


def summary_markdown(
    debrief: DebriefState, alternatives: Sequence[Alternative], notes: Sequence[str]
) -> str:
    lines = [
        f"# {debrief.title}: after-action summary",
        "",
        f"Team {debrief.team or '(unnamed)'}, seed {debrief.seed}.",
        "",
        "## Outcome",
        "",
        *_table(("metric", "value"), outcome_rows(debrief.outcome)),
        "",
        "## Decisions",
        "",
        *_table(
            ("when", "turn", "what", "status"),
            [(clock_text(e.at_h), str(e.turn), e.text, e.status) for e in debrief.decisions],
        ),
        "",
        "## The same crisis, the same seed, other answers",
        "",
        *_table(
            COMPARISON_COLUMNS,
            [comparison_row("as played", debrief.outcome)]
            + [comparison_row(a.description, a.outcome) for a in alternatives],
        ),
    ]
    if notes:
        lines += ["", "## Evaluator notes", "", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def export_session(
    session: Session, debrief: DebriefState, alternatives: Sequence[Alternative], folder: Path
) -> tuple[Path, Path]:
    """Write `<name>.json` and `<name>.md` into `folder`; return both paths."""
    stem = session.autosave.stem if session.autosave is not None else "session"
    log_path = folder / f"{stem}.json"
    summary_path = folder / f"{stem}.md"
    session.save(log_path)
    notes = [
        f"{clock_text(note.at_h)} {f'[{note.objective}] ' if note.objective else ''}{note.text}"
        for note in session.notes
    ]
    summary_path.write_text(summary_markdown(debrief, alternatives, notes), encoding="utf-8")
    return log_path, summary_path
