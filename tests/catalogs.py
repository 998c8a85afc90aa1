"""The message catalogs under test: extraction as docs/translating.md runs it, and a pseudo-locale
made from the template, in which every message of ours reads «like this», so a screen rendered in
it shows at a glance (and to a test) which of its words never went through the catalog."""

from __future__ import annotations

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


def pseudo(message: str) -> str:
    return f"{OPEN}{message}{CLOSE}"


def pseudo_locale(folder: Path, locale: str = "it") -> Path:
    """A catalog for `locale` in `folder` (a locales folder, as sim.i18n reads one) in which
    every message of the template is itself between guillemets; returns `folder`."""
    template = read_catalog(TEMPLATE)
    catalog = Catalog(locale=locale, domain=DOMAIN)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            forms = tuple(pseudo(form) for form in message.id)
            catalog.add(message.id, (*forms, forms[-1]))
        else:
            catalog.add(message.id, pseudo(message.id))
    target = folder / locale / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with (target / f"{DOMAIN}.mo").open("wb") as file:
        write_mo(file, catalog)
    return folder
