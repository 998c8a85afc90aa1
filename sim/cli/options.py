"""Command-line options shared by several subcommands, declared once, and the checks that turn
a value no command can use into one sentence before any work starts."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sim.cli.usage_words import parse_words
from sim.errors import UserError
from sim.i18n import ENGLISH, Translator, interface_locale, translator

if TYPE_CHECKING:
    from sim.spec.schema import ScenarioSpec


def add_set_option(parser: argparse.ArgumentParser) -> None:
    """`--set key=value`, repeatable or several at once, overriding scenario fields."""
    parser.add_argument(
        "--set",
        dest="overrides",
        action="extend",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help="override a scenario field, e.g. --set crisis.cluster=preventable",
    )


def add_lang_option(
    parser: argparse.ArgumentParser,
    what: str = "the war room's language",
    otherwise: str = "the scenario's meta.locale",
) -> None:
    """`--lang LOCALE`: a language instead of the scenario's, or the host's (sim.i18n)."""
    parser.add_argument(
        "--lang",
        metavar="LOCALE",
        help=f"{what}: en_US, en_GB, it_IT, or en or it (default: $STORMDRILL_LANG when set, "
        f"else {otherwise})",
    )


def scenario_and_words(
    args: argparse.Namespace, overrides: Sequence[str] = ()
) -> tuple[ScenarioSpec, Translator]:
    """The scenario a command is about (`args.scenario`, with `overrides`) and the language the
    command speaks: `--lang`, else $STORMDRILL_LANG, else the scenario's `meta.locale`. The one
    path for every command about one scenario (run, sweep, timing): a language it cannot
    speak is one sentence before anything else, a scenario that does not load one sentence in
    the file's language (sim.spec.loader.file_words). The language is left in `args.words` for
    "the output was closed" (sim.cli.main)."""
    from sim.spec.loader import load_scenario

    interface_locale("en_US", args.lang)
    spec = load_scenario(args.scenario, overrides, lang=args.lang)
    words = translator(interface_locale(spec.meta.locale, args.lang))
    args.words = words
    return spec, words


def add_seed_option(parser: argparse.ArgumentParser, default: int, help_text: str) -> None:
    parser.add_argument("--seed", type=seed, default=default, help=help_text)


def seed(text: str) -> int:
    """An argparse type: a seed, 0 to 2^63 - 1, refused in the language of the parse.
    sim.seed is imported here, when a seed is given: it brings pydantic, which `stormdrill
    --help` does not need."""
    from sim.seed import seed_problem

    problem = seed_problem(text, parse_words())
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return int(text)


def whole_number(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    """An argparse type for counts: a plain usage error, not a traceback, outside
    `minimum`..`maximum`, in the language of the parse (sim.cli.usage_words)."""

    def parse(text: str) -> int:
        words = parse_words()
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                words("{text} is not a whole number").format(text=repr(text))
            ) from None
        if value < minimum:
            raise argparse.ArgumentTypeError(
                words("{value} is less than {minimum}").format(value=value, minimum=minimum)
            )
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(
                words("{value} is more than {maximum}").format(
                    value=value, maximum=words.figure(f"{maximum:,}")
                )
            )
        return value

    return parse


def available_cores() -> int:
    """The cores this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def worker_processes(requested: int, words: Translator = ENGLISH) -> int:
    """`--workers`, at most one process per core: more only share the cores and each holds a
    model in memory. Say so when a request is cut down."""
    cores = available_cores()
    if requested <= cores:
        return requested
    cut = words(
        "--workers {requested} is more than the {cores} cores this machine has; using {cores}."
    ).format(requested=requested, cores=cores)
    print(f"stormdrill: {cut}", file=sys.stderr)
    return cores


def output_folder(path: Path, option: str = "--out", words: Translator = ENGLISH) -> Path:
    """The folder `option` names, created if need be; one sentence, in the language of `words`,
    if it cannot be."""
    try:
        if path.exists() and not path.is_dir():
            raise UserError(
                words(
                    "{option} {path}: is a file, not a folder; give the path of a folder to "
                    "write into (it is created if missing)."
                ).format(option=option, path=path)
            )
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            words(
                "{option} {path}: cannot create the folder ({reason}); give a writable folder."
            ).format(option=option, path=path, reason=error.strerror)
        ) from None
    if not os.access(path, os.W_OK):
        raise UserError(
            words("{option} {path}: the folder is not writable; give a writable folder.").format(
                option=option, path=path
            )
        )
    return path
