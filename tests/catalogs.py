"""The message catalogs under test: extraction as docs/translating.md runs it, and a pseudo-locale
made from the template, in which every message of ours reads «ĺíķé ťĥíš» (between guillemets, in
look-alike letters), so a screen rendered in it shows at a glance, and to a test, which of its
words never went through the catalog: they are the ones in plain letters."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from sim.cli.usage_words import ARGPARSE_DOMAIN
from sim.i18n import DOMAIN, LOCALES_FOLDER

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = LOCALES_FOLDER / f"{DOMAIN}.pot"
OPEN, CLOSE = "«", "»"

EXTRACT = "-k words --no-location --sort-output --omit-header -w 100"
"""The options of `pybabel extract -F pyproject.toml ... sim tui` (docs/translating.md)."""


ARGPARSE_TEMPLATE = LOCALES_FOLDER / f"{ARGPARSE_DOMAIN}.pot"
ARGPARSE_EXTRACT = "-k _ -k ngettext:1,2 --no-default-keywords " + EXTRACT.removeprefix("-k words ")
"""The options of `pybabel extract ... argparse.py` (docs/translating.md): argparse's own
`_` and `ngettext`, nothing else."""


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def extract(into: Path) -> Catalog:
    """The template as the sources make it today, written to `into`."""
    config = str(ROOT / "pyproject.toml")
    sources = [str(ROOT / "sim"), str(ROOT / "tui")]
    options = ["-F", config, *EXTRACT.split(), "-o", str(into)]
    CommandLineInterface().run(["pybabel", "-q", "extract", *options, *sources])
    return read_catalog(into)


def extract_argparse(into: Path) -> Catalog:
    """argparse's template as this Python's argparse.py makes it, written to `into`."""
    options = [*ARGPARSE_EXTRACT.split(), "-o", str(into), argparse.__file__]
    CommandLineInterface().run(["pybabel", "-q", "extract", *options])
    return read_catalog(into)


LOOK_ALIKE = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķĺṁñóƥʠŕšťúʋŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤɊŔŠŤÚƲŴẊÝŽ",
)
KEEP = re.compile(r"(\{\w*\}|\[/?[a-z$ -]*\]|%\(\w+\)[rsd]|%[rsd])")
"""Placeholders (ours, and argparse's printf-style ones) and content markup ([b]...[/b]) stay as
they are in a pseudo-translation."""


def pseudo(message: str) -> str:
    """«message» in look-alike letters, its placeholders and markup kept."""
    parts = KEEP.split(message)
    return (
        OPEN + "".join(p if KEEP.fullmatch(p) else p.translate(LOOK_ALIKE) for p in parts) + CLOSE
    )


def pseudo_locale(folder: Path, locale: str = "it") -> Path:
    """A locales folder (as sim.i18n reads one) whose catalogs for `locale`, ours and argparse's
    (sim.cli.usage_words), are their templates with every message pseudo-translated; returns
    `folder`."""
    target = folder / locale / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    for domain in (DOMAIN, ARGPARSE_DOMAIN):
        catalog = Catalog(locale=locale, domain=domain)
        for message in read_catalog(LOCALES_FOLDER / f"{domain}.pot"):
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                forms = [pseudo(form) for form in message.id]
                forms += forms[-1:] * (catalog.num_plurals - len(forms))
                catalog.add(message.id, tuple(forms))
            else:
                catalog.add(message.id, pseudo(message.id))
        with (target / f"{domain}.mo").open("wb") as file:
            write_mo(file, catalog)
    return folder
