"""The war room's live feed: a deterministic sample of the real posts of the simulation, each
dressed with its author's persona and a text that matches who the author is now.

Influencers' posts, news items and the most reshared posts come first (they are what a social
media manager sees at the top of a real feed); the remaining slots are a seeded sample of the
rest. The counts are the simulation's own: reshares from the post log, reach from the graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.engine.crowd.post_log import NO_AUTHOR, NO_PARENT, PostKind
from sim.engine.crowd.state import State
from sim.feed.item import FeedItem
from sim.feed.persona import make_outlet, make_persona
from sim.feed.templates import headline, post_text
from sim.spec.schema import Strategy

if TYPE_CHECKING:
    from sim.engine.crowd.post_log import PostLog
    from sim.engine.model import CrisisModel

_TEXT_STREAM = 3
_SAMPLE_STREAM = 4
_MAX_RESHARE_CHAIN = 64


def sample_feed(model: CrisisModel, since_tick: int, limit: int, seed: int) -> list[FeedItem]:
    """Up to `limit` posts made at or after `since_tick`, newest first; the same model state and
    seed give the same feed."""
    log = model.posts
    ticks = log.column("tick")
    first = int(np.searchsorted(ticks, since_tick, side="left"))
    ids = np.arange(first, len(log))
    chosen = choose_posts(
        ids,
        log.column("author")[first:],
        log.column("kind")[first:],
        log.column("reshares")[first:],
        model.population.influencer,
        limit,
        np.random.default_rng([int(seed), _SAMPLE_STREAM, int(since_tick)]),
    )
    items = [feed_item(model, int(post_id), seed) for post_id in chosen]
    return sorted(items, key=lambda item: (item.tick, item.post_id), reverse=True)


def choose_posts(
    ids: np.ndarray,
    authors: np.ndarray,
    kinds: np.ndarray,
    reshares: np.ndarray,
    influencer: np.ndarray,
    limit: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Prominent posts (by influencers, news, reshared) ranked first, up to half the slots,
    then a seeded sample of everything else."""
    if limit <= 0 or len(ids) == 0:
        return ids[:0]
    by_influencer = (authors != NO_AUTHOR) & influencer[np.maximum(authors, 0)]
    prominent = by_influencer | (kinds == PostKind.NEWS) | (reshares > 0)
    # Influencers first, then the most reshared, then the newest.
    order = np.lexsort((-ids, -reshares, ~by_influencer))
    ranked = order[prominent[order]]
    top = ranked[: max(limit // 2, limit - int((~prominent).sum()))]
    rest = np.setdiff1d(np.arange(len(ids)), top)
    fill = min(limit - len(top), len(rest))
    sampled = rng.choice(rest, size=fill, replace=False) if fill else rest[:0]
    return ids[np.concatenate([top, sampled])]


def feed_item(model: CrisisModel, post_id: int, seed: int) -> FeedItem:
    """One post as the feed shows it: its text is drawn from (seed, id of the original post),
    so a reshare repeats the words of what it reshares."""
    post = model.posts.post(post_id)
    origin = model.posts.post(_origin(model.posts, post_id))
    spec = model.spec
    locale, brand = spec.meta.locale, spec.meta.brand
    rng = np.random.default_rng([int(seed), _TEXT_STREAM, origin.id])
    if post.author == NO_AUTHOR:
        outlets = max(1, spec.media.outlets)
        outlet = int(np.random.default_rng([int(seed), _TEXT_STREAM, post_id]).integers(outlets))
        reach = round(spec.media.reach * model.population.size)
        persona = make_outlet(seed, outlet, reach, locale)
        influencer = False
    else:
        pop = model.population
        influencer = bool(pop.influencer[post.author])
        followers = int(pop.follower_counts[post.author])
        persona = make_persona(seed, post.author, followers, locale, influencer)
    if origin.kind is PostKind.NEWS:
        text = headline(spec.crisis.type, locale, rng, brand)
    else:
        writer = origin.author
        state = State(int(model.population.state[writer]))
        attitude = float(model.population.attitude(np.array([writer]))[0])
        saw = latest_response_seen(model, writer)
        text = post_text(spec.crisis.type, origin.kind, state, attitude, saw, locale, rng, brand)
    return FeedItem(
        post_id=post.id,
        author=post.author,
        tick=post.tick,
        hour=post.tick * model.tick_h,
        persona=persona,
        text=text,
        reshares=post.reshares,
        reach=persona.followers,
        kind=post.kind,
        is_influencer=influencer,
        reshare_of=post.parent,
    )


def latest_response_seen(model: CrisisModel, user: int) -> Strategy | None:
    """The strategy of the most recent brand statement `user` has seen, if any."""
    if not model.population.saw_statement[user]:
        return None
    for statement in reversed(model.statements):
        if statement.seen[user]:
            return statement.action.strategy
    return None


def _origin(log: PostLog, post_id: int) -> int:
    """The original post at the root of a chain of reshares."""
    for _ in range(_MAX_RESHARE_CHAIN):
        parent = log.post(post_id).parent
        if parent == NO_PARENT:
            break
        post_id = parent
    return post_id
