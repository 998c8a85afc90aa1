"""Shared builders for engine tests: small, fast scenarios with explicit parameters, and an
outcome written out by hand for the tests of what people read."""

from __future__ import annotations

import pytest

from sim.outcome import Outcome
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


def hand_made_outcome(**changes: object) -> Outcome:
    """An outcome written out by hand: 4,870 people heard of the crisis under silence, the
    answers avoided 38% of silence's damage; `changes` sets any field."""
    fields: dict[str, object] = {
        "seed": 1,
        "aware_damage": 0.42,
        "aware_damage_peak": 1.35,
        "stakeholder_damage": 0.31,
        "damage_avoided": 0.38,
        "unanswered_aware_damage": 0.79,
        "unanswered_negative_reach": 4870,
        "peak_negative_h": 4.0,
        "volume_recovery_h": 30.0,
        "reputation_index_start": 64.9,
        "reputation_index_final": 64.6,
        "reputation_index_min": 64.2,
        "reputation_index_drop": 0.7,
        "stakeholder_reputation_index_final": 64.5,
        "negative_reach": 4102,
        "spreaders_total": 55,
        "peak_negative_posts_per_hour": 41.0,
        "negative_posts_total": 310,
        "time_to_detection_h": 1.1,
        "time_to_first_response_h": 1.25,
        "response_coverage": 0.46,
        "spoke_before_media": True,
        "recovery_time_h": 52.0,
        "media_pickups": 1,
        "evidence_emerged": False,
        "inconsistencies": 0,
    }
    return Outcome.model_validate({**fields, **changes})
