"""The world a run plays on: the follower graph, who listens to whom, and the users' publics and
priors. It is drawn from the seed's own streams before the run's first tick and never changed
by the run, so one world can serve every run of the same seed and recipe: the protocols of a
sweep, the variations that leave the world alone, the unanswered baseline.

Sharing is safe because it is enforced, not assumed: every array of a built world is made
read-only, so a phase that tried to write into one would raise instead of leaking one run's
state into the next. What a run does change (states, memory, anger, stamps) is made fresh for
each run by `populate`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from sim.engine.crowd.attitude import listening_graph
from sim.engine.world.population import Publics, draw_publics, mean_responsibility
from sim.spec.loader import GENERATED_GRAPH
from sim.spec.schema import Graph, ScenarioSpec
from sim.spec.schema import Population as PopulationSpec

STREAMS = ("graph", "population")
"""The seed's streams, spawned in this order from `SeedSequence(seed)`: the graph's, then the
population's."""


@dataclass(frozen=True)
class WorldRecipe:
    """Everything the world's builder reads: two worlds with equal recipes and seeds are the
    same world, bit for bit. `graph_file` is the size and modification time of a graph file
    (None for a generated graph), so a file edited between two runs makes a different world."""

    graph: Graph
    population: PopulationSpec
    prior_reputation: float
    mean_responsibility: float
    responsibility_noise: float
    graph_file: tuple[int, int] | None


def recipe_of(spec: ScenarioSpec) -> WorldRecipe:
    """The part of a scenario that shapes its world."""
    crisis = spec.crisis
    graph_file = None
    if spec.graph.source != GENERATED_GRAPH:
        try:
            status = os.stat(spec.graph.source)
            graph_file = (status.st_size, status.st_mtime_ns)
        except OSError:
            graph_file = None  # the loader names the missing file when the world is built
    return WorldRecipe(
        graph=spec.graph,
        population=spec.population,
        prior_reputation=crisis.prior_reputation,
        mean_responsibility=mean_responsibility(crisis),
        responsibility_noise=crisis.responsibility_noise,
        graph_file=graph_file,
    )


@dataclass(frozen=True, eq=False)
class World:
    """A built world, read-only. `followers` row u: who sees u's posts; `listening` row u: the
    active followees u reads (social averaging's graph)."""

    recipe: WorldRecipe
    seed: int
    followers: csr_matrix
    listening: csr_matrix
    publics: Publics

    def fits(self, spec: ScenarioSpec, seed: int) -> bool:
        """Whether this is the world `spec` and `seed` would build."""
        return self.seed == int(seed) and self.recipe == recipe_of(spec)


def build_world(recipe: WorldRecipe, seed: int) -> World:
    """Draw the world of a recipe and seed from the seed's graph and population streams."""
    graph_stream, population_stream = np.random.SeedSequence(int(seed)).spawn(len(STREAMS))
    followers = follower_graph(recipe.graph, np.random.default_rng(graph_stream))
    return world_on(recipe, int(seed), followers, np.random.default_rng(population_stream))


def world_on(
    recipe: WorldRecipe, seed: int, followers: csr_matrix, rng: np.random.Generator
) -> World:
    """The world of a recipe on a follower graph already drawn (or read), its population drawn
    from `rng`."""
    publics = draw_publics(
        recipe.population,
        recipe.prior_reputation,
        recipe.mean_responsibility,
        recipe.responsibility_noise,
        np.diff(followers.indptr),
        rng,
    )
    listening = listening_graph(followers.T.tocsr(), publics.active).graph
    for matrix in (followers, listening):
        _freeze(matrix.data, matrix.indices, matrix.indptr)
    _freeze(*vars(publics).values())
    return World(recipe, seed, followers, listening, publics)


def follower_graph(graph: Graph, rng: np.random.Generator) -> csr_matrix:
    """The follower graph a scenario's graph section asks for: generated, or read from the
    user's file."""
    from sim.engine.world.graph import generate_follower_graph, load_graph

    if graph.source == GENERATED_GRAPH:
        return generate_follower_graph(
            graph.users,
            graph.mean_out_degree,
            graph.tail_exponent,
            graph.reciprocity,
            graph.triadic_closure,
            rng,
        )
    return load_graph(Path(graph.source))


def _freeze(*arrays: np.ndarray) -> None:
    for array in arrays:
        array.flags.writeable = False
