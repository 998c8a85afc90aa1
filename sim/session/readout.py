"""The Session's views read off the model: the one module outside the engine that knows the
model's attributes, so a change inside the engine is mended here and nowhere else.

Every reader takes the model's running counts and totals; none walks the population except
the graph export, which writes every user anyway.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from sim.engine.model import CrisisModel
from sim.engine.world.graph import EXPORT_SUFFIXES, export_graph
from sim.outcome import share_avoided
from sim.session.views import AgainstSilence, GroundTruth, RunRecord, Statement
from sim.vocabulary import STATE_NAMES, State

GRAPH_EXPORT_SUFFIXES = EXPORT_SUFFIXES
"""The file types `Session.export_graph` writes, by extension."""


def ground_truth_of(model: CrisisModel) -> GroundTruth:
    counts = model.population.state_counts
    return GroundTruth(
        now_h=model.hours,
        aware_damage=model.aware_damage,
        stakeholder_damage=(
            model.baseline_stakeholder_reputation_index - model.stakeholder_reputation_index
        ),
        reputation_index=model.reputation_index,
        reputation_index_start=model.baseline_reputation_index,
        stakeholder_reputation_index=model.stakeholder_reputation_index,
        aware=model.aware_total,
        spreaders=model.spreaders_total,
        state_counts={STATE_NAMES[state]: int(counts[state]) for state in State},
        pending_inject_ids=model.pending_inject_ids,
        released_inject_ids=tuple(model.released_injects),
    )


def against_silence_of(played: CrisisModel, silent: CrisisModel) -> AgainstSilence:
    """Two runs of one seed at the same hour, the second with no answer."""
    return AgainstSilence(
        now_h=played.hours,
        damage_avoided=share_avoided(_lost(played), _lost(silent)),
        unanswered_aware_damage=silent.aware_damage,
        unanswered_aware=silent.aware_total,
    )


def _lost(model: CrisisModel) -> float:
    """The RI the whole population has lost since before the crisis."""
    return model.baseline_reputation_index - model.reputation_index


def run_record_of(model: CrisisModel) -> RunRecord:
    return RunRecord(
        now_h=model.hours,
        series=model.series(),
        statements=tuple(
            Statement(at_h=at_h, action=action) for at_h, action in model.brand.released
        ),
        events=tuple(model.events),
        detected_at_h=model.monitor.detected_at_h,
        first_statement_h=model.brand.first_public_h,
        released_inject_ids=tuple(model.released_injects),
        inconsistencies=model.brand.inconsistencies,
        evidence_at_h=model.evidence_h,
    )


def write_graph(model: CrisisModel, path: Path) -> None:
    """The follower graph with what Gephi colours users by: their state and attitude now, and
    whether they ever knew or ever spread."""
    population = model.population
    attributes = {
        "state": np.array([STATE_NAMES[State(code)] for code in population.state]),
        "attitude": population.attitude(),
        "ever_aware": population.ever_aware,
        "ever_spread": population.ever_spread,
    }
    export_graph(path, population.followers, attributes)
