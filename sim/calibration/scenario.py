"""Calibration scenarios: the default parameters of the schema, with only what a check varies."""

from __future__ import annotations

from typing import Any

from sim.spec.schema import Cluster, Crisis, ScenarioSpec

META = {"title": "calibration", "summary": "A MODEL.md section 8 calibration run."}

# The type only chooses post templates; the dynamics depend on the cluster.
NEUTRAL_CRISIS = {"type": "data_breach", "cluster": "victim"}

CLUSTER_ORDER = (Cluster.VICTIM, Cluster.ACCIDENTAL, Cluster.PREVENTABLE)


def calibration_spec(users: int, crisis: dict[str, Any] | None = None, **sections) -> ScenarioSpec:
    """A scenario with the schema's defaults except the crisis, the size and `sections`."""
    return ScenarioSpec(
        schema_version=1,
        meta=META,
        crisis=crisis or NEUTRAL_CRISIS,
        graph={"users": users},
        **sections,
    )


def cluster_base_responsibility(cluster: Cluster) -> float:
    """The default perceived responsibility of a cluster, used as its true responsibility so
    evidence can surface only where the public is right to blame the brand (preventable)."""
    default = Crisis.model_fields["cluster_responsibility"].default
    return float(default[CLUSTER_ORDER.index(cluster)])
