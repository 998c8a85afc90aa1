"""Outcomes kept per process, by everything that decides them.

A run's outcome is a pure function of its scenario, its seed, the team's actions and the
facilitator's releases (the engine is deterministic, docs/model.md section 9), so a process that
asks for the same run twice can be given the first answer. Two places ask often: a sweep plays
many protocols against each seed's one unanswered run (sim.session.baseline), and an exercise's
what-ifs are asked for by the debrief, then again by each report exported from it, in each of its
formats and languages (sim.session.counterfactual). An `Outcome` is frozen, so a kept one can be
handed to every caller.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence

from sim.action import Action
from sim.outcome import Outcome
from sim.session.record import InjectReleased
from sim.spec.schema import ScenarioSpec

Releases = tuple[tuple[float, str], ...]


def releases_of(releases: Sequence[InjectReleased]) -> Releases:
    """The facilitator's releases as the part of a key they are: each inject and its hour."""
    return tuple((release.at_h, release.inject_id) for release in releases)


def run_key(
    spec: ScenarioSpec,
    seed: int,
    releases: Sequence[InjectReleased],
    actions: Sequence[Action] = (),
) -> Hashable:
    """Equal for two runs exactly when they are the same run: the scenario as loaded (every
    override applied), the seed, the releases and the actions, each as its JSON."""
    return (
        spec.model_dump_json(),
        int(seed),
        releases_of(releases),
        tuple(action.model_dump_json() for action in actions),
    )


class KeptOutcomes:
    """At most `size` outcomes by key, the least recently used dropped first; safe to share
    between threads (the war room measures in worker threads)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._outcomes: OrderedDict[Hashable, Outcome] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Outcome | None:
        with self._lock:
            outcome = self._outcomes.get(key)
            if outcome is not None:
                self._outcomes.move_to_end(key)
            return outcome

    def keep(self, key: Hashable, outcome: Outcome) -> None:
        with self._lock:
            self._outcomes[key] = outcome
            self._outcomes.move_to_end(key)
            while len(self._outcomes) > self.size:
                self._outcomes.popitem(last=False)
