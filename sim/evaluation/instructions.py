"""How clearly a statement tells affected people what to do, from 0 (not at all) to 1.

The rubric (`sim.rubric`, DESIGN.md "The team's words matter") scores an "instructions"
component; when it is installed its score is used, so the debrief, the composer and the report
agree. Without it, a keyword test stands in: two distinct instruction cues (a conditional "if
you...", a "do not...", a helpline, a step to take) make a clear instruction (0.5), one a hint.
"""

from __future__ import annotations

import re

try:
    from sim.rubric import score_message
except ImportError:  # the rubric is an optional layer; the keyword test below stands in
    score_message = None

_CUES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # English
        r"\bif you\b",
        r"\bdo not\b|\bdon't\b",
        r"\bcall\b|\bcontact\b|\bwrite to\b|\bemail us\b|\be-mail us\b",
        r"\bcheck\b|\bmonitor your\b",
        r"\bchange your\b|\breset\b|\bcancel\b",
        r"\bwatch (?:out )?for\b|\bbe careful\b|\bbeware\b",
        r"\bforward\b|\breport it\b",
        r"\bhelpline\b|\bhotline\b|\bsupport line\b",
        r"\bvisit\b|\bgo to\b|\bfind out more at\b",
        r"\bhow to\b",
        r"\bwill never ask\b",
        # Italian
        r"\bse (?:ricevete|ricevi|avete|hai)\b",
        r"\bnon (?:cliccate|cliccare|rispondete|rispondere|aprite|aprire)\b",
        r"\bchiamate\b|\bcontattate\b|\bcontattaci\b|\bscriveteci\b",
        r"\bcontrollate\b|\bverificate\b",
        r"\bcambiate\b|\bbloccate\b",
        r"\bnumero verde\b|\bassistenza\b",
        r"\bcosa fare\b|\bcome proteggerv\w*\b",
        r"\bnon (?:vi )?chiederemo mai\b",
    )
)
CLEAR = 0.5


def keyword_strength(text: str) -> float:
    """A quarter per distinct instruction cue: one is a hint, two are clear, four are full."""
    hits = sum(1 for cue in _CUES if cue.search(text))
    return min(hits / 4.0, 1.0)


def _rubric_strength(text: str, locale: str) -> float | None:
    """The rubric's "instructions" component in [0, 1], or None without the rubric."""
    if score_message is None:
        return None
    return float(score_message(text, locale).component("instructions").score)


def instruction_strength(text: str, locale: str) -> float:
    strength = _rubric_strength(text, locale)
    return keyword_strength(text) if strength is None else strength
