"""Putting items in front of readers: posts reach their authors' followers through the
attention kernel, news items a random share of everyone, and each view waits in the pending
ring until its tick (docs/model.md section 3).

Every post is logged with its identity key (author, tick, origin) and its appeal; the views are
drawn from the key, so they are coupled across counterfactual runs.
"""

from __future__ import annotations

import numpy as np

from sim.engine.crowd.pending_views import ItemKind
from sim.engine.crowd.post_log import NO_AUTHOR, Origin, PostKind
from sim.engine.crowd.spread import post_appeal
from sim.engine.crowd.visibility import sample_follower_views, sample_views
from sim.engine.crowd.world import Crowd
from sim.engine.draws import Purpose


def post_negative(
    crowd: Crowd,
    authors: np.ndarray,
    origin: Origin,
    appeal: np.ndarray | float,
    parents: np.ndarray | None = None,
) -> None:
    """Authors' followers will see their negative posts through the visibility kernel.
    `appeal` is what the content carries (a reshare's is its parent's); `parents` are the posts
    being reshared, if any."""
    if len(authors) == 0:
        return
    keys = crowd.draws.key(Purpose.VIEW, authors, crowd.tick, int(origin))
    ids = crowd.posts.add(crowd.tick, authors, PostKind.NEGATIVE, keys, appeal, parents)
    pop = crowd.population
    readers, owner, delays = sample_follower_views(pop.followers, authors, keys, crowd.kernel)
    attitude = crowd.spec.attitude
    weight = np.where(
        pop.influencer[authors[owner]],
        attitude.source_weight_influencer,
        attitude.source_weight_peer,
    )
    crowd.pending.add(crowd.tick, readers, delays, ItemKind.NEGATIVE, weight, ids[owner])
    crowd.tally.impressions += len(readers)
    crowd.tally.negative_posts += len(authors)


def post_defending(crowd: Crowd, authors: np.ndarray) -> None:
    """Supporters' posts defending the brand reach their followers through the kernel; each is
    new content with an appeal of its own."""
    if len(authors) == 0:
        return
    keys = crowd.draws.key(Purpose.VIEW, authors, crowd.tick, int(Origin.DEFEND))
    appeal = post_appeal(
        crowd.spec.spread.appeal_sigma,
        crowd.draws.normal(Purpose.APPEAL, authors, crowd.tick, int(Origin.DEFEND)),
    )
    ids = crowd.posts.add(crowd.tick, authors, PostKind.DEFENDING, keys, appeal)
    readers, owner, delays = sample_follower_views(
        crowd.population.followers, authors, keys, crowd.kernel
    )
    crowd.pending.add(crowd.tick, readers, delays, ItemKind.DEFENDING, item=ids[owner])
    crowd.tally.defending_posts += len(authors)


def publish_news(crowd: Crowd, share: float, source: int, origin: Origin) -> np.ndarray:
    """A negative news item (an article, a 'no comment' story) from `source` (an outlet's or a
    journalist's number): a random share of everyone reads it over the next hours, inactives
    included, with media weight. Returns the audience, so the brand's position can reach the
    same readers."""
    key = crowd.draws.key(Purpose.AUDIENCE, NO_AUTHOR - source, crowd.tick, int(origin))
    item = crowd.posts.add(
        crowd.tick, np.array([NO_AUTHOR]), PostKind.NEWS, key.reshape(1), crowd.spec.crisis.appeal
    )
    everyone = np.arange(crowd.population.size)
    # The chance of a view within the window is `share` in all.
    positions, delays = sample_views(everyone, key, crowd.kernel, share / _within(crowd))
    audience = everyone[positions]
    weight = crowd.spec.attitude.source_weight_media
    crowd.pending.add(crowd.tick, audience, delays, ItemKind.NEGATIVE, weight, int(item[0]))
    return audience


def deliver_statement(crowd: Crowd, index: int, audience: np.ndarray, share: float) -> None:
    """A brand statement quoted in a news story: each member of `audience` (the story's
    readers) reads as far as the quote with chance `share`, drawn from (statement, reader), and
    meets it at a delay drawn from the same number, with media weight."""
    key = crowd.statements[index].key
    positions, delays = sample_views(audience, key, crowd.kernel, share / _within(crowd))
    crowd.pending.add(crowd.tick, audience[positions], delays, ItemKind.STATEMENT, item=index)


def broadcast_statement(crowd: Crowd, index: int, share: float) -> None:
    """A brand statement through the media: a random share of everyone, drawn from (statement,
    user)."""
    everyone = np.arange(crowd.population.size)
    spread_statement(crowd, index, everyone, share / _within(crowd))


def spread_statement(crowd: Crowd, index: int, readers: np.ndarray, visibility: float) -> None:
    """A brand statement shown to given readers (the brand's followers) through the kernel."""
    key = crowd.statements[index].key
    positions, delays = sample_views(readers, key, crowd.kernel, visibility)
    crowd.pending.add(crowd.tick, readers[positions], delays, ItemKind.STATEMENT, item=index)


def relay_statement(crowd: Crowd, index: int, relays: np.ndarray) -> None:
    """Relays post a brand statement: their followers see it through the kernel. A relay's
    identity is (relay, tick, statement)."""
    if len(relays) == 0:
        return
    statement_key = crowd.statements[index].key.view(np.int64)
    keys = crowd.draws.key(Purpose.VIEW, relays, crowd.tick, statement_key)
    readers, _, delays = sample_follower_views(
        crowd.population.followers, relays, keys, crowd.kernel
    )
    crowd.pending.add(crowd.tick, readers, delays, ItemKind.STATEMENT, item=index)


def _within(crowd: Crowd) -> float:
    """The share of a kernel's views that fall inside its window: an item meant to reach a
    share of its candidates in all asks the kernel for that share divided by this."""
    return crowd.kernel.seen_within_window
