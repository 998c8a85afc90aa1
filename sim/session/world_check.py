"""What a run checks of a scenario beyond its file, for `stormdrill scenarios validate` to
check too: a graph file named by `graph.source` must read as a follower graph, by the same
loader a run uses, so a scenario that validates is one that runs."""

from __future__ import annotations

from pathlib import Path

from sim.engine.world.graph import load_graph
from sim.spec.loader import GENERATED_GRAPH
from sim.spec.schema import ScenarioSpec


def check_world(spec: ScenarioSpec) -> None:
    """Raise the ScenarioError a run would raise for the scenario's graph file, if any."""
    if spec.graph.source != GENERATED_GRAPH:
        load_graph(Path(spec.graph.source))
