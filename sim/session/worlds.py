"""Worlds shared between the sessions of one process: a sweep plays every protocol and every
variation of a seed on the same follower graph and population, so it builds that world once.

A world is read-only (sim.engine.world.world), and its key is everything its builder reads
(the scenario's graph and population sections, the crisis's priors, a graph file's size and
time) with the seed, so a session given a shared world plays exactly the run it would play on
its own. The lab groups its runs by `world_key`, so one process meets a seed's runs together
and a couple of kept worlds are enough.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import lru_cache

from sim.engine.world.world import World, WorldRecipe, build_world, recipe_of
from sim.spec.schema import ScenarioSpec

_KEPT = 2  # worlds kept per process: the one in play and the one before it


def world_key(spec: ScenarioSpec, seed: int) -> Hashable:
    """Equal for two runs exactly when they play on the same world."""
    return (recipe_of(spec), int(seed))


def shared_world(spec: ScenarioSpec, seed: int) -> World:
    """The world of `spec` and `seed`, built on the first request in this process."""
    return _built(recipe_of(spec), int(seed))


@lru_cache(maxsize=_KEPT)
def _built(recipe: WorldRecipe, seed: int) -> World:
    return build_world(recipe, seed)
