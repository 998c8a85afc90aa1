"""Where a brand statement goes, by channel (MODEL.md section 5, 'Reach'): the brand's
followers, the media audience, an influencer's followers, or direct replies to the most
followed spreaders. What the statement does to a reader is `sim.engine.response.effect`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.action import Action
from sim.engine.crowd.pending_views import ItemKind
from sim.engine.crowd.posting import broadcast, relay_statement, spread_statement
from sim.engine.crowd.state import State
from sim.engine.response.effect import statement_terms
from sim.errors import ActionError
from sim.events import EventKind
from sim.spec.schema import Channel

if TYPE_CHECKING:
    from sim.engine.model import CrisisModel


def publish(model: CrisisModel, action: Action, supportive_relay: bool = False) -> None:
    """Send a released action to its audience, by channel (MODEL.md 5, 'Reach')."""
    pop = model.population
    index = len(model.statements)
    model.statements.append(
        (action, statement_terms(action, model.spec.responses, supportive_relay))
    )
    model.statement_seen.append(np.zeros(pop.size, dtype=bool))
    if action.answers is not None:
        # An answer goes to the journalist, who quotes it at the deadline: no channel of its
        # own.
        model.announce(EventKind.STATEMENT, f"Answer sent for {action.answers}", action.text)
        return
    if action.is_public:
        model.announce(
            EventKind.STATEMENT,
            f"Statement out: {action.strategy.value.replace('_', ' ')}",
            action.text,
            sender=action.spokesperson.value,
        )
    if model.statements[index][1].fuels_thread:
        model.thread_fuel = model.spec.responses.public_compensation_fuel

    if action.channel is Channel.OWN_ACCOUNT:
        spread_statement(model, index, np.flatnonzero(pop.brand_follower), model.kernel.visibility)
    elif action.channel is Channel.TRADITIONAL_MEDIA:
        broadcast(model, model.spec.media.reach, ItemKind.STATEMENT, index)
    elif action.channel is Channel.INFLUENCER:
        _relay_by_influencer(model, action, index)
    elif action.channel is Channel.DIRECT_REPLY:
        _reply_directly(model, action, index)


def _relay_by_influencer(model: CrisisModel, action: Action, index: int) -> None:
    if not model.influencers:
        raise ActionError(
            "influencer outreach needs tracked influencers; set population.tracked_influencers "
            "above 0."
        )
    influencer = model.influencers[min(action.influencer_rank, len(model.influencers) - 1)]
    if influencer.supportive:
        action_terms = statement_terms(action, model.spec.responses, supportive_relay=True)
        model.statements[index] = (action, action_terms)
    relay_statement(model, index, np.array([influencer.user]))


def _reply_directly(model: CrisisModel, action: Action, index: int) -> None:
    """Answer the k most-followed current spreaders, within the team's reply capacity."""
    pop = model.population
    capacity = model.spec.team.reply_capacity_h
    spreaders = np.flatnonzero(pop.state == State.SPREADING)
    if len(spreaders) == 0 or action.replies == 0:
        return
    k = min(action.replies, capacity, len(spreaders))
    order = np.argsort(-pop.follower_counts[spreaders], kind="stable")[:k]
    targets = spreaders[order]
    model.pending.add(
        model.tick,
        targets,
        np.ones(len(targets), dtype=np.int64),
        ItemKind.STATEMENT,
        item=index,
    )


def quote_in_media(model: CrisisModel, journalist: str, answer: Action) -> None:
    """The journalist's story carries the brand's answer. It reaches readers with the next
    article; with no outlet modelled, it goes out on its own to the media audience."""
    model.announce(EventKind.QUOTED, f"{journalist} quotes the brand's statement")
    model.brand.went_public(model.hours)
    model.media_quote = answer
    if not model.outlets:
        broadcast(model, model.spec.media.reach, ItemKind.STATEMENT, as_media_item(model, answer))
        model.media_quote = None


def as_media_item(model: CrisisModel, action: Action) -> int:
    """Register the brand's words as printed by the media; return the statement index."""
    quoted = action.model_copy(update={"channel": Channel.TRADITIONAL_MEDIA, "answers": None})
    model.statements.append((quoted, statement_terms(quoted, model.spec.responses)))
    model.statement_seen.append(np.zeros(model.population.size, dtype=bool))
    return len(model.statements) - 1
