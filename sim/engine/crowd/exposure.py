"""The exposure phase: users read what reached them this tick. Negative posts make the
unaware exposed, lower attitudes and lead to sharing or skepticism; defending posts and brand
statements raise or lower attitudes (MODEL.md sections 3-5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.engine.crowd.attitude import negative_update
from sim.engine.crowd.pending_views import ItemKind, Views
from sim.engine.crowd.posting import post_defending, post_negative, relay_statement
from sim.engine.crowd.spread import initial_anger, share_probability, skeptic_probability
from sim.engine.crowd.state import State
from sim.engine.crowd.timing import at_least_once
from sim.engine.response.effect import react

if TYPE_CHECKING:
    from sim.engine.model import CrisisModel


def expose(model: CrisisModel) -> None:
    """The exposure phase: every view due this tick is read, negative posts first."""
    views = model.pending.pop(model.tick)
    if len(views) == 0:
        return
    _read_negative(model, views.of_kind(ItemKind.NEGATIVE))
    _read_defending(model, views.of_kind(ItemKind.DEFENDING))
    _read_statements(model, views.of_kind(ItemKind.STATEMENT))


def _read_negative(model: CrisisModel, views: Views) -> None:
    if len(views) == 0:
        return
    pop, spread, att = model.population, model.spec.spread, model.spec.attitude
    readers, first, inverse, counts = np.unique(
        views.readers, return_index=True, return_inverse=True, return_counts=True
    )
    seen_post = views.item[first]  # the post a reader met first this tick gets the credit
    weights = np.bincount(inverse, weights=views.weight)

    new = readers[pop.state[readers] == State.SUSCEPTIBLE]
    pop.set_state(new, State.EXPOSED)
    pop.ever_aware[new] = True
    pop.anger[new] = initial_anger(
        model.spec.crisis.anger_gain, pop.responsibility[new], pop.severity[new]
    )

    change = negative_update(
        att.learning_rate,
        att.loss_aversion,
        pop.severity[readers],
        pop.responsibility[readers],
        model.halo[readers],
        weights,
    )
    pop.shift_attitude(readers, change)

    undecided = pop.state[readers] == State.EXPOSED
    users, times, sources = readers[undecided], counts[undecided], seen_post[undecided]
    p_share = share_probability(
        spread.share_probability,
        spread.negativity_boost,
        pop.relevance[users],
        pop.anger[users],
        spread.anger_sharing,
        pop.damping[users],
        model.thread_fuel,
    )
    draws = model.crowd_rng.random((2, len(users)))
    shares = pop.active[users] & (draws[0] < at_least_once(p_share, times))
    p_skeptic = skeptic_probability(spread.skeptic_rate, pop.attitude(users))
    doubts = ~shares & (draws[1] < at_least_once(p_skeptic, times))
    sharers = users[shares]
    pop.set_state(sharers, State.SPREADING)
    pop.ever_spread[sharers] = True
    pop.set_state(users[doubts], State.SKEPTIC)
    model.posts.credit_reshares(sources[shares])
    post_negative(model, sharers, parents=sources[shares])

    skeptics = readers[
        (pop.state[readers] == State.SKEPTIC)
        & pop.active[readers]
        & (pop.attitude(readers) > spread.defend_attitude)
    ]
    p_defend = spread.share_probability * spread.defend_share_factor
    times = counts[np.searchsorted(readers, skeptics)]
    defend = model.crowd_rng.random(len(skeptics)) < at_least_once(
        np.full(len(skeptics), p_defend), times
    )
    post_defending(model, skeptics[defend])


def _read_defending(model: CrisisModel, views: Views) -> None:
    if len(views) == 0:
        return
    att = model.spec.attitude
    readers, counts = np.unique(views.readers, return_counts=True)
    change = att.learning_rate * att.defend_weight * counts
    model.population.shift_attitude(readers, change)


def _read_statements(model: CrisisModel, views: Views) -> None:
    if len(views) == 0:
        return
    pop, att = model.population, model.spec.attitude
    for index in np.unique(views.item):
        action, terms = model.statements[index]
        seen = model.statement_seen[index]
        readers = np.unique(views.readers[views.item == index])
        readers = readers[~seen[readers]]
        if len(readers) == 0:
            continue
        seen[readers] = True
        first_time = ~pop.saw_statement[readers]
        before_third_party = ~pop.ever_aware[readers]
        pop.saw_statement[readers] = True
        pop.heard_brand_first[readers[first_time & before_third_party]] = True
        reaction = react(
            terms,
            model.spec.responses,
            learning_rate=att.learning_rate,
            loss_aversion=att.loss_aversion,
            prior_reputation=model.spec.crisis.prior_reputation,
            responsibility=pop.responsibility[readers],
            base_credibility=pop.credibility[readers],
            anger=pop.anger[readers],
            before_third_party=before_third_party,
            inconsistencies=model.brand.inconsistencies,
        )
        pop.shift_attitude(readers, reaction.attitude_change)
        pop.damping[readers] = np.minimum(pop.damping[readers], reaction.damping)
        pop.severity[readers[reaction.thunder]] *= model.spec.responses.thunder_severity
        if action.is_public:
            _reshare_by_supporters(model, index, readers[reaction.attitude_change > 0])


def _reshare_by_supporters(model: CrisisModel, index: int, supporters: np.ndarray) -> None:
    """Supporters reshare a brand statement at a fraction of the usual sharing rate."""
    pop, spread = model.population, model.spec.spread
    p = (
        spread.share_probability
        * model.spec.responses.supporter_reshare
        * pop.relevance[supporters]
    )
    sharers = supporters[pop.active[supporters] & (model.crowd_rng.random(len(supporters)) < p)]
    relay_statement(model, index, sharers)
