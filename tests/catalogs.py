"""The message catalogs under test: extraction as docs/translating.md runs it, and a pseudo-locale
made from the template, in which every message of ours reads «ĺíķé ťĥíš» (between guillemets, in
look-alike letters), so a screen rendered in it shows at a glance, and to a test, which of its
words never went through the catalog: they are the ones in plain letters."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from sim.i18n import DOMAIN, LOCALES_FOLDER

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = LOCALES_FOLDER / f"{DOMAIN}.pot"
OPEN, CLOSE = "«", "»"

EXTRACT = "-k words --no-location --sort-output --omit-header -w 100"
"""The options of `pybabel extract -F pyproject.toml ... sim tui` (docs/translating.md)."""


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


LOOK_ALIKE = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķĺṁñóƥʠŕšťúʋŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤɊŔŠŤÚƲŴẊÝŽ",
)
KEEP = re.compile(r"(\{\w*\}|\[/?[a-z$ -]*\])")
"""Placeholders and content markup ([b]...[/b]) stay as they are in a pseudo-translation."""


def pseudo(message: str) -> str:
    """«message» in look-alike letters, its placeholders and markup kept."""
    parts = KEEP.split(message)
    return (
        OPEN + "".join(p if KEEP.fullmatch(p) else p.translate(LOOK_ALIKE) for p in parts) + CLOSE
    )


def pseudo_locale(folder: Path, locale: str = "it") -> Path:
    """A locales folder (as sim.i18n reads one) whose catalog for `locale` is the template with
    every message pseudo-translated; returns `folder`."""
    catalog = Catalog(locale=locale, domain=DOMAIN)
    for message in read_catalog(TEMPLATE):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            forms = [pseudo(form) for form in message.id]
            forms += forms[-1:] * (catalog.num_plurals - len(forms))
            catalog.add(message.id, tuple(forms))
        else:
            catalog.add(message.id, pseudo(message.id))
    target = folder / locale / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with (target / f"{DOMAIN}.mo").open("wb") as file:
        write_mo(file, catalog)
    return folder
