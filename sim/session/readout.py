"""The Session's views read off the model: the one module outside the engine that knows the
model's attributes, so a change inside the engine is mended here and nowhere else.

Every reader takes the model's running counts and totals; none walks the population except
the user timeline and the graph export, which are about every user.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from sim.engine.model import CrisisModel
from sim.engine.world.graph import EXPORT_SUFFIXES, Spell, export_graph
from sim.feed.persona import make_persona
from sim.outcome import share_avoided
from sim.session.views import AgainstSilence, GroundTruth, RunRecord, Statement, UserTimeline
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


def user_timeline_of(model: CrisisModel) -> UserTimeline:
    population = model.population
    followers = population.follower_counts.tolist()
    locale = model.spec.meta.locale
    influencer = population.influencer.tolist()
    return UserTimeline(
        now_h=model.hours,
        handle=tuple(
            make_persona(model.seed, user, followers[user], locale, influencer[user]).handle
            for user in range(population.size)
        ),
        followers=tuple(followers),
        state=tuple(STATE_NAMES[State(code)] for code in population.state.tolist()),
        attitude=tuple(population.attitude().tolist()),
        aware_h=_hours(population.aware_tick, model.tick_h),
        spread_h=_hours(population.spread_tick, model.tick_h),
        turned_h=_hours(population.turned_tick, model.tick_h),
    )


def _hours(ticks: np.ndarray, tick_h: float) -> tuple[float | None, ...]:
    """A tick of each user as the hour at its end (None for -1: never)."""
    return tuple(None if tick < 0 else (tick + 1) * tick_h for tick in ticks.tolist())


def write_graph(model: CrisisModel, path: Path, users: UserTimeline) -> None:
    """The follower graph with what Gephi colours and sizes users by: their handle (the label),
    follower count, state and attitude at the end, and when they heard, spread and turned
    against the brand; in GEXF also a `phase` over time (unaware, aware, spreading) and
    `against_brand` over time, so Gephi's timeline replays the spread."""
    population = model.population
    attributes = {
        "label": np.array([f"@{handle}" for handle in users.handle]),
        "handle": np.array(users.handle),
        "followers": np.array(users.followers),
        "state": np.array(users.state),
        "attitude": np.array(users.attitude),
        "ever_aware": population.ever_aware,
        "ever_spread": population.ever_spread,
        **{
            name: np.array([np.nan if hour is None else hour for hour in hours])
            for name, hours in (
                ("aware_h", users.aware_h),
                ("spread_h", users.spread_h),
                ("turned_h", users.turned_h),
            )
        },
    }
    end = users.now_h
    dynamic = {
        "phase": [
            _phases(aware, spread, end)
            for aware, spread in zip(users.aware_h, users.spread_h, strict=True)
        ],
        "against_brand": [_switch(turned, end) for turned in users.turned_h],
    }
    export_graph(path, population.followers, attributes, dynamic)


def _phases(aware_h: float | None, spread_h: float | None, end_h: float) -> list[Spell]:
    """unaware until the user heard, aware until they spread, spreading from then on."""
    changes = [(0.0, "unaware"), (aware_h, "aware"), (spread_h, "spreading")]
    known = [(hour, phase) for hour, phase in changes if hour is not None]
    spells: list[Spell] = []
    for (start, phase), (stop, _) in zip(known, [*known[1:], (end_h, "")], strict=True):
        if stop > start:
            spells.append((phase, start, stop))
    return spells or [(known[-1][1], 0.0, end_h)]


def _switch(at_h: float | None, end_h: float) -> list[Spell]:
    """false until the hour, true from it (false throughout if it never came)."""
    if at_h is None:
        return [(False, 0.0, end_h)]
    spells: list[Spell] = [(False, 0.0, at_h)] if at_h > 0 else []
    return [*spells, (True, at_h, end_h)]
