"""Who a simulated user looks like in the feed: a Faker name in the scenario's locale, a handle
made from it, a short bio, and the user's real follower count from the graph.

A persona depends only on (scenario seed, user index, locale), so the same user looks the same
on every turn, in every replay and in the after-action report.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
from faker import Faker
from faker.config import AVAILABLE_LOCALES

from sim.feed.templates import templates_for

_FALLBACK_LOCALE = "en_US"
_PERSONA_STREAM = 1  # keeps persona draws apart from post-text draws of the same seed
_OUTLET_STREAM = 2
_faker_lock = threading.Lock()  # a cached Faker is reseeded per persona: one user at a time


@dataclass(frozen=True)
class Persona:
    name: str
    handle: str  # without the "@"
    followers: int
    bio: str


def make_persona(
    seed: int, user: int, followers: int, locale: str, influencer: bool = False
) -> Persona:
    """The persona of user `user`; influencers get a public-figure bio."""
    words = templates_for(locale)
    rng = np.random.default_rng([int(seed), _PERSONA_STREAM, int(user)])
    with _faker_lock:
        fake = _faker(locale)
        fake.seed_instance(int(rng.integers(2**32)))
        first, last, city = fake.first_name(), fake.last_name(), fake.city()
    roles = words.INFLUENCER_ROLES if influencer else words.ROLES
    first_interest, second_interest = rng.choice(len(words.INTERESTS), size=2, replace=False)
    bio = _pick(words.BIO_FORMATS, rng).format(
        role=_pick(roles, rng),
        city=city,
        interest=words.INTERESTS[first_interest],
        interest2=words.INTERESTS[second_interest],
    )
    return Persona(
        name=f"{first} {last}",
        handle=_handle(first, last, rng),
        followers=int(followers),
        bio=bio[:1].upper() + bio[1:],
    )


def make_outlet(seed: int, outlet: int, reach: int, locale: str) -> Persona:
    """A news outlet's masthead; its reach is the audience of a broadcast news item."""
    words = templates_for(locale)
    rng = np.random.default_rng([int(seed), _OUTLET_STREAM, int(outlet)])
    with _faker_lock:
        fake = _faker(locale)
        fake.seed_instance(int(rng.integers(2**32)))
        city = fake.city()
    name = _pick(words.MASTHEADS, rng).format(city=city)
    return Persona(name=name, handle=_slug(name), followers=int(reach), bio=city)


@cache
def _faker(locale: str) -> Faker:
    return Faker(locale if locale in AVAILABLE_LOCALES else _FALLBACK_LOCALE)


def _handle(first: str, last: str, rng: np.random.Generator) -> str:
    first, last = _slug(first), _slug(last)
    number = int(rng.integers(1, 100))
    forms = (
        f"{first}{last}",
        f"{first}_{last}",
        f"{first}{number}",
        f"{first[:1]}{last}",
        f"{last}{number}",
        f"{last}_{first}",
    )
    return _pick(forms, rng)[:15]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in ascii_text.lower() if char.isalnum())


def _pick(options: tuple[str, ...], rng: np.random.Generator) -> str:
    return options[int(rng.integers(len(options)))]
