"""`stormdrill compare`: several teams' saved sessions side by side.

Two teams that played the same scenario and seed faced the same crowd, so the table shows what
their different answers did, leading with the headline measure (docs/model.md section 10):
the share of silence's damage each team's answers avoided, and the damage among the people who
heard about the crisis. Sessions saved before their end are run on to the horizon with no
further answers, as their debrief would be.
"""

from __future__ import annotations

import argparse
from pathlib import Path

COLUMNS = (
    "session",
    "team",
    "scenario",
    "seed",
    "turns",
    "damage avoided",
    "aware damage",
    "stakeholder damage",
    "first statement (h)",
    "final RI",
    "lowest RI",
    "negative reach",
    "saw a response",
    "ratings",
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="compare saved exercise sessions in a table",
        description="Compare saved exercise sessions (for instance two teams on the same "
        "scenario and seed): damage avoided and damage among the aware first, then the rest "
        "of the outcome, the timing of the first statement and EEG ratings.",
    )
    parser.add_argument("sessions", type=Path, nargs="+", metavar="SESSION", help="session files")
    parser.set_defaults(func=compare_command)


def session_row(path: Path) -> tuple[tuple[str, ...], str]:
    """One table row (who played what, and what came of it) and the team's headline sentence."""
    from sim.evaluation import rate_objectives
    from sim.headline import headline_sentence, percent, points
    from sim.session import Session

    session = Session.load(path)
    try:
        outcome = session.finish()
        ratings = "".join(rating.rating for rating in rate_objectives(session))
        first = outcome.time_to_first_response_h
        whose = f"{session.team}'s answers" if session.team else "the team's answers"
        row = (
            path.name,
            session.team or "-",
            session.scenario_ref or session.spec.meta.title,
            str(session.seed),
            f"{session.turn}/{session.turns_total}",
            percent(outcome.damage_avoided),
            points(outcome.aware_damage),
            points(outcome.stakeholder_damage),
            "-" if first is None else f"{first:.2f}",
            f"{outcome.reputation_index_final:.1f}",
            f"{outcome.reputation_index_min:.1f}",
            f"{outcome.negative_reach:,}",
            f"{outcome.response_coverage:.0%}",
            ratings or "-",
        )
        return row, headline_sentence(outcome, whose)
    finally:
        session.close()


def format_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [COLUMNS, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def compare_command(args: argparse.Namespace) -> int:
    compared = [session_row(path) for path in args.sessions]
    rows = [row for row, _ in compared]
    print(format_table(rows))
    print()
    for row, sentence in compared:
        print(f"{row[0]}: {sentence}")
    print(
        "(damage avoided: the share of the damage silence would have done on the same seed "
        "that the answers avoided; aware damage: RI points lost among those who heard of it)"
    )
    seeds = {(row[2], row[3]) for row in rows}
    if len(rows) > 1 and len(seeds) > 1:
        print(
            "note: these sessions differ in scenario or seed, so their crowds differ too; "
            "compare teams on the same scenario and seed."
        )
    return 0
