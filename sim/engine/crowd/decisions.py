"""The decisions phase: attention decays, angry spreaders repost, stifled spreaders stop
(docs/model.md section 3). Each decision is drawn from (user, tick) for its purpose."""

from __future__ import annotations

import numpy as np

from sim.engine.crowd.post_log import Origin
from sim.engine.crowd.posting import post_negative
from sim.engine.crowd.spread import stifling_probability
from sim.engine.crowd.state import State
from sim.engine.crowd.timing import per_tick_probability, rate_to_tick_probability
from sim.engine.crowd.visibility import follower_slices
from sim.engine.crowd.world import Crowd
from sim.engine.draws import Purpose


def decide(crowd: Crowd) -> None:
    """Attention decays, angry spreaders repost (the content they spread), and stifled
    spreaders stop."""
    pop, spread, tick = crowd.population, crowd.spec.spread, crowd.tick
    if pop.state_counts[State.EXPOSED] == pop.state_counts[State.SPREADING] == 0:
        return
    draws = crowd.draws
    exposed = pop.in_states(State.EXPOSED)
    spreaders = pop.in_states(State.SPREADING)
    bored = exposed[
        draws.uniform(Purpose.BORED, exposed, tick)
        < per_tick_probability(spread.exposed_half_life_h, crowd.tick_h)
    ]
    repost_rate = spread.repost_anger_rate * pop.anger[spreaders] * crowd.statements.thread_fuel
    reposters = spreaders[
        draws.uniform(Purpose.REPOST, spreaders, tick)
        < rate_to_tick_probability(repost_rate, crowd.tick_h)
    ]
    tired = spreaders[
        draws.uniform(Purpose.TIRED, spreaders, tick)
        < per_tick_probability(spread.spreader_half_life_h, crowd.tick_h)
    ]
    stifled = _stifled(crowd, reposters) if spread.stifling else reposters[:0]

    post_negative(crowd, reposters, Origin.REPOST, pop.carried_appeal[reposters])
    pop.set_state(np.concatenate((bored, tired, stifled)), State.REMOVED)


def _stifled(crowd: Crowd, reposters: np.ndarray) -> np.ndarray:
    """A repost landing mostly on followers who already know stops the spreader."""
    if len(reposters) == 0:
        return reposters
    pop = crowd.population
    readers, owner = follower_slices(pop.followers, reposters)
    aware = np.bincount(owner, weights=pop.ever_aware[readers], minlength=len(reposters))
    chance = stifling_probability(aware, pop.follower_counts[reposters])
    return reposters[crowd.draws.uniform(Purpose.STIFLED, reposters, crowd.tick) < chance]
