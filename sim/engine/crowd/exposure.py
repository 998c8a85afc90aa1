"""The exposure phase: users read what reached them this tick. Negative posts make the
unaware exposed, lower attitudes and lead to sharing or skepticism; readers of the crisis's
threads may meet the brand's answer there; defending posts and brand statements raise or lower
attitudes (docs/model.md sections 3-5).

Every decision is drawn from (user, tick) for its purpose (`sim.engine.draws`), so a user whose
reading is the same in two runs decides the same.
"""

from __future__ import annotations

import numpy as np

from sim.engine.crowd.attitude import negative_update
from sim.engine.crowd.pending_views import ItemKind, Views
from sim.engine.crowd.post_log import Origin, PostKind
from sim.engine.crowd.posting import post_defending, post_negative, relay_statement
from sim.engine.crowd.spread import (
    any_of,
    initial_anger,
    share_probability,
    skeptic_probability,
)
from sim.engine.crowd.state import State
from sim.engine.crowd.timing import at_least_once
from sim.engine.crowd.world import Crowd
from sim.engine.draws import Purpose
from sim.engine.kernels import compiled
from sim.engine.response.effect import react


def expose(crowd: Crowd, inconsistencies: int) -> None:
    """The exposure phase: every view due this tick is read, negative posts first; the brand's
    latest public answer is read by those it meets under the threads they read."""
    views = crowd.pending.pop(crowd.tick)
    if len(views) == 0:
        return
    thread_readers = _read_negative(crowd, views.of_kind(ItemKind.NEGATIVE))
    _read_defending(crowd, views.of_kind(ItemKind.DEFENDING))
    statements = views.of_kind(ItemKind.STATEMENT)
    _read_statements(crowd, statements.readers, statements.item, inconsistencies)
    answer = crowd.statements.latest_answer
    if answer is not None and len(thread_readers):
        _read_statements(
            crowd, thread_readers, np.full(len(thread_readers), answer), inconsistencies
        )


def _read_negative(crowd: Crowd, views: Views) -> np.ndarray:
    """Read the crisis's posts and news; return the readers who see the brand's answer under a
    thread they read (none while the brand has not answered in public)."""
    if len(views) == 0:
        return views.readers
    pop, att = crowd.population, crowd.spec.attitude
    readers, inverse, counts = _distinct(views.readers)
    weights = np.bincount(inverse, weights=views.weight)

    new = readers[pop.state[readers] == State.SUSCEPTIBLE]
    pop.set_state(new, State.EXPOSED)
    pop.make_aware(new)
    pop.anger[new] = initial_anger(
        crowd.spec.crisis.anger_gain, pop.responsibility[new], pop.severity[new]
    )

    change = negative_update(
        att.learning_rate,
        att.loss_aversion,
        pop.severity[readers],
        pop.responsibility[readers],
        crowd.halo[readers],
        weights,
    )
    pop.shift_attitude(readers, change)

    undecided = pop.state[readers] == State.EXPOSED
    _decide_undecided(crowd, views, readers, inverse, undecided, counts)
    _defend(crowd, readers, counts)
    return _meet_answer_in_thread(crowd, views, readers, inverse)


def _decide_undecided(
    crowd: Crowd,
    views: Views,
    readers: np.ndarray,
    inverse: np.ndarray,
    undecided: np.ndarray,
    counts: np.ndarray,
) -> None:
    """Each undecided reader shares (one chance per post read, each at its post's appeal),
    else may turn skeptic. A share reshares one of the posts read, in proportion to how likely
    each was to make it share."""
    pop, spread = crowd.population, crowd.spec.spread
    users = readers[undecided]
    if len(users) == 0:
        return
    by_undecided = undecided[inverse]
    group = (np.cumsum(undecided) - 1)[inverse[by_undecided]]  # index into `users`
    items = views.item[by_undecided]
    reader = users[group]
    p_view = share_probability(
        spread.share_probability,
        spread.negativity_boost,
        pop.relevance[reader],
        pop.anger[reader],
        spread.anger_sharing,
        pop.damping[reader],
        crowd.statements.thread_fuel,
        crowd.posts.column("appeal")[items],
    )
    p_share = any_of(p_view, group, len(users))
    draws = crowd.draws
    shares = pop.active[users] & (draws.uniform(Purpose.SHARE, users, crowd.tick) < p_share)
    p_skeptic = skeptic_probability(spread.skeptic_rate, pop.attitude(users))
    doubts = ~shares & (
        draws.uniform(Purpose.SKEPTIC, users, crowd.tick)
        < at_least_once(p_skeptic, counts[undecided])
    )
    sharers = users[shares]
    credited = items[_credited_views(p_view, group, np.flatnonzero(shares), sharers, crowd)]
    pop.set_state(sharers, State.SPREADING)
    pop.mark_spread(sharers)
    pop.set_state(users[doubts], State.SKEPTIC)
    appeal = crowd.posts.column("appeal")[credited]
    pop.carried_appeal[sharers] = appeal
    crowd.posts.credit_reshares(credited)
    post_negative(crowd, sharers, Origin.SHARE, appeal, parents=credited)


