"""`stormdrill compare`: several teams' saved sessions side by side.

Two teams that played the same scenario and seed faced the same crowd, so the table shows what
their different answers did, leading with the headline measure (docs/model.md section 10):
the share of silence's damage each team's answers avoided, and the damage among the people who
heard about the crisis. Sessions saved before their end are run on to the horizon with no
further answers, as their debrief would be.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sim.cli.options import add_lang_option
from sim.i18n import ENGLISH, N_, Translator, interface_locale, translator

if TYPE_CHECKING:
    from sim.session import Session

COLUMNS = (
    N_("session"),
    N_("team"),
    N_("scenario"),
    N_("seed"),
    N_("turns"),
    N_("damage avoided"),
    N_("aware damage"),
    N_("stakeholder damage"),
    N_("first statement (h)"),
    N_("final RI"),
    N_("lowest RI"),
    N_("negative reach"),
    N_("saw a response"),
    N_("ratings"),
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
    add_lang_option(
        parser, "the table's language", "the sessions' meta.locale when they share one, else en"
    )
    parser.set_defaults(func=compare_command)


def comparison_words(paths: Sequence[Path], lang: str | None = None) -> Translator:
    """The language of the comparison: `--lang`, else $STORMDRILL_LANG, else the one the
    sessions' scenarios share (two Italian teams read Italian); sessions in different languages
    share none, and are compared in English, the catalogs' source language. Each file is read,
    not replayed, so the sessions are still replayed one at a time afterwards."""
    from sim.session.persistence import read_session_file
    from sim.session.store import is_store, read_store

    told = translator(interface_locale(ENGLISH.locale, lang))  # for a file it cannot read
    locales = {
        (
            read_store(path, told) if is_store(path) else read_session_file(path, told)
        ).spec.meta.locale
        for path in paths
    }
    shared = locales.pop() if len(locales) == 1 else ENGLISH.locale
    return translator(interface_locale(shared, lang))


def session_row(path: Path, words: Translator = ENGLISH) -> tuple[tuple[str, ...], str]:
    """One table row (who played what, and what came of it) and the team's headline sentence,
    in the language of `words` (names and ratings as they are written)."""
    from sim.session import Session

    session = Session.load(path, told=words)
    try:
        return _row(path, session, words)
    finally:
        session.close()


def _row(path: Path, session: Session, words: Translator) -> tuple[tuple[str, ...], str]:
    from sim.evaluation import rate_objectives
    from sim.headline import headline_sentence, percent, points

    _ = words
    outcome = session.finish()
    ratings = "".join(rating.rating for rating in rate_objectives(session))
    first = outcome.time_to_first_response_h
    if session.team:
        whose = _("{team}'s answers").format(team=session.team)
    else:
        whose = _("the team's answers")
    row = (
        path.name,
        session.team or "-",
        session.scenario_ref or session.spec.meta.title,
        str(session.seed),
        f"{session.turn}/{session.turns_total}",
        _.figure(percent(outcome.damage_avoided)),
        _.figure(points(outcome.aware_damage)),
        _.figure(points(outcome.stakeholder_damage)),
        "-" if first is None else _.figure(f"{first:.2f}"),
        _.figure(f"{outcome.reputation_index_final:.1f}"),
        _.figure(f"{outcome.reputation_index_min:.1f}"),
        _.figure(f"{outcome.negative_reach:,}"),
        _.figure(f"{outcome.response_coverage:.0%}"),
        ratings or "-",
    )
    return row, headline_sentence(outcome, whose, words)


def format_table(rows: list[tuple[str, ...]], words: Translator = ENGLISH) -> str:
    headers = tuple(words(column) for column in COLUMNS)
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [headers, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def compare_command(args: argparse.Namespace) -> int:
    interface_locale("en_US", args.lang)  # a language it cannot speak: one sentence, first
    words = comparison_words(args.sessions, args.lang)
    args.words = words  # the language of "the output was closed" (sim.cli.main)
    compared = [session_row(path, words) for path in args.sessions]
    rows = [row for row, _ in compared]
    print(format_table(rows, words))
    print()
    for row, sentence in compared:
        print(f"{row[0]}: {sentence}")
    print(
        words(
            "(damage avoided: the share of the damage silence would have done on the same seed "
            "that the answers avoided; aware damage: RI points lost among those who heard of it)"
        )
    )
    seeds = {(row[2], row[3]) for row in rows}
    if len(rows) > 1 and len(seeds) > 1:
        print(
            words(
                "note: these sessions differ in scenario or seed, so their crowds differ too; "
                "compare teams on the same scenario and seed."
            )
        )
    return 0
