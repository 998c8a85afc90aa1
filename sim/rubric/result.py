"""What the rubric says about a message: frozen, so the composer can render it from any thread
and the session log can keep it next to the action it shaped."""

from __future__ import annotations

from dataclasses import dataclass

from sim.spec.schema import Strategy, Voice

COMPONENTS = (
    "acknowledgement",
    "apology",
    "specific_facts",
    "empathy",
    "instructions",
    "next_steps",
    "human_voice",
)
PENALTIES = ("denial", "legalese", "non_apology", "contradiction")


@dataclass(frozen=True)
class PhraseMatch:
    """A phrase that counted, with its span in the text as written (so the UI can highlight
    it)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ComponentScore:
    name: str
    score: float  # in [0, 1]; for a penalty, how strongly it applies
    matches: tuple[PhraseMatch, ...]
    explanation: str


@dataclass(frozen=True)
class RubricScore:
    text: str
    language: str  # the lexicon used: "en" or "it" (unknown languages are read as English)
    components: tuple[ComponentScore, ...]
    penalties: tuple[ComponentScore, ...]
    overall: float
    transparency: float
    voice: Voice
    concrete: bool
    suggested_strategy: Strategy | None  # None when the text reads as no strategy at all

    def component(self, name: str) -> ComponentScore:
        return _named(self.components, name)

    def penalty(self, name: str) -> ComponentScore:
        return _named(self.penalties, name)


def _named(scores: tuple[ComponentScore, ...], name: str) -> ComponentScore:
    for score in scores:
        if score.name == name:
            return score
    raise KeyError(name)
