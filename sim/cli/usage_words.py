"""argparse's own words (its usage errors and the `usage:` line) in the language the command
line names before it is parsed.

argparse words its errors through `gettext.gettext` and `ngettext`, bound by name when it is
imported, so the process-global gettext domain would be the only documented door, and it would
translate every other gettext user in the process too. Instead the parse runs inside
`argparse_words(locale)`, which lends argparse's module the `argparse` catalog of that locale
(sim/locales/LANG/LC_MESSAGES/argparse.po, extracted from the standard library's argparse.py)
and gives the English functions back afterwards: one parse at the start of `main()`, before
any thread exists. `--help` stays English as a whole (our help texts are English): `Parser`
prints it with argparse's English words. A message the catalog lacks (another Python's wording)
stays argparse's English.
"""

from __future__ import annotations

import argparse
import gettext
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from sim.errors import UserError
from sim.i18n import ENGLISH, Translator, interface_locale, translator

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

ARGPARSE_DOMAIN = "argparse"
ENGLISH_WORDS = (gettext.gettext, gettext.ngettext)
"""argparse's functions as it imported them: the English (no catalog) the help keeps."""
_PARSE_WORDS: ContextVar[Translator] = ContextVar("parse_words", default=ENGLISH)


def parse_words() -> Translator:
    """The language of the parse in progress, for our own argparse types' refusals (a seed, a
    count: sim.cli.options), which argparse calls with the text alone; English outside one."""
    return _PARSE_WORDS.get()


def locale_before_parsing(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> str:
    """The language the command line names before argparse reads it: the first `--lang VALUE`
    or `--lang=VALUE` (any command's: `--lang` means the same in each), else $STORMDRILL_LANG,
    else English. A value stormdrill does not speak is English here: the command says so in
    its own sentence once it is parsed."""
    given = None
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(argv):
            given = argv[index + 1]
            break
        if argument.startswith("--lang="):
            given = argument.removeprefix("--lang=")
            break
    try:
        return interface_locale("en_US", given, environ)
    except UserError:
        return "en_US"


@contextmanager
def argparse_words(locale: str) -> Iterator[None]:
    """Within the block, argparse words its errors in `locale` (English: as it always does),
    and so do our argparse types (`parse_words`)."""
    from sim import i18n  # the folder as it is now, so a test's pseudo-locale counts

    catalog = gettext.translation(
        ARGPARSE_DOMAIN, i18n.LOCALES_FOLDER, languages=[locale], fallback=True
    )
    token = _PARSE_WORDS.set(translator(locale))
    try:
        with _argparse_using(catalog.gettext, catalog.ngettext):
            yield
    finally:
        _PARSE_WORDS.reset(token)


@contextmanager
def _argparse_using(gettext_: object, ngettext_: object) -> Iterator[None]:
    before = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext_, ngettext_  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = before  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """stormdrill's parsers (subcommands inherit the class): `--help` in English whatever
    language the usage errors speak, since the help texts it shows are English."""

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        with _argparse_using(*ENGLISH_WORDS):
            super().print_help(file)
