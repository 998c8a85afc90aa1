"""Phrase lexicons as data, compiled once per language.

Each language module (`lexicon_en`, `lexicon_it`) maps every group below to (regex, weight)
pairs. Patterns are written without word boundaries or accents: the compiler adds the
boundaries, folds accented letters ("è" matches "è", "e" and the keyboard stand-in "e'") and
matches case-insensitively, so a lexicon stays readable and a team typing fast still scores.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from sim.rubric import lexicon_en, lexicon_it

GROUPS = (
    # rubric components
    "acknowledgement",
    "apology",  # apologies and statements of responsibility
    "specific_facts",
    "empathy",
    "instructions",
    "next_steps",
    "first_person",
    "second_person",
    # penalties
    "denial",
    "blame",
    "attack",
    "legalese",
    "non_apology",
    # strategy cues only
    "compensation",
    "excuse",
    "justification",
    "correction",
    "no_comment",
)

Phrases = tuple[tuple[str, float], ...]

_SOURCES = {"en": lexicon_en.PHRASES, "it": lexicon_it.PHRASES}
DEFAULT_LANGUAGE = "en"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@dataclass(frozen=True)
class Lexicon:
    language: str
    groups: MappingProxyType[str, tuple[tuple[re.Pattern[str], float], ...]]


def language_of(locale: str) -> str:
    """The lexicon for a scenario locale ("it_IT" -> "it"); English when we have none."""
    language = locale.split("_")[0].lower()
    return language if language in _SOURCES else DEFAULT_LANGUAGE


def fold(text: str) -> str:
    """Strip accents and straighten apostrophes, one character for one character, so a match in
    the folded text has the same span in the original (case is left to the regex flags)."""
    return "".join(_fold_char(char) for char in text.translate(_APOSTROPHES))


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


@cache
def lexicon(language: str) -> Lexicon:
    source = _SOURCES[language]
    missing = set(GROUPS) - set(source)
    if missing:
        raise ValueError(f"lexicon '{language}' lacks groups {sorted(missing)}")
    groups = {
        group: tuple((_compile(pattern), weight) for pattern, weight in source[group])
        for group in GROUPS
    }
    return Lexicon(language, MappingProxyType(groups))


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_accent_tolerant(pattern)})(?!\w)", re.IGNORECASE)


def _accent_tolerant(pattern: str) -> str:
    """An accented letter in a pattern becomes its base letter, optionally followed by the
    apostrophe Italian keyboards use in its place ("perche'", "e' stato")."""
    out = []
    for char in pattern.translate(_APOSTROPHES):
        base = unicodedata.normalize("NFD", char)[0]
        out.append(f"{base.lower()}'?" if base != char else char)
    return "".join(out)
