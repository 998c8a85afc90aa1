"""Shared builders for engine tests: small, fast scenarios with explicit parameters."""

from __future__ import annotations

import pytest

from sim.spec.schema import ScenarioSpec


def make_spec(users: int = 600, days: float = 1.0, **crisis) -> ScenarioSpec:
    """A preventable crisis started by influencers, on a small graph and a short horizon."""
    settings = {
        "type": "data_breach",
        "cluster": "preventable",
        "severity": 0.7,
        "true_responsibility": 0.8,
        "seeds": 10,
        "seed_from": "influencers",
    }
    settings.update(crisis)
    return ScenarioSpec(
        schema_version=1,
        meta={"title": "test crisis", "summary": "a crisis for tests"},
        crisis=settings,
        graph={"users": users},
        turns={"horizon_days": days},
    )


@pytest.fixture
def small_spec() -> ScenarioSpec:
    return make_spec()
