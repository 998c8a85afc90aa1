"""The scenario: its schema (frozen pydantic models) and how it is read from TOML."""

from sim.spec.loader import load_scenario
from sim.spec.schema import (
    Channel,
    Cluster,
    CrisisType,
    InjectEffect,
    InjectType,
    MonitoringLevel,
    ScenarioSpec,
    Spokesperson,
    Strategy,
    Voice,
)

__all__ = [
    "Channel",
    "Cluster",
    "CrisisType",
    "InjectEffect",
    "InjectType",
    "MonitoringLevel",
    "ScenarioSpec",
    "Spokesperson",
    "Strategy",
    "Voice",
    "load_scenario",
]
