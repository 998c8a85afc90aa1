"""Putting items in front of readers: posts reach their authors' followers through the
attention kernel, news items a random share of everyone, and each view waits in the pending
ring until its tick (MODEL.md section 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.engine.crowd.bernoulli import bernoulli_positions
from sim.engine.crowd.pending_views import ItemKind
from sim.engine.crowd.post_log import NO_AUTHOR, PostKind
from sim.engine.crowd.visibility import sample_follower_views, sample_views

if TYPE_CHECKING:
    from sim.engine.model import CrisisModel


def post_negative(
    model: CrisisModel, authors: np.ndarray, parents: np.ndarray | None = None
) -> None:
    """Authors' followers will see their negative posts through the visibility kernel.
    `parents` are the posts being reshared, if any."""
    if len(authors) == 0:
        return
    ids = model.posts.add(model.tick, authors, PostKind.NEGATIVE, parents)
    readers, owner, delays = sample_follower_views(
        model.population.followers, authors, model.kernel, model.crowd_rng
    )
    weight = np.where(
        model.population.influencer[authors[owner]],
        model.spec.attitude.source_weight_influencer,
        model.spec.attitude.source_weight_peer,
    )
    model.pending.add(model.tick, readers, delays, ItemKind.NEGATIVE, weight, ids[owner])
    model.impressions += len(readers)
    model.negative_posts += len(authors)


def post_defending(model: CrisisModel, authors: np.ndarray) -> None:
    """Supporters' posts defending the brand reach their followers through the kernel."""
    if len(authors) == 0:
        return
    ids = model.posts.add(model.tick, authors, PostKind.DEFENDING)
    readers, owner, delays = sample_follower_views(
        model.population.followers, authors, model.kernel, model.crowd_rng
    )
    model.pending.add(model.tick, readers, delays, ItemKind.DEFENDING, item=ids[owner])
    model.defending_posts += len(authors)


def broadcast(model: CrisisModel, share: float, kind: ItemKind, statement: int = -1) -> np.ndarray:
    """A news item: a random share of everyone, inactives included, over the next hours.
    A negative item is logged as a news post; a statement keeps its index. Returns the
    audience, so a second item can reach the same readers."""
    audience = bernoulli_positions(model.population.size, share, model.crowd_rng)
    deliver_news(model, audience, kind, statement)
    return audience


def deliver_news(
    model: CrisisModel, audience: np.ndarray, kind: ItemKind, statement: int = -1
) -> None:
    """A news item (negative, or a statement by index) to a given audience, with media weight."""
    item = statement
    if kind is ItemKind.NEGATIVE:
        item = int(model.posts.add(model.tick, np.array([NO_AUTHOR]), PostKind.NEWS)[0])
    positions, delays = sample_views(audience, model.kernel, model.crowd_rng, visibility=1.0)
    model.pending.add(
        model.tick,
        audience[positions],
        delays,
        kind,
        model.spec.attitude.source_weight_media,
        item,
    )


def spread_statement(
    model: CrisisModel, index: int, readers: np.ndarray, visibility: float
) -> None:
    """A brand statement shown to given readers (the brand's followers) through the kernel."""
    positions, delays = sample_views(readers, model.kernel, model.crowd_rng, visibility)
    model.pending.add(model.tick, readers[positions], delays, ItemKind.STATEMENT, item=index)


def relay_statement(model: CrisisModel, index: int, relays: np.ndarray) -> None:
    """Relays post a brand statement: their followers see it through the kernel."""
    readers, _, delays = sample_follower_views(
        model.population.followers, relays, model.kernel, model.crowd_rng
    )
    model.pending.add(model.tick, readers, delays, ItemKind.STATEMENT, item=index)
