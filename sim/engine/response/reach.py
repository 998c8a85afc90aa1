"""Where a brand statement goes, by channel (docs/model.md section 5, 'Reach'): the brand's
followers, the media audience, an influencer's followers, or direct replies to the most
followed spreaders. Once out in public, the crowd also meets it under the crisis's threads
(`sim.engine.crowd.exposure`). What the statement does to a reader is `effect`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sim.action import Action
from sim.engine.actors import Influencer
from sim.engine.crowd.pending_views import ItemKind
from sim.engine.crowd.posting import broadcast_statement, relay_statement, spread_statement
from sim.engine.crowd.state import State
from sim.engine.crowd.world import Crowd
from sim.engine.response.effect import statement_terms
from sim.errors import ActionError
from sim.spec.schema import Channel


def publish(crowd: Crowd, action: Action, influencers: Sequence[Influencer]) -> int:
    """Send a released action to its audience, by channel; return its statement's index. An
    answer to a journalist has no channel of its own: the journalist quotes it at the deadline."""
    params = crowd.spec.responses
    influencer = _influencer(action, influencers) if action.channel is Channel.INFLUENCER else None
    supportive = influencer is not None and bool(
        crowd.population.attitude(np.array([influencer.user]))[0] > 0.0
    )
    terms = statement_terms(action, params, supportive_relay=supportive)
    index = crowd.statements.add(action, terms, crowd.tick, crowd.draws, crowd.population.size)
    if action.answers is not None:
        return index
    if terms.fuels_thread:
        crowd.statements.thread_fuel = params.public_compensation_fuel
    if action.channel is Channel.OWN_ACCOUNT:
        followers = np.flatnonzero(crowd.population.brand_follower)
        spread_statement(crowd, index, followers, crowd.kernel.visibility)
    elif action.channel is Channel.TRADITIONAL_MEDIA:
        broadcast_statement(crowd, index, crowd.spec.media.reach)
    elif influencer is not None:
        relay_statement(crowd, index, np.array([influencer.user]))
    elif action.channel is Channel.DIRECT_REPLY:
        _reply_directly(crowd, action, index)
    return index


def as_media_item(crowd: Crowd, action: Action) -> int:
    """Register the brand's words as printed by the media; return the statement index."""
    quoted = action.model_copy(update={"channel": Channel.TRADITIONAL_MEDIA, "answers": None})
    terms = statement_terms(quoted, crowd.spec.responses)
    return crowd.statements.add(quoted, terms, crowd.tick, crowd.draws, crowd.population.size)


def _influencer(action: Action, influencers: Sequence[Influencer]) -> Influencer:
    if not influencers:
        raise ActionError(
            "influencer outreach needs tracked influencers; set population.tracked_influencers "
            "above 0."
        )
    return influencers[min(action.influencer_rank, len(influencers) - 1)]


def _reply_directly(crowd: Crowd, action: Action, index: int) -> None:
    """Answer the k most-followed current spreaders, within the team's reply capacity."""
    pop = crowd.population
    capacity = crowd.spec.team.reply_capacity_h
    spreaders = pop.in_states(State.SPREADING)
    if len(spreaders) == 0 or action.replies == 0:
        return
    k = min(action.replies, capacity, len(spreaders))
    order = np.argsort(-pop.follower_counts[spreaders], kind="stable")[:k]
    targets = spreaders[order]
    crowd.pending.add(
        crowd.tick,
        targets,
        np.ones(len(targets), dtype=np.int64),
        ItemKind.STATEMENT,
        item=index,
    )
