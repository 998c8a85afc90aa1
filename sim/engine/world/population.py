"""The mass of users as a structure of arrays (docs/model.md sections 1-2).

A per-user Mesa agent costs about 200 times more per step (DESIGN.md), so the crowd lives here:
one array per attribute, indexed by user, with the follower graph as CSR in both directions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from sim.engine.crowd.attitude import Listening, listening_graph
from sim.engine.crowd.memory import AttitudeMemory, sorted_unique
from sim.engine.crowd.state import State
from sim.engine.kernels import compiled, on_threads, threaded_calls
from sim.spec.schema import Cluster, Crisis, ScenarioSpec
from sim.spec.schema import Population as PopulationSpec

_CLUSTER_ORDER = (Cluster.VICTIM, Cluster.ACCIDENTAL, Cluster.PREVENTABLE)
STAKEHOLDERS = "stakeholders"  # the memory's group of customers and employees
AWARE = "aware"  # the memory's group of users who ever learned of the crisis


@dataclass(eq=False)
class Population:
    followers: csr_matrix  # row u: who sees u's posts
    listening: Listening  # row u: the active users u reads, whom social averaging weighs
    active: np.ndarray  # posts and shares (SMCC active followers and creators)
    influencer: np.ndarray  # top creators by followers
    stakeholder: np.ndarray  # customers and employees
    brand_follower: np.ndarray
    relevance: np.ndarray  # w: topical relevance multiplying sharing
    memory: AttitudeMemory  # a = a0 + fast + slow, decaying back to the anchor a0
    responsibility: np.ndarray  # r: perceived responsibility
    anger: np.ndarray  # g, set on first exposure
    credibility: np.ndarray  # c granted to the brand
    severity: np.ndarray  # perceived severity (lowered for users the brand reached first)
    state: np.ndarray  # State codes: change them with set_state, which keeps the counts
    state_counts: np.ndarray  # users in each state
    damping: np.ndarray  # D: sharing multiplier after accepting a response
    carried_appeal: np.ndarray  # appeal of the content a spreader spreads (its reposts repeat it)
    ever_aware: np.ndarray
    ever_spread: np.ndarray
    heard_brand_first: np.ndarray  # saw a brand statement before any third-party negative post
    saw_statement: np.ndarray
    # When each user first heard of the crisis, first spread it and first turned against the
    # brand (-1: not yet): bookkeeping for exports, read by nothing in the run.
    aware_tick: np.ndarray
    spread_tick: np.ndarray
    turned_tick: np.ndarray
    tick: int = 0  # the tick in play, which the model keeps current and the stamps above use
    # Running counts for the per-tick reporters, kept by the three marks below (the only
    # writers of those flags), so that a tick counts no flag array at 10^6 users.
    spreaders_count: int = 0  # ever spread
    aware_saw_count: int = 0  # ever aware and saw a brand statement

    def __post_init__(self) -> None:
        self.follower_counts = np.diff(self.followers.indptr)

    @property
    def size(self) -> int:
        return len(self.state)

    @property
    def anchor(self) -> np.ndarray:
        """a0: each user's pre-crisis attitude, the point memory returns to."""
        return self.memory.anchor

    def attitude(self, users: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Current attitude a = a0 + fast + slow, in [-1, 1]."""
        return self.memory.attitude(users)

    @property
    def aware_count(self) -> int:
        """Users ever aware of the crisis: the memory's aware group, which `make_aware` fills."""
        return self.memory.count(AWARE)

    def make_aware(self, users: np.ndarray) -> None:
        """Users learn of the crisis: they count among the aware from now on."""
        fresh = sorted_unique(users[~self.ever_aware[users]])
        self.ever_aware[fresh] = True
        self.aware_tick[fresh] = self.tick
        self.aware_saw_count += int(np.count_nonzero(self.saw_statement[fresh]))
        self.memory.enroll(AWARE, fresh)

    def mark_spread(self, users: np.ndarray) -> None:
        """Users spread the crisis's content: they count among its spreaders from now on."""
        fresh = sorted_unique(users[~self.ever_spread[users]])
        self.ever_spread[fresh] = True
        self.spread_tick[fresh] = self.tick
        self.spreaders_count += len(fresh)

    def mark_saw_statement(self, users: np.ndarray) -> None:
        """Users have seen a brand statement: they count among those the answer reached."""
        fresh = sorted_unique(users[~self.saw_statement[users]])
        self.saw_statement[fresh] = True
        self.aware_saw_count += int(np.count_nonzero(self.ever_aware[fresh]))

    def damage(self, group: str) -> float:
        """Reputational damage in a group: its pre-crisis RI minus its RI now, in RI points
        (docs/model.md section 10); NaN for an empty group."""
        return 50.0 * (self.memory.anchor_mean(group) - self.memory.mean(group))

    def shift_attitude(self, users: np.ndarray, delta: np.ndarray, resync: bool = False) -> None:
        """Apply attitude changes through the two-speed memory; `users` must be unique. A user
        who liked the brand (pre-crisis attitude zero or above) and whom a change leaves below
        zero has turned against it, at this tick. `resync`: as `AttitudeMemory.shift`'s."""
        after = self.memory.shift(users, delta, resync)
        jit = compiled()
        if jit is None:
            self._mark_turned_reference(users, after)
            return
        arguments = (users, after, self.memory.anchor, self.turned_tick, self.tick)
        if on_threads(len(users)):
            with threaded_calls:
                jit.mark_turned_threaded(*arguments)
        else:
            jit.mark_turned(*arguments)

    def _mark_turned_reference(self, users: np.ndarray, after: np.ndarray) -> None:
        """The turning of `shift_attitude` in numpy: the reference of the compiled
        `sim.engine.kernels.jit.mark_turned`."""
        turned = (after < 0.0) & (self.turned_tick[users] < 0) & (self.memory.anchor[users] >= 0.0)
        self.turned_tick[users[turned]] = self.tick

    def set_state(self, users: np.ndarray, state: State) -> None:
        """Move users to a state, keeping the per-state counts current; repeats are allowed."""
        if len(users) == 0:
            return
        jit = compiled()
        if jit is None:
            self._set_state_reference(users, state)
        else:
            jit.move_to_state(users, self.state, self.state_counts, int(state))

    def _set_state_reference(self, users: np.ndarray, state: State) -> None:
        """`set_state` in numpy: the reference of the compiled
        `sim.engine.kernels.jit.move_to_state`."""
        users = np.unique(users)
        self.state_counts -= np.bincount(self.state[users], minlength=len(State))
        self.state[users] = state
        self.state_counts[state] += len(users)

    def in_states(self, first: State, last: State | None = None) -> np.ndarray:
        """The users whose state is `first` (or from `first` to `last`, in State's order), in
        ascending order."""
        last = first if last is None else last
        jit = compiled()
        if jit is None:
            return np.flatnonzero((self.state >= first) & (self.state <= last))
        counts = self.state_counts
        count = int(counts[first]) if last == first else int(counts[first : last + 1].sum())
        return jit.users_in_states(self.state, int(first), int(last), count)

    def silence_audience(self, audience: str) -> np.ndarray:
        """Who notices that the brand is silent, in ascending order: everyone ever aware of the
        crisis, or only those still following it (exposed, spreading or skeptic; not the unaware
        or the bored)."""
        if audience == "ever_aware":
            return np.flatnonzero(self.ever_aware)
        return self.in_states(State.EXPOSED, State.SKEPTIC)

    def count_states(self) -> np.ndarray:
        return self.state_counts.copy()


@dataclass(frozen=True, eq=False)
class Publics:
    """Who each user is before the crisis: the draws a population starts from. A run never
    changes them, so a world shares one Publics, read-only, between every run played on it."""

    active: np.ndarray
    influencer: np.ndarray
    stakeholder: np.ndarray
    brand_follower: np.ndarray
    relevance: np.ndarray
    anchor: np.ndarray
    responsibility: np.ndarray
    credibility: np.ndarray


def mean_responsibility(crisis: Crisis) -> float:
    """The responsibility the public attributes before individual noise: the cluster's base,
    plus the history bump if the brand has had such crises before."""
    base_r = crisis.cluster_responsibility[_CLUSTER_ORDER.index(crisis.cluster)]
    return base_r + (crisis.history_bump if crisis.history else 0.0)


def draw_publics(
    pop_spec: PopulationSpec,
    prior_reputation: float,
    responsibility: float,
    responsibility_noise: float,
    follower_counts: np.ndarray,
    rng: np.random.Generator,
) -> Publics:
    """Draw every user's publics, prior attitude, responsibility and credibility. It reads
    nothing but its arguments, so they (with the rng's seed) are the whole of what a
    population's draws depend on."""
    n = len(follower_counts)
    n_influencers = round(pop_spec.influencer_share * n)
    by_followers = np.argsort(-follower_counts, kind="stable")
    influencer = np.zeros(n, dtype=bool)
    influencer[by_followers[:n_influencers]] = True
    active = (rng.random(n) < pop_spec.active_share) | influencer
    stakeholder = rng.random(n) < pop_spec.stakeholder_share
    relevance = np.where(stakeholder, pop_spec.stakeholder_relevance, pop_spec.other_relevance)

    anchor = np.clip(rng.normal(prior_reputation, pop_spec.attitude_sd, n), -1.0, 1.0)
    responsibility_drawn = np.clip(
        responsibility + rng.normal(0.0, responsibility_noise, n), 0.0, 1.0
    )
    credibility = np.clip(
        pop_spec.credibility_base + pop_spec.credibility_slope * np.maximum(anchor, 0.0), 0.0, 1.0
    )

    # Customers are likelier to follow the brand: sample followers by topical relevance.
    n_brand = round(pop_spec.brand_follower_share * n)
    weights = relevance / relevance.sum()
    brand_follower = np.zeros(n, dtype=bool)
    brand_follower[rng.choice(n, size=n_brand, replace=False, p=weights)] = True
    return Publics(
        active=active,
        influencer=influencer,
        stakeholder=stakeholder,
        brand_follower=brand_follower,
        relevance=relevance,
        anchor=anchor,
        responsibility=responsibility_drawn,
        credibility=credibility,
    )


def populate(
    spec: ScenarioSpec, followers: csr_matrix, listening: csr_matrix, publics: Publics
) -> Population:
    """A population at the crisis's start: the publics as drawn (shared, never written) and a
    fresh copy of everything a run changes."""
    n = followers.shape[0]
    return Population(
        followers=followers,
        listening=Listening(listening),
        active=publics.active,
        influencer=publics.influencer,
        stakeholder=publics.stakeholder,
        brand_follower=publics.brand_follower,
        relevance=publics.relevance,
        memory=AttitudeMemory(
            publics.anchor,
            spec.attitude.slow_share,
            {STAKEHOLDERS: publics.stakeholder, AWARE: np.zeros(n, dtype=bool)},
        ),
        responsibility=publics.responsibility,
        anger=np.zeros(n),
        credibility=publics.credibility,
        severity=np.full(n, spec.crisis.severity),
        state=np.full(n, State.SUSCEPTIBLE, dtype=np.int8),
        state_counts=np.bincount(np.zeros(n, dtype=np.int8), minlength=len(State)),
        damping=np.ones(n),
        carried_appeal=np.zeros(n),
        ever_aware=np.zeros(n, dtype=bool),
        ever_spread=np.zeros(n, dtype=bool),
        heard_brand_first=np.zeros(n, dtype=bool),
        saw_statement=np.zeros(n, dtype=bool),
        aware_tick=np.full(n, -1, dtype=np.int32),
        spread_tick=np.full(n, -1, dtype=np.int32),
        turned_tick=np.full(n, -1, dtype=np.int32),
    )


def build_population(
    spec: ScenarioSpec, followers: csr_matrix, rng: np.random.Generator
) -> Population:
    """Draw a population on the follower graph, as a run does (sim.engine.world.world)."""
    crisis = spec.crisis
    publics = draw_publics(
        spec.population,
        crisis.prior_reputation,
        mean_responsibility(crisis),
        crisis.responsibility_noise,
        np.diff(followers.indptr),
        rng,
    )
    return populate(
        spec, followers, listening_graph(followers.T.tocsr(), publics.active).graph, publics
    )
