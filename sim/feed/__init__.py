"""The war room's feed of synthetic posts, sampled from the real simulation."""

from sim.feed.persona import Persona, make_outlet, make_persona
from sim.feed.sample import FeedItem, sample_feed
from sim.feed.templates import Stance, post_text

__all__ = [
    "FeedItem",
    "Persona",
    "Stance",
    "make_outlet",
    "make_persona",
    "post_text",
    "sample_feed",
]
