"""The Mesa version shims: seeding, garbage collection, and names Mesa keeps for itself."""

from __future__ import annotations

import gc
import weakref

import mesa

from sim.engine.mesa_compat import RESERVED_MODEL_NAMES, model_init_kwargs, release_model
from sim.engine.model import CrisisModel


class _Actor(mesa.Agent):
    pass


def test_seed_is_passed_as_a_plain_int_through_rng():
    kwargs = model_init_kwargs(12)
    assert kwargs == {"rng": 12} and type(kwargs["rng"]) is int
    first, second = mesa.Model(**kwargs), mesa.Model(**kwargs)
    assert first.rng.random() == second.rng.random()
    assert first.random.random() == second.random.random()


def test_a_released_model_with_agents_is_garbage_collected():
    model = mesa.Model(**model_init_kwargs(1))
    _Actor(model)
    release_model(model)
    ref = weakref.ref(model)
    del model
    gc.collect()
    assert ref() is None


def test_crisis_model_does_not_shadow_mesa_machinery():
    own = {name for name in vars(CrisisModel) if not name.startswith("__")}
    assert not own & RESERVED_MODEL_NAMES
