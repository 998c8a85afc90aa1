"""The rubric's rules: pure functions from a message (and the team's earlier statements) to an
explainable score, its effective transparency and voice, and the strategy it reads as.

Everything is phrase matching over data lexicons, so every point can be traced to words the team
wrote (DESIGN.md, "The team's words matter"); no language model is involved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from sim.rubric.lexicon import Lexicon, fold, language_of, lexicon
from sim.rubric.result import ComponentScore, PhraseMatch, RubricScore
from sim.spec.schema import Strategy, Voice

Hit = tuple[PhraseMatch, float]

COMPONENT_WEIGHTS = {
    "acknowledgement": 0.15,
    "apology": 0.20,
    "specific_facts": 0.15,
    "empathy": 0.10,
    "instructions": 0.15,
    "next_steps": 0.15,
    "human_voice": 0.10,
}
PENALTY_WEIGHTS = {"denial": 0.30, "legalese": 0.15, "non_apology": 0.25, "contradiction": 0.30}

# What each part rewards or punishes, and the hint shown when a component found nothing.
_DESCRIPTIONS = {
    "acknowledgement": ("Says what happened", "say plainly what happened and who is affected"),
    "apology": (
        "Apologises and takes responsibility",
        "a real apology names the wrong and owns it ('we are sorry, we got this wrong')",
    ),
    "specific_facts": (
        "Gives specific facts (numbers, times, dates, named systems)",
        "add numbers, times or the systems involved",
    ),
    "empathy": ("Shows empathy for those affected", "acknowledge how the people affected feel"),
    "instructions": (
        "Tells the affected what to do",
        "tell people what to do now ('change your password', 'contact us at ...')",
    ),
    "next_steps": (
        "Says what happens next and when",
        "promise the next update and its time ('next update by 16:00')",
    ),
    "human_voice": (
        "Speaks in a human voice (first person, to the reader, plain words)",
        "write as 'we' to 'you', in short plain sentences",
    ),
    "denial": ("Denies, shifts blame or attacks the accuser", "none found"),
    "legalese": ("Uses legal or corporate jargon", "none found"),
    "non_apology": ("Uses a non-apology ('sorry if anyone was offended')", "none found"),
    "contradiction": ("Contradicts an earlier statement", "none found"),
}

_SUPPRESSING = ("denial", "blame", "attack", "non_apology")
_SUPPRESSED = ("acknowledgement", "apology", "empathy")
_PLAIN_SENTENCE_WORDS = 25
_SENTENCE = re.compile(r"[^.!?\n]+")


@dataclass(frozen=True)
class Stances:
    """What the contradiction check needs of the team's earlier public statements: which was
    the first to deny fault and which the first to admit it (numbered from 1), and how many
    there were. A sender of thousands of statements (a protocol) keeps one and adds to it, so
    each check costs the same however many came before."""

    language: str
    first_denial: int | None = None
    first_admission: int | None = None
    count: int = 0

    @classmethod
    def of(cls, texts: Iterable[str], language: str) -> Stances:
        stances = cls(language)
        for text in texts:
            stances = stances.with_statement(text)
        return stances

    def with_statement(self, text: str) -> Stances:
        """These stances and one more statement after them."""
        hits = _read(text, self.language)
        number = self.count + 1
        return Stances(
            self.language,
            self.first_denial or (number if _denies(hits) else None),
            self.first_admission or (number if _admits(hits) else None),
            number,
        )


def score_message(
    text: str, locale: str = "en_US", earlier: Sequence[str] | Stances = ()
) -> RubricScore:
    """Score `text` in the scenario's language; `earlier` holds the team's previous public
    statements, oldest first (or their Stances), for the contradiction check."""
    lex = lexicon(language_of(locale))
    hits = _read(text, lex.language)

    components = {
        name: _component(name, hits[name]) for name in COMPONENT_WEIGHTS if name != "human_voice"
    }
    components["human_voice"] = human_voice(text, hits)

    penalties = {
        "denial": _component("denial", hits["denial"] + hits["blame"] + hits["attack"]),
        "legalese": _component("legalese", hits["legalese"]),
        "non_apology": _component("non_apology", hits["non_apology"]),
        "contradiction": contradiction(
            hits,
            earlier if isinstance(earlier, Stances) else Stances.of(earlier, lex.language),
        ),
    }
    scores = {name: c.score for name, c in components.items()}
    penalty_scores = {name: p.score for name, p in penalties.items()}
    return RubricScore(
        text=text,
        language=lex.language,
        components=tuple(components[name] for name in COMPONENT_WEIGHTS),
        penalties=tuple(penalties[name] for name in PENALTY_WEIGHTS),
        overall=overall(scores, penalty_scores),
        transparency=transparency(scores, penalty_scores),
        voice=voice(hits, scores, plain=_is_plain(text, hits)),
        concrete=scores["specific_facts"] > 0 or scores["instructions"] > 0,
        suggested_strategy=suggested_strategy(hits, scores),
    )


def message_hits(text: str, lex: Lexicon) -> dict[str, list[Hit]]:
    """Every group's phrases found in `text`; a phrase inside a denial or a non-apology does not
    count as acknowledgement, apology or empathy ("not our fault" is not "our fault")."""
    folded = fold(text)
    hits = {group: find_phrases(text, folded, phrases) for group, phrases in lex.groups.items()}
    blocked = [hit[0] for group in _SUPPRESSING for hit in hits[group]]
    for group in _SUPPRESSED:
        hits[group] = [hit for hit in hits[group] if not _overlaps_any(hit[0], blocked)]
    return hits


@lru_cache(maxsize=1024)
def _read(text: str, language: str) -> Mapping[str, list[Hit]]:
    """`message_hits`, read once per process and text: the composer re-reads the earlier
    statements on every keystroke, and a sweep's protocol sends the same texts in every run.
    Read-only: nothing in this module changes a list of hits it is given."""
    return MappingProxyType(message_hits(text, lexicon(language)))


def find_phrases(
    text: str, folded: str, phrases: Iterable[tuple[re.Pattern[str], float]]
) -> list[Hit]:
    """Non-overlapping matches (the longest wins), in reading order, with spans in `text`."""
    found = [
        (PhraseMatch(text[m.start() : m.end()], m.start(), m.end()), weight)
        for pattern, weight in phrases
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]
    found.sort(key=lambda hit: (hit[0].start - hit[0].end, hit[0].start))
    kept: list[Hit] = []
    for hit in found:
        if not _overlaps_any(hit[0], [k[0] for k in kept]):
            kept.append(hit)
    return sorted(kept, key=lambda hit: hit[0].start)


def weigh(hits: Sequence[Hit]) -> float:
    """Sum of the weights of the distinct phrases, capped at 1: saying "sorry" three times
    counts once, saying it and owning the mistake counts twice."""
    best: dict[str, float] = {}
    for match, weight in hits:
        key = " ".join(match.text.lower().split())
        best[key] = max(best.get(key, 0.0), weight)
    return min(1.0, sum(best.values()))


def human_voice(text: str, hits: Mapping[str, list[Hit]]) -> ComponentScore:
    """Half for speaking in the first person, a quarter for addressing the reader, a quarter
    for plain language (no legalese, sentences of at most 25 words on average)."""
    first, second = hits["first_person"], hits["second_person"]
    plain = _is_plain(text, hits)
    score = 0.5 * bool(first) + 0.25 * bool(second) + 0.25 * plain
    parts = [
        "first person" if first else "no first person",
        "addresses the reader" if second else "does not address the reader",
        "plain language" if plain else "not plain (jargon or long sentences)",
    ]
    description, _ = _DESCRIPTIONS["human_voice"]
    return ComponentScore(
        "human_voice",
        score,
        tuple(match for match, _ in sorted(first + second, key=lambda hit: hit[0].start)),
        f"{description}: {', '.join(parts)}.",
    )


def contradiction(hits: Mapping[str, list[Hit]], earlier: Stances) -> ComponentScore:
    """Admitting fault after denying it, or denying after admitting, costs credibility
    (docs/model.md, inconsistency): this message's stance against the earliest earlier
    statement that took the other one."""
    admits, denies = _admits(hits), _denies(hits)
    found = []
    if admits and earlier.first_denial is not None:
        found.append((earlier.first_denial, admits, "admits fault after statement {} denied it"))
    if denies and earlier.first_admission is not None:
        found.append(
            (earlier.first_admission, denies, "denies fault after statement {} admitted it")
        )
    if not found:
        return _component("contradiction", [])
    number, matches, what = min(found, key=lambda candidate: candidate[0])
    return _contradiction(matches, what.format(number))


def overall(scores: Mapping[str, float], penalties: Mapping[str, float]) -> float:
    gained = sum(COMPONENT_WEIGHTS[name] * scores[name] for name in COMPONENT_WEIGHTS)
    lost = sum(PENALTY_WEIGHTS[name] * penalties[name] for name in PENALTY_WEIGHTS)
    return _clip(gained - lost)


def transparency(scores: Mapping[str, float], penalties: Mapping[str, float]) -> float:
    """Disclosure: facts weigh most, then saying what happened and what comes next, telling
    people what to do and owning the fault; jargon and denial hide instead of disclose."""
    disclosed = (
        0.35 * scores["specific_facts"]
        + 0.20 * scores["acknowledgement"]
        + 0.20 * scores["next_steps"]
        + 0.15 * scores["instructions"]
        + 0.10 * scores["apology"]
    )
    return _clip(disclosed - 0.25 * penalties["legalese"] - 0.35 * penalties["denial"])


def voice(hits: Mapping[str, list[Hit]], scores: Mapping[str, float], plain: bool) -> Voice:
    """Human when it speaks as 'we' or 'I', shows empathy (or owns the fault) and stays
    plain; anything else reads as corporate."""
    empathic = scores["empathy"] > 0 or scores["apology"] >= 0.5
    return Voice.HUMAN if hits["first_person"] and empathic and plain else Voice.CORPORATE


def suggested_strategy(
    hits: Mapping[str, list[Hit]], scores: Mapping[str, float]
) -> Strategy | None:
    """The SCCT strategy the text reads as, strongest signal first: a hint for the composer,
    never a decision (the team picks the strategy)."""
    if hits["attack"]:
        return Strategy.ATTACK_ACCUSER
    if hits["blame"]:
        return Strategy.SCAPEGOAT
    if hits["correction"]:
        return Strategy.CORRECTION
    if hits["denial"]:
        return Strategy.DENIAL
    if hits["no_comment"]:
        return Strategy.NO_COMMENT
    if hits["compensation"]:
        return Strategy.COMPENSATION
    if scores["apology"] >= 0.5:
        return Strategy.APOLOGY
    if hits["non_apology"] or hits["excuse"]:
        return Strategy.EXCUSE
    if hits["justification"]:
        return Strategy.JUSTIFICATION
    if scores["empathy"] > 0:
        return Strategy.SYMPATHY
    informative = ("acknowledgement", "next_steps", "specific_facts", "instructions")
    if any(scores[name] > 0 for name in informative):
        return Strategy.HOLDING_STATEMENT
    return None


def _component(name: str, hits: Sequence[Hit]) -> ComponentScore:
    description, hint = _DESCRIPTIONS[name]
    matches = tuple(match for match, _ in hits)
    if matches:
        quoted = ", ".join(f"'{m.text}'" for m in matches)
        explanation = f"{description}. Counted: {quoted}."
    else:
        explanation = f"{description}: {hint}."
    return ComponentScore(name, weigh(hits), matches, explanation)


def _contradiction(matches: Sequence[PhraseMatch], what: str) -> ComponentScore:
    description, _ = _DESCRIPTIONS["contradiction"]
    quoted = ", ".join(f"'{m.text}'" for m in matches)
    return ComponentScore(
        "contradiction", 1.0, tuple(matches), f"{description}: {what} ({quoted})."
    )


def _admits(hits: Mapping[str, list[Hit]]) -> list[PhraseMatch]:
    return [match for match, _ in hits["apology"]]


def _denies(hits: Mapping[str, list[Hit]]) -> list[PhraseMatch]:
    return [match for match, _ in hits["denial"] + hits["blame"]]


def _is_plain(text: str, hits: Mapping[str, list[Hit]]) -> bool:
    sentences = [s for s in _SENTENCE.findall(text) if s.strip()]
    if not sentences:
        return False
    mean_words = sum(len(s.split()) for s in sentences) / len(sentences)
    return not hits["legalese"] and mean_words <= _PLAIN_SENTENCE_WORDS


def _overlaps_any(match: PhraseMatch, others: Iterable[PhraseMatch]) -> bool:
    return any(match.start < other.end and other.start < match.end for other in others)


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))
