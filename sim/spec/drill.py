"""Whether a scenario's MSEL keeps a drill busy: something new in every turn, and an escalation in
the second half, judged from the file alone (no run), so a test over the library and an author
reading `stormdrill scenarios show` see the same thing.

- A turn k (1-based, of the scenario's turn length) holds the injects due in (k-1, k] turn
  lengths after the trigger, as the model releases them (docs/model.md: an inject due at a
  turn's end is in that turn).
- Only timed injects without an `if_no_statement_by_h` condition count: a volume trigger or a
  condition depends on play, so it may never come.
- An escalation is such an inject with an effect on the simulated crowd (a new negative wave, a
  media pickup or evidence surfacing): the crisis flares up again whatever the team did.
"""

from __future__ import annotations

import math

from sim.clock import EPSILON_H
from sim.spec.schema import Inject, InjectEffect, ScenarioSpec

DRILL_TURNS = 12
"""A 90-minute tabletop drill plays about 12 turns."""


def _sure(inject: Inject) -> bool:
    return inject.time_h is not None and inject.if_no_statement_by_h is None


def turn_of(inject: Inject, spec: ScenarioSpec) -> int:
    """The turn a timed inject arrives in."""
    assert inject.time_h is not None
    turn_h = spec.turns.turn_ticks * spec.turns.tick_h
    return max(1, math.ceil(inject.time_h / turn_h - EPSILON_H))


def quiet_turns(spec: ScenarioSpec, turns: int = DRILL_TURNS) -> tuple[int, ...]:
    """The turns of a `turns`-turn drill in which no inject surely arrives."""
    busy = {turn_of(inject, spec) for inject in spec.injects if _sure(inject)}
    return tuple(turn for turn in range(1, turns + 1) if turn not in busy)


def second_half_escalations(spec: ScenarioSpec, turns: int = DRILL_TURNS) -> tuple[str, ...]:
    """The ids of the injects that surely escalate the crisis in the second half of the drill."""
    return tuple(
        inject.id
        for inject in spec.injects
        if _sure(inject)
        and inject.effect is not InjectEffect.NONE
        and turns // 2 < turn_of(inject, spec) <= turns
    )
