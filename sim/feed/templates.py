"""Post texts from templates: who the author is now (state, attitude, the response they saw)
picks a stance, the crisis type and language pick the words.

Pure functions of their arguments and an explicit numpy Generator, so the same post always
reads the same for the same seed.
"""

from __future__ import annotations

from enum import StrEnum
from types import ModuleType

import numpy as np

from sim.feed import templates_en, templates_it
from sim.spec.schema import DENIAL_STRATEGIES, REBUILD_STRATEGIES, CrisisType, Strategy
from sim.vocabulary import PostKind, State

_LANGUAGES: dict[str, ModuleType] = {"en": templates_en, "it": templates_it}
_DEFAULT_LANGUAGE = "en"

# Responses that make people who saw them angrier (docs/model.md: denial and silence backfire when
# the public holds the brand responsible).
_PROVOKING = DENIAL_STRATEGIES | {Strategy.NO_COMMENT}
_HOSTILE_ATTITUDE = -0.5


class Stance(StrEnum):
    ANGRY = "angry"  # spreading, strongly against the brand
    WORRIED = "worried"  # exposed and undecided, often affected
    SARCASTIC = "sarcastic"
    DEFENDER = "defender"  # a skeptic defending the brand
    SOFTENED = "softened"  # saw an apology or compensation and calmed down
    ANGRIER = "angrier"  # saw a denial, an attack or "no comment" and got angrier


def templates_for(locale: str) -> ModuleType:
    """The template module for a scenario locale; English when we have none for it."""
    return _LANGUAGES.get(locale.split("_")[0].lower(), _LANGUAGES[_DEFAULT_LANGUAGE])


def stance_for(
    kind: PostKind,
    state: State,
    attitude: float,
    saw_response: Strategy | None,
    rng: np.random.Generator,
) -> Stance:
    """The voice of a user's post. A news item has no stance: ask `headline` instead."""
    if kind is PostKind.NEWS:
        raise ValueError("news items have headlines, not stances")
    if kind is PostKind.DEFENDING:
        return Stance.DEFENDER
    if saw_response in _PROVOKING:
        return Stance.ANGRIER
    if saw_response in REBUILD_STRATEGIES:
        return Stance.SOFTENED if attitude > _HOSTILE_ATTITUDE else Stance.ANGRY
    if state in (State.SUSCEPTIBLE, State.EXPOSED):
        return Stance.WORRIED
    if attitude <= _HOSTILE_ATTITUDE:
        return Stance.ANGRY
    return (Stance.ANGRY, Stance.SARCASTIC, Stance.WORRIED)[int(rng.integers(3))]


def post_text(
    crisis_type: CrisisType,
    kind: PostKind,
    state: State,
    attitude: float,
    saw_response: Strategy | None,
    locale: str,
    rng: np.random.Generator,
    brand: str = "the brand",
) -> str:
    """A post's text. `saw_response` is the strategy of the latest brand statement the author
    saw, or None if they saw none. A crisis type without templates of its own for a stance gets
    the language's generic ones."""
    words = templates_for(locale)
    if kind is PostKind.NEWS:
        return headline(crisis_type, locale, rng, brand)
    stance = stance_for(kind, state, attitude, saw_response, rng)
    pool = (
        words.POSTS.get(crisis_type.value, {}).get(stance.value)
        or words.GENERIC_POSTS[stance.value]
    )
    return _pick(pool, rng).format(brand=brand)


def headline(crisis_type: CrisisType, locale: str, rng: np.random.Generator, brand: str) -> str:
    words = templates_for(locale)
    pool = words.HEADLINES.get(crisis_type.value) or words.GENERIC_HEADLINES
    return _pick(pool, rng).format(brand=brand)


def _pick(pool: tuple[str, ...], rng: np.random.Generator) -> str:
    return pool[int(rng.integers(len(pool)))]
