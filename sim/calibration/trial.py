"""A response trial: one full model run with scripted brand responses, and the final state of
every user who was exposed to the crisis (checks 4 and 5).

The exposed user is the unit of measurement, as in the SCCT experiments the targets come from:
each participant reads about a crisis and a response and reports an attitude.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.action import Action
from sim.engine.model import CrisisModel
from sim.spec.schema import ScenarioSpec


@dataclass(frozen=True)
class Trial:
    spec: ScenarioSpec
    seed: int
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class ExposedUsers:
    """Everyone ever aware of the crisis at the horizon, one entry per user."""

    responsibility: np.ndarray
    attitude: np.ndarray
    anchor: np.ndarray
    saw_response: np.ndarray

    @property
    def count(self) -> int:
        return self.attitude.size

    @property
    def change(self) -> np.ndarray:
        """Attitude formed during the crisis: final minus pre-crisis anchor."""
        return self.attitude - self.anchor


def run_trial(trial: Trial) -> ExposedUsers:
    model = CrisisModel(trial.spec, trial.seed)
    try:
        for action in trial.actions:
            model.schedule(action)
        model.run_to_horizon()
        pop = model.population
        exposed = np.flatnonzero(pop.ever_aware)
        return ExposedUsers(
            responsibility=pop.responsibility[exposed].copy(),
            attitude=pop.attitude(exposed),
            anchor=pop.anchor[exposed].copy(),
            saw_response=pop.saw_statement[exposed].copy(),
        )
    finally:
        model.close()
