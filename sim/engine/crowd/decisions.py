"""The decisions phase: attention decays, angry spreaders repost, stifled spreaders stop
(MODEL.md section 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.engine.crowd.posting import post_negative
from sim.engine.crowd.state import State
from sim.engine.crowd.timing import per_tick_probability
from sim.engine.crowd.visibility import follower_slices

if TYPE_CHECKING:
    from sim.engine.model import CrisisModel


def decide(model: CrisisModel) -> None:
    """Attention decays, angry spreaders repost, and stifled spreaders stop."""
    pop, spread = model.population, model.spec.spread
    if pop.state_counts[State.EXPOSED] == pop.state_counts[State.SPREADING] == 0:
        return
    exposed = np.flatnonzero(pop.state == State.EXPOSED)
    spreaders = np.flatnonzero(pop.state == State.SPREADING)
    draws = model.crowd_rng.random(len(exposed) + 2 * len(spreaders))
    bored = exposed[
        draws[: len(exposed)] < per_tick_probability(spread.exposed_half_life_h, model.tick_h)
    ]
    rest = draws[len(exposed) :]
    repost_rate = spread.repost_anger_rate * pop.anger[spreaders] * model.thread_fuel
    repost_chance = -np.expm1(-repost_rate * model.tick_h)
    reposters = spreaders[rest[: len(spreaders)] < repost_chance]
    tired = spreaders[
        rest[len(spreaders) :] < per_tick_probability(spread.spreader_half_life_h, model.tick_h)
    ]
    stifled = _stifled(model, reposters) if spread.stifling else reposters[:0]

    post_negative(model, reposters)
    pop.set_state(np.concatenate((bored, tired, stifled)), State.REMOVED)


def _stifled(model: CrisisModel, reposters: np.ndarray) -> np.ndarray:
    """A repost landing mostly on followers who already know stops the spreader."""
    if len(reposters) == 0:
        return reposters
    pop = model.population
    readers, owner = follower_slices(pop.followers, reposters)
    aware = np.bincount(owner, weights=pop.ever_aware[readers], minlength=len(reposters))
    followers = pop.follower_counts[reposters]
    share = np.divide(aware, followers, out=np.zeros(len(reposters)), where=followers > 0)
    return reposters[model.crowd_rng.random(len(reposters)) < share]
