"""The mass of users as a structure of arrays (MODEL.md sections 1-2).

A per-user Mesa agent costs about 200 times more per step (DESIGN.md), so the crowd lives here:
one array per attribute, indexed by user, with the follower graph as CSR in both directions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from sim.crowd.memory import bounded_change, split_shock
from sim.crowd.state import State
from sim.spec.schema import Cluster, ScenarioSpec

_CLUSTER_ORDER = (Cluster.VICTIM, Cluster.ACCIDENTAL, Cluster.PREVENTABLE)


@dataclass(eq=False)
class Population:
    followers: csr_matrix  # row u: who sees u's posts
    followees: csr_matrix  # row u: whom u reads
    active: np.ndarray  # posts and shares (SMCC active followers and creators)
    influencer: np.ndarray  # top creators by followers
    stakeholder: np.ndarray  # customers and employees
    brand_follower: np.ndarray
    relevance: np.ndarray  # w: topical relevance multiplying sharing
    anchor: np.ndarray  # a0: pre-crisis attitude, the point memory returns to
    fast: np.ndarray  # fast memory part of the attitude shift
    slow: np.ndarray  # slow memory part of the attitude shift
    responsibility: np.ndarray  # r: perceived responsibility
    anger: np.ndarray  # g, set on first exposure
    credibility: np.ndarray  # c granted to the brand
    severity: np.ndarray  # perceived severity (lowered for users the brand reached first)
    state: np.ndarray  # State codes
    damping: np.ndarray  # D: sharing multiplier after accepting a response
    ever_aware: np.ndarray
    ever_spread: np.ndarray
    heard_brand_first: np.ndarray  # saw a brand statement before any third-party negative post
    saw_statement: np.ndarray

    @property
    def size(self) -> int:
        return len(self.anchor)

    @property
    def follower_counts(self) -> np.ndarray:
        return np.diff(self.followers.indptr)

    def attitude(self, users: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Current attitude a = a0 + fast + slow, in [-1, 1]."""
        return np.clip(self.anchor[users] + self.fast[users] + self.slow[users], -1.0, 1.0)

    def shift_attitude(self, users: np.ndarray, delta: np.ndarray, slow_share: float) -> None:
        """Apply attitude changes through the two-speed memory; `users` must be unique."""
        realised = bounded_change(self.attitude(users), delta)
        fast, slow = split_shock(realised, slow_share)
        self.fast[users] += fast
        self.slow[users] += slow

    def silence_audience(self, audience: str) -> np.ndarray:
        """Who notices that the brand is silent: everyone ever aware of the crisis, or only
        those still following it (exposed, spreading or skeptic; not the unaware or the bored)."""
        if audience == "ever_aware":
            return self.ever_aware
        return np.isin(self.state, (State.EXPOSED, State.SPREADING, State.SKEPTIC))

    def count_states(self) -> np.ndarray:
        return np.bincount(self.state, minlength=len(State))


def build_population(
    spec: ScenarioSpec, followers: csr_matrix, rng: np.random.Generator
) -> Population:
    """Draw every user's publics, prior attitude, responsibility and credibility."""
    n = followers.shape[0]
    pop_spec, crisis = spec.population, spec.crisis
    follower_counts = np.diff(followers.indptr)

    n_influencers = round(pop_spec.influencer_share * n)
    by_followers = np.argsort(-follower_counts, kind="stable")
    influencer = np.zeros(n, dtype=bool)
    influencer[by_followers[:n_influencers]] = True
    active = (rng.random(n) < pop_spec.active_share) | influencer
    stakeholder = rng.random(n) < pop_spec.stakeholder_share
    relevance = np.where(stakeholder, pop_spec.stakeholder_relevance, pop_spec.other_relevance)

    anchor = np.clip(rng.normal(crisis.prior_reputation, pop_spec.attitude_sd, n), -1.0, 1.0)
    base_r = crisis.cluster_responsibility[_CLUSTER_ORDER.index(crisis.cluster)]
    bump = crisis.history_bump if crisis.history else 0.0
    responsibility = np.clip(
        base_r + bump + rng.normal(0.0, crisis.responsibility_noise, n), 0.0, 1.0
    )
    credibility = np.clip(
        pop_spec.credibility_base + pop_spec.credibility_slope * np.maximum(anchor, 0.0), 0.0, 1.0
    )

    # Customers are likelier to follow the brand: sample followers by topical relevance.
    n_brand = round(pop_spec.brand_follower_share * n)
    weights = relevance / relevance.sum()
    brand_follower = np.zeros(n, dtype=bool)
    brand_follower[rng.choice(n, size=n_brand, replace=False, p=weights)] = True

    return Population(
        followers=followers,
        followees=followers.T.tocsr(),
        active=active,
        influencer=influencer,
        stakeholder=stakeholder,
        brand_follower=brand_follower,
        relevance=relevance,
        anchor=anchor,
        fast=np.zeros(n),
        slow=np.zeros(n),
        responsibility=responsibility,
        anger=np.zeros(n),
        credibility=credibility,
        severity=np.full(n, crisis.severity),
        state=np.full(n, State.SUSCEPTIBLE, dtype=np.int8),
        damping=np.ones(n),
        ever_aware=np.zeros(n, dtype=bool),
        ever_spread=np.zeros(n, dtype=bool),
        heard_brand_first=np.zeros(n, dtype=bool),
        saw_statement=np.zeros(n, dtype=bool),
    )