def _credited_views(
    p_view: np.ndarray,
    group: np.ndarray,
    chosen_groups: np.ndarray,
    chosen_users: np.ndarray,
    crowd: Crowd,
) -> np.ndarray:
    """For each chosen group, the position (into `p_view`) of one of its views, picked with
    chance proportional to the view's `p_view`, from (user, tick)."""
    if len(chosen_groups) == 0:
        return np.empty(0, dtype=np.int64)
    order = np.argsort(group, kind="stable")
    total = np.cumsum(p_view[order])
    starts = np.searchsorted(group[order], chosen_groups, side="left")
    ends = np.searchsorted(group[order], chosen_groups, side="right")
    before = np.where(starts > 0, total[np.maximum(starts - 1, 0)], 0.0)
    u = crowd.draws.uniform(Purpose.CREDIT, chosen_users, crowd.tick)
    target = before + u * (total[ends - 1] - before)
    picked = np.clip(np.searchsorted(total, target, side="right"), starts, ends - 1)
    return order[picked]


def _defend(crowd: Crowd, readers: np.ndarray, counts: np.ndarray) -> None:
    """Favourable skeptics who read the crisis post in the brand's defence."""
    pop, spread = crowd.population, crowd.spec.spread
    defenders = (
        (pop.state[readers] == State.SKEPTIC)
        & pop.active[readers]
        & (pop.attitude(readers) > spread.defend_attitude)
    )
    skeptics = readers[defenders]
    p_defend = np.full(len(skeptics), spread.share_probability * spread.defend_share_factor)
    defend = crowd.draws.uniform(Purpose.DEFEND, skeptics, crowd.tick) < at_least_once(
        p_defend, counts[defenders]
    )
    post_defending(crowd, skeptics[defend])


def _meet_answer_in_thread(
    crowd: Crowd, views: Views, readers: np.ndarray, inverse: np.ndarray
) -> np.ndarray:
    """Once the brand has answered in public, a reader of a crisis post sees the answer under
    it or in a quote post with chance q_thread per post read (docs/model.md section 5, Reach)."""
    q = crowd.spec.responses.thread_visibility
    if crowd.statements.latest_answer is None or q <= 0.0:
        return readers[:0]
    user_posts = crowd.posts.column("kind")[views.item] == PostKind.NEGATIVE
    threads = np.bincount(inverse, weights=user_posts, minlength=len(readers))
    chance = at_least_once(np.full(len(readers), q), threads)
    return readers[crowd.draws.uniform(Purpose.THREAD, readers, crowd.tick) < chance]


def _read_defending(crowd: Crowd, views: Views) -> None:
    if len(views) == 0:
        return
    att = crowd.spec.attitude
    readers, _, counts = _distinct(views.readers)
    change = att.learning_rate * att.defend_weight * counts
    crowd.population.shift_attitude(readers, change)


def _read_statements(
    crowd: Crowd, readers_of: np.ndarray, statement_of: np.ndarray, inconsistencies: int
) -> None:
    """Readers take in each statement once: the first time they meet it, whatever the way."""
    if len(readers_of) == 0:
        return
    pop, att = crowd.population, crowd.spec.attitude
    for index in np.unique(statement_of):
        statement = crowd.statements[int(index)]
        readers = np.unique(readers_of[statement_of == index])
        readers = readers[~statement.seen[readers]]
        if len(readers) == 0:
            continue
        statement.seen[readers] = True
        first_time = ~pop.saw_statement[readers]
        before_third_party = ~pop.ever_aware[readers]
        pop.mark_saw_statement(readers)
        pop.heard_brand_first[readers[first_time & before_third_party]] = True
        reaction = react(
            statement.terms,
            crowd.spec.responses,
            learning_rate=att.learning_rate,
            loss_aversion=att.loss_aversion,
            prior_reputation=crowd.spec.crisis.prior_reputation,
            responsibility=pop.responsibility[readers],
            base_credibility=pop.credibility[readers],
            anger=pop.anger[readers],
            before_third_party=before_third_party,
            inconsistencies=inconsistencies,
        )
        pop.shift_attitude(readers, reaction.attitude_change)
        pop.damping[readers] = np.minimum(pop.damping[readers], reaction.damping)
        pop.severity[readers[reaction.thunder]] *= crowd.spec.responses.thunder_severity
        if statement.action.is_public:
            _reshare_by_supporters(crowd, int(index), readers[reaction.attitude_change > 0])


def _reshare_by_supporters(crowd: Crowd, index: int, supporters: np.ndarray) -> None:
    """Supporters reshare a brand statement at a fraction of the usual sharing rate."""
    pop, spread = crowd.population, crowd.spec.spread
    p = (
        spread.share_probability
        * crowd.spec.responses.supporter_reshare
        * pop.relevance[supporters]
    )
    statement = crowd.statements[index].key.view(np.int64)
    u = crowd.draws.uniform(Purpose.SUPPORT, supporters, crowd.tick, statement)
    relay_statement(crowd, index, supporters[pop.active[supporters] & (u < p)])


def _distinct(readers: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct readers (sorted), each view's index among them and each one's number of
    views: `np.unique` with its inverse and counts, in one compiled pass where numba imports
    (the same arrays: they are canonical; tests/sim_tests/test_kernels.py)."""
    jit = compiled()
    if jit is None:
        return np.unique(readers, return_inverse=True, return_counts=True)
    return jit.unique_inverse_counts(readers)
