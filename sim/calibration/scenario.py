"""Calibration scenarios: the default parameters of the schema, with only what a check varies,
and the user's `--set` overrides (a sensitivity run: `stormdrill calibrate --set
attitude.learning_rate=0.05`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from sim.errors import ScenarioError
from sim.spec.loader import apply_overrides
from sim.spec.schema import Cluster, Crisis, ScenarioSpec
from sim.validation import describe_validation_error

SOURCE = "calibrate"

META = {"title": "calibration", "summary": "A docs/model.md section 8 calibration run."}

# The type only chooses post templates; the dynamics depend on the cluster.
NEUTRAL_CRISIS = {"type": "data_breach", "cluster": "victim"}

CLUSTER_ORDER = (Cluster.VICTIM, Cluster.ACCIDENTAL, Cluster.PREVENTABLE)


def calibration_spec(
    users: int,
    crisis: dict[str, Any] | None = None,
    overrides: Sequence[str] = (),
    **sections: Any,
) -> ScenarioSpec:
    """A scenario with the schema's defaults except the crisis, the size, `sections` and the
    user's `overrides`. Where both set a field, the check's own design wins (its crisis, horizon
    and size are what the check measures); a bad override is one ScenarioError sentence."""
    design: dict[str, Any] = {
        "schema_version": 1,
        "meta": META,
        "crisis": crisis or NEUTRAL_CRISIS,
        "graph": {"users": users},
        **sections,
    }
    data = apply_overrides({}, overrides, SOURCE)
    for name, value in design.items():
        user = data.get(name)
        if isinstance(user, dict) and isinstance(value, dict):
            data[name] = {**user, **value}
        else:
            data[name] = value
    try:
        return ScenarioSpec.model_validate(data)
    except ValidationError as error:
        raise ScenarioError(describe_validation_error(error, SOURCE, ScenarioSpec)) from None


def cluster_base_responsibility(cluster: Cluster) -> float:
    """The default perceived responsibility of a cluster, used as its true responsibility so
    evidence can surface only where the public is right to blame the brand (preventable)."""
    default = Crisis.model_fields["cluster_responsibility"].default
    return float(default[CLUSTER_ORDER.index(cluster)])
