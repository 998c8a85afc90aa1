"""The `stormdrill` console entry point.

Each subcommand lives in its own module with `add_parser(subparsers)`, which sets the parser's
`func(args) -> int`; `COMMANDS` below is the whole registry. A command module imports only what
its parser needs and the rest inside its `func`, so `stormdrill --help` and the light commands
never load the engine, pandas or Textual (tests/sim_tests/test_headless_import.py). A user's
mistake reaches the terminal as one `stormdrill: <sentence>` line on stderr with exit status 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from sim.cli import (
    calibrate_cmd,
    compare_cmd,
    host_cmd,
    join_cmd,
    lesson_cmd,
    play_cmd,
    report_cmd,
    run_cmd,
    scenarios_cmd,
    schemas_cmd,
    serve_cmd,
    sweep_cmd,
    timing_cmd,
)
from sim.cli.usage_words import Parser, argparse_words, locale_before_parsing
from sim.errors import UserError
from sim.i18n import ENGLISH, Translator, interface_locale, translator

COMMANDS = (
    play_cmd,
    host_cmd,
    join_cmd,
    serve_cmd,
    run_cmd,
    scenarios_cmd,
    schemas_cmd,
    calibrate_cmd,
    lesson_cmd,
    sweep_cmd,
    timing_cmd,
    report_cmd,
    compare_cmd,
)

INTERRUPTED_EXIT_CODE = 130


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="stormdrill",
        description="Rehearse social-media crises: simulate, play and evaluate responses.",
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show program's version number and exit"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


class _Version(argparse.Action):
    """`--version`, looked up only when asked: importlib.metadata costs a tenth of the CPU
    budget of `stormdrill --help` (about 0.03 s of its 0.5 s)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from importlib.metadata import version

        print(version("stormdrill"))
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status (2 for a user's mistake)."""
    parser = build_parser()
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        with argparse_words(locale_before_parsing(arguments)):
            args = parser.parse_args(arguments)
    except SystemExit as stop:
        return int(stop.code or 0)
    try:
        return args.func(args)
    except UserError as error:
        print(f"stormdrill: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return INTERRUPTED_EXIT_CODE
    except BrokenPipeError:
        return _output_closed(_words_of(args))


def _words_of(args: argparse.Namespace) -> Translator:
    """The language the command spoke: the one it settled on once it read its exercise
    (`args.words`, set by run, report and host), else its `--lang` or $STORMDRILL_LANG, else
    English (the library's commands)."""
    words = getattr(args, "words", None)
    if isinstance(words, Translator):
        return words
    if not hasattr(args, "lang"):
        return ENGLISH
    try:
        return translator(interface_locale("en_US", args.lang))
    except UserError:
        return ENGLISH


def _output_closed(words: Translator = ENGLISH) -> int:
    """The reader of stdout went away (`stormdrill run --json | head -c 1`): say so once, in the
    command's language, and send what Python would still flush at exit to /dev/null instead of
    a second error."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    closed = words("the output was closed before all of it was written.")
    print(f"stormdrill: {closed}", file=sys.stderr)
    return UserError.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
