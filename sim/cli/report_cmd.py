"""`stormdrill report`: the after-action report of an exercise, for people without stormdrill.

Input is a saved session (the full HSEEP AAR/IP with EEG ratings, timeline, counterfactuals and
the Improvement Plan) or a `stormdrill run --out` folder (a shorter run report).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.cli.options import add_lang_option
from sim.errors import UserError
from sim.i18n import Translator, interface_locale, translator


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="after-action report (AAR/IP) of a session or a run, as Markdown, HTML or PDF",
        description="Build the HSEEP after-action report and improvement plan of a saved "
        "exercise session, or a shorter report of a `stormdrill run --out` folder. HTML is one "
        "self-contained file; a PDF holds the same text, tables and figures.",
    )
    parser.add_argument(
        "source", type=Path, metavar="SESSION_OR_RUN", help="a session file or a run folder"
    )
    parser.add_argument(
        "--format",
        choices=("md", "html", "pdf"),
        default="md",
        help="Markdown (default), HTML or PDF",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="where to write it (default: next to the input); Markdown figures go beside it",
    )
    parser.add_argument(
        "--sponsor",
        metavar="TEXT",
        help="the organisation sponsoring the exercise (default: the scenario's meta.sponsor)",
    )
    parser.add_argument(
        "--poc",
        metavar="TEXT",
        help="the exercise's point of contact: name, role, e-mail (default: the scenario's "
        "meta.point_of_contact)",
    )
    parser.add_argument(
        "--participant",
        action="append",
        default=[],
        metavar="ROLE=NAME",
        help="who sat at a seat (a player role, facilitator or evaluators), e.g. "
        "'legal=Ana Ruiz'; may be given several times",
    )
    add_lang_option(parser, "the report's language")
    parser.set_defaults(func=report_command)


def _check_folder(out: Path, words: Translator) -> None:
    """Refuse an --out whose folder cannot be made (a file stands where a folder would go)
    before the what-if runs, not after them."""
    folder = out.parent
    found = next((path for path in (folder, *folder.parents) if path.exists()), None)
    if found is not None and not found.is_dir():
        raise UserError(
            words(
                "cannot write {out} ({found} is a file, not a folder); choose a writable path "
                "for --out."
            ).format(out=out, found=found)
        )


def report_command(args: argparse.Namespace) -> int:
    # Imported here: the report draws with matplotlib, which would add half a second to the
    # start of every other stormdrill command.
    from sim.lab.progress import ProgressBar
    from sim.report import build_report, default_output, report_locale, write_report

    interface_locale("en_US", args.lang)  # a language it cannot speak: one sentence, first
    words = translator(report_locale(args.source, args.lang))
    args.words = words  # the language of "the output was closed" (sim.cli.main)
    out = args.out or default_output(args.source, args.format)
    if out.exists() and not out.is_file():
        raise UserError(
            words(
                "--out {out}: is not a regular file (a folder or a device such as /dev/null), "
                "and the report's figures are written beside it; give the path of a report file."
            ).format(out=out)
        )
    _check_folder(out, words)
    with ProgressBar(words("report: what-if runs"), words=words) as progress:
        document = build_report(
            args.source,
            progress=progress.update,
            sponsor=args.sponsor,
            point_of_contact=args.poc,
            people=args.participant,
            lang=args.lang,
        )
    try:
        write_report(document, out, args.format)
    except OSError as error:
        raise UserError(
            words("cannot write {out} ({reason}); choose a writable path for --out.").format(
                out=out, reason=error.strerror
            )
        ) from None
    print(words("wrote {file}").format(file=out))
    return 0
