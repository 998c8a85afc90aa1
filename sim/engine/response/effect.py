"""How one brand statement changes the users who see it (docs/model.md section 5).

The pure functions follow the specification term by term; `react` combines them for a batch of
users who see the same statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sim.action import Action
from sim.spec.schema import (
    DENIAL_STRATEGIES,
    REBUILD_STRATEGIES,
    Channel,
    Responses,
    Strategy,
    Voice,
)


@dataclass(frozen=True)
class StatementTerms:
    """The parts of a statement's effect that do not depend on who reads it."""

    accommodation: float
    credibility_multiplier: float
    damping_factor: float
    fuels_thread: bool


def accommodation(
    strategy: Strategy, table: dict[Strategy, float], bolstering: bool, bonus: float
) -> float:
    """A_s on Coombs' continuum; bolstering adds a little and is never used alone."""
    return min(1.0, table[strategy] + (bonus if bolstering else 0.0))


def transparency_multiplier(transparency: float, params: Responses) -> float:
    return params.transparency_base + params.transparency_slope * transparency


def channel_multiplier(channel: Channel, supportive: bool, params: Responses) -> float:
    if channel is Channel.INFLUENCER and supportive:
        return params.channel_influencer_supportive
    return float(getattr(params, f"channel_{channel.value}"))


def statement_terms(
    action: Action, params: Responses, supportive_relay: bool = False
) -> StatementTerms:
    """Accommodation, credibility multipliers and damping factor of one statement."""
    voice = params.human_voice if action.voice is Voice.HUMAN and action.concrete else 1.0
    multiplier = (
        channel_multiplier(action.channel, supportive_relay, params)
        * float(getattr(params, f"spokesperson_{action.spokesperson.value}"))
        * voice
        * transparency_multiplier(action.transparency, params)
    )
    damping_factor = 1.0
    if action.channel is Channel.DIRECT_REPLY:
        if action.empathic:
            damping_factor *= params.empathic_reply_damping
        if action.to_dm:
            damping_factor *= params.dm_damping
    return StatementTerms(
        accommodation=accommodation(
            action.strategy, params.accommodation, action.bolstering, params.bolstering_bonus
        ),
        credibility_multiplier=multiplier,
        damping_factor=damping_factor,
        fuels_thread=action.strategy is Strategy.COMPENSATION and action.is_public,
    )


def required_accommodation(
    responsibility: np.ndarray, prior_reputation: float, disliked_raise: float
) -> np.ndarray:
    """A* = r, raised when the brand was disliked before the crisis."""
    return np.clip(responsibility + (disliked_raise if prior_reputation < 0 else 0.0), 0.0, 1.0)


def fit(
    offered: float,
    required: np.ndarray,
    under_penalty: float,
    over_penalty: float,
    mismatch_weight: np.ndarray | float = 1.0,
) -> np.ndarray:
    """1 - u * max(0, A* - A_s) - o * max(0, A_s - A*): under-accommodating backfires,
    over-apologising is mildly wasteful (SCCT; Kim et al. 2004)."""
    under = np.maximum(0.0, required - offered)
    over = np.maximum(0.0, offered - required)
    return 1.0 - mismatch_weight * (under_penalty * under + over_penalty * over)


def credibility(
    base: np.ndarray,
    statement_multiplier: float,
    first_multiplier: np.ndarray,
    inconsistencies: int,
    inconsistency_cost: float,
) -> np.ndarray:
    """cred = c * m_channel * m_spokesperson * m_voice * m_tau * m_first * (1 - 0.3 n_incons)."""
    consistency = max(0.0, 1.0 - inconsistency_cost * inconsistencies)
    return base * statement_multiplier * first_multiplier * consistency


def acceptance(cred: np.ndarray, anger: np.ndarray, anger_discount: float) -> np.ndarray:
    """Angry users discount the brand: acc = cred * (1 - 0.5 g), kept in [0, 1]."""
    return np.clip(cred * (1.0 - anger_discount * anger), 0.0, 1.0)


def attitude_change(
    learning_rate: float, loss_aversion: float, accepted: np.ndarray, fitness: np.ndarray
) -> np.ndarray:
    """+eta * acc * fit; a negative fit is a backfire, weighed as negative information."""
    change = learning_rate * accepted * fitness
    return np.where(fitness < 0.0, change * loss_aversion, change)


def sharing_damping(
    damping: float, accepted: np.ndarray, fitness: np.ndarray, factor: float
) -> np.ndarray:
    """D = 1 - delta * acc * max(fit, 0), stronger for empathic replies and DMs."""
    return np.clip(1.0 - damping * factor * accepted * np.maximum(fitness, 0.0), 0.0, 1.0)


def is_contradiction(earlier: Sequence[Strategy], new: Strategy) -> bool:
    """Denying and then rebuilding (or the reverse) is an inconsistency the public notices."""
    denied = any(s in DENIAL_STRATEGIES for s in earlier)
    rebuilt = any(s in REBUILD_STRATEGIES for s in earlier)
    return (denied and new in REBUILD_STRATEGIES) or (rebuilt and new in DENIAL_STRATEGIES)


@dataclass(frozen=True)
class Reaction:
    """What a batch of readers takes from one statement."""

    attitude_change: np.ndarray
    damping: np.ndarray
    thunder: np.ndarray


def react(
    terms: StatementTerms,
    params: Responses,
    *,
    learning_rate: float,
    loss_aversion: float,
    prior_reputation: float,
    responsibility: np.ndarray,
    base_credibility: np.ndarray,
    anger: np.ndarray,
    before_third_party: np.ndarray,
    inconsistencies: int,
) -> Reaction:
    """The attitude change and sharing damping of readers of one statement.

    `before_third_party` marks readers who meet the brand's account before any third-party
    negative post: stealing thunder (Arpan & Roskos-Ewoldsen 2005) raises credibility and halves
    the weight of a strategy mismatch for them.
    """
    thunder = before_third_party & params.stealing_thunder
    first = np.where(thunder, params.thunder_credibility, 1.0)
    mismatch = np.where(thunder, params.thunder_mismatch, 1.0)
    required = required_accommodation(responsibility, prior_reputation, params.disliked_brand_raise)
    fitness = fit(
        terms.accommodation, required, params.under_penalty, params.over_penalty, mismatch
    )
    accepted = acceptance(
        credibility(
            base_credibility,
            terms.credibility_multiplier,
            first,
            inconsistencies,
            params.inconsistency_cost,
        ),
        anger,
        params.anger_discount,
    )
    return Reaction(
        attitude_change=attitude_change(learning_rate, loss_aversion, accepted, fitness),
        damping=sharing_damping(params.damping, accepted, fitness, terms.damping_factor),
        thunder=thunder,
    )
