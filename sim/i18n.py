"""The language stormdrill speaks: the locales it supports, and a translator per session.

The words of the interface (labels, key hints, messages, the generated journalists' inquiries,
the debrief) live in gettext catalogs, `sim/locales/LANG/LC_MESSAGES/stormdrill.po`, compiled
to the `.mo` files beside them (docs/translating.md). A scenario's `meta.locale` chooses the
language; `--lang` or the `STORMDRILL_LANG` variable overrides it for the interface.

Nothing here is process-global: each session or app holds its own `Translator`, so a hosted
server can run an Italian exercise beside an English one. A catalog is read once per
(locale, folder) and shared read-only.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, get_args

from sim.errors import UserError

Locale = Literal["en_US", "en_GB", "it_IT"]
"""The locales a scenario may be written in: the rubric reads their words (English, Italian),
the feed has personas and posts for them, and the interface has a catalog for them."""

SUPPORTED_LOCALES: tuple[str, ...] = get_args(Locale)
DOMAIN = "stormdrill"
LOCALES_FOLDER = Path(__file__).parent / "locales"
"""Where the catalogs are: `LANG/LC_MESSAGES/stormdrill.po` and its compiled `.mo`."""
LANG_VARIABLE = "STORMDRILL_LANG"
"""The environment variable that overrides a scenario's language for the interface."""


def N_(message: str) -> str:
    """Mark a message for the catalog where it is declared (a key binding's description, a
    table of labels); it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Translator:
    """The words of one locale: `translator("Start")` is the message in that language, the
    message itself where the catalog has none (English is the catalogs' source language)."""

    locale: str
    catalog: gettext.NullTranslations

    def __call__(self, message: str) -> str:
        return self.catalog.gettext(message) if message else message

    def gettext(self, message: str) -> str:
        return self(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """`message` where the same English word means something else elsewhere: "Answer" is
        a button in the war room and a table's column in the report."""
        return self.catalog.pgettext(context, message)

    def figure(self, text: str) -> str:
        """A figure written the English way ("4,870", "0.66", "38.5%") in this locale's
        symbols ("4.870", "0,66", "38,5%"): formatted once, in Python, so every language rounds
        alike, and English is left exactly as it was."""
        return text.translate(_symbols(self.locale))


@cache
def _symbols(locale: str) -> dict[int, str]:
    """English's decimal point and thousands comma -> the locale's own (CLDR, through Babel,
    imported here: only a figure needs it, and `stormdrill --help` should not pay for it)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    return str.maketrans({".": decimal, ",": group})


def translator(locale: str, folder: Path | None = None) -> Translator:
    """The translator for a supported locale ("it_IT" reads the `it` catalog); English, the
    catalogs' source language, needs no catalog. `folder` defaults to `LOCALES_FOLDER` as it is
    when called, so a test can point a whole command at a pseudo-locale's catalogs."""
    return _translator(locale, LOCALES_FOLDER if folder is None else folder)


@cache
def _translator(locale: str, folder: Path) -> Translator:
    catalog = gettext.translation(DOMAIN, folder, languages=[locale], fallback=True)
    return Translator(locale, catalog)


ENGLISH = translator("en_US")


def supported_locale(value: str, where: str) -> str:
    """The supported locale `value` names: a locale ("it_IT") or a language ("it", the first
    supported locale of it). `where` names what gave it, for the sentence of a mistake."""
    if value in SUPPORTED_LOCALES:
        return value
    for locale in SUPPORTED_LOCALES:
        if value.lower() == locale.split("_")[0]:
            return locale
    languages = sorted({locale.split("_")[0] for locale in SUPPORTED_LOCALES})
    raise UserError(
        f"{where} = {value!r} is not a language stormdrill speaks; use one of "
        f"{', '.join(SUPPORTED_LOCALES)} (or the language alone: {', '.join(languages)})."
    )


def interface_locale(
    scenario_locale: str, override: str | None = None, environ: Mapping[str, str] = os.environ
) -> str:
    """The locale of the interface: `--lang` if given, else `STORMDRILL_LANG` if set, else the
    scenario's own."""
    if override:
        return supported_locale(override, "--lang")
    if environ.get(LANG_VARIABLE):
        return supported_locale(environ[LANG_VARIABLE], LANG_VARIABLE)
    return scenario_locale
