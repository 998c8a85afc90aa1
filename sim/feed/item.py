"""One post of the war room's feed, as the screens show it."""

from __future__ import annotations

from dataclasses import dataclass

from sim.feed.persona import Persona
from sim.vocabulary import PostKind


@dataclass(frozen=True)
class FeedItem:
    post_id: int
    author: int  # user index, or -1 (NO_AUTHOR) for a news item
    tick: int
    hour: float  # scenario hour at which the post was made
    persona: Persona
    text: str
    reshares: int
    reach: int  # the author's followers (an outlet's broadcast audience for news)
    kind: PostKind
    is_influencer: bool
    reshare_of: int  # id of the original post this reshares, or -1 (NO_PARENT)
