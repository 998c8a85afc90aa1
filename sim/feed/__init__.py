"""The war room's feed of synthetic posts: personas, post texts and the item the screens show.
The engine's sampler (`sim.engine.feed`) picks the real posts of the simulation."""

from sim.feed.item import FeedItem
from sim.feed.persona import Persona, make_outlet, make_persona
from sim.feed.templates import Stance, post_text

__all__ = [
    "FeedItem",
    "Persona",
    "Stance",
    "make_outlet",
    "make_persona",
    "post_text",
]
