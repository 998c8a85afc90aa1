"""`stormdrill play`: the exercise in the terminal (the Textual war room).

Textual is imported inside the command, so importing `sim` (or running any other command) never
loads the UI toolkit. Inputs are checked here, before the screen takes over, so a mistake is one
sentence on stderr like every other command's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.cli.options import add_lang_option, add_seed_option


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "play",
        help="play a crisis exercise in the terminal",
        description="Play a tabletop exercise in the war room. With no scenario, pick one. "
        "Everything done is written, before it happens, to the exercise's database in "
        "$STORMDRILL_HOME/sessions (default ~/.local/share/stormdrill/sessions).",
    )
    parser.add_argument(
        "scenario", nargs="?", metavar="SCENARIO", help="a bundled name or a .toml path"
    )
    add_seed_option(parser, 1, "random seed, 0 to 2^63 - 1 (default 1)")
    parser.add_argument("--team", default="", help="the team's name, shown in the reports")
    parser.add_argument(
        "--resume",
        type=Path,
        metavar="FILE",
        help="continue a saved exercise where it was: its .sqlite database, or a .json session "
        "file (imported into a new database; the file is left as it was)",
    )
    add_lang_option(parser)
    parser.set_defaults(func=play_command)


def play_command(args: argparse.Namespace) -> int:
    from sim.i18n import interface_locale, translator
    from sim.spec.loader import load_scenario
    from sim.storage import open_to_resume

    told = translator(interface_locale("en_US", args.lang))  # before a file is read

    resume = None
    if args.resume is not None:
        resume = open_to_resume(args.resume, told)
    elif args.scenario is not None:
        load_scenario(args.scenario, lang=args.lang)

    from tui.app import StormdrillApp

    app = StormdrillApp(
        args.scenario, seed=args.seed, team=args.team, resume=resume, lang=args.lang
    )
    app.run()
    return app.return_code or 0
