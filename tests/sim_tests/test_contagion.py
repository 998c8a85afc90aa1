"""The contagion kernel: independent cascade and discrete SIR over the follower graph's CSR rows."""

import itertools
import random

import networkx as nx
import numpy as np
import pytest
from scipy.sparse import csr_matrix

from sim.engine.crowd.contagion import ContagionResult, independent_cascade, sir
from sim.engine.world.graph import generate_follower_graph


def _graph(users: int, seed: int, mean_out_degree: float = 4.0) -> csr_matrix:
    return generate_follower_graph(
        users, mean_out_degree, 2.3, 0.2, 0.1, rng=np.random.default_rng(seed)
    )


def _hops(adjacency: csr_matrix, seeds: np.ndarray, cutoff: int) -> dict[int, int]:
    """Fewest follower-hops from any seed to each user reachable within `cutoff`, by networkx."""
    graph = nx.from_scipy_sparse_array(adjacency, create_using=nx.DiGraph)
    hops: dict[int, int] = {}
    for seed in seeds.tolist():
        for user, distance in nx.single_source_shortest_path_length(graph, seed, cutoff).items():
            hops[user] = min(distance, hops.get(user, distance))
    return hops


def _reference_sir(
    adjacency: csr_matrix, seeds: np.ndarray, beta: float, gamma: float, steps: int, rng
) -> int:
    """The process as its docstring words it, one uniform per edge and per recovery."""
    bounds = adjacency.indptr.tolist()
    rows = [adjacency.indices[a:b].tolist() for a, b in itertools.pairwise(bounds)]
    state = ["S"] * adjacency.shape[0]
    infected = sorted(set(seeds.tolist()))
    for user in infected:
        state[user] = "I"
    ever = len(infected)
    for _ in range(steps):
        newly = []
        for user in infected:
            for follower in rows[user]:
                if rng.random() < beta and state[follower] == "S":
                    state[follower] = "reached"
                    newly.append(follower)
        still = []
        for user in infected:
            if rng.random() < gamma:
                state[user] = "R"
            else:
                still.append(user)
        for user in newly:
            state[user] = "I"
        infected = still + newly
        ever += len(newly)
    return ever


SMALL = _graph(300, seed=1)
SEEDS = np.array([0, 5, 17, 42, 5])  # a repeated seed counts once


@pytest.mark.parametrize("steps", [1, 2, 3, 50])
def test_with_certain_transmission_the_cascade_reaches_exactly_the_users_within_steps_hops(steps):
    hops = _hops(SMALL, np.unique(SEEDS), steps)
    result = independent_cascade(SMALL, SEEDS, 1.0, steps, np.random.default_rng(0))
    assert result.ever_infected == len(hops)
    per_hop = np.bincount(list(hops.values()), minlength=steps + 1)
    assert list(result.new_infections) == per_hop[1 : steps + 1].tolist()


def test_with_no_transmission_only_the_seeds_are_ever_infected():
    result = independent_cascade(SMALL, SEEDS, 0.0, 10, np.random.default_rng(0))
    assert (result.ever_infected, result.recovered, result.infected) == (4, 4, 0)
    assert not any(result.new_infections)


def test_the_states_partition_the_users_and_the_edge_count_is_the_spent_users_rows():
    degree = np.diff(SMALL.indptr)
    seeds = np.array([3, 9])
    result = independent_cascade(SMALL, seeds, 1.0, 100, np.random.default_rng(0))
    spent = np.array(sorted(_hops(SMALL, seeds, 100)))
    assert result.susceptible + result.infected + result.recovered == SMALL.shape[0]
    assert result.infected == 0  # the cascade burnt out: everyone reached has had their turn
    assert result.edges_processed == degree[spent].sum()


def test_the_same_seed_gives_the_same_run_and_another_seed_another():
    graph = _graph(2000, seed=2, mean_out_degree=10.0)
    seeds = np.arange(0, 2000, 200)

    def run(seed: int) -> ContagionResult:
        return sir(graph, seeds, 0.1, 0.4, 30, np.random.default_rng(seed))

    assert run(7) == run(7)
    assert run(7).new_infections != run(8).new_infections


@pytest.mark.parametrize(("beta", "gamma"), [(0.3, 1.0), (0.15, 0.5)])
def test_the_mean_final_size_matches_a_plain_per_edge_monte_carlo(beta, gamma):
    graph = _graph(120, seed=3)
    seeds = np.argsort(np.diff(graph.indptr))[-3:]  # the three most followed users
    runs = 1500
    rng = np.random.default_rng(11)
    kernel = np.array([sir(graph, seeds, beta, gamma, 8, rng).ever_infected for _ in range(runs)])
    plain_rng = random.Random(12)
    plain = np.array([_reference_sir(graph, seeds, beta, gamma, 8, plain_rng) for _ in range(runs)])
    error = np.sqrt((kernel.var() + plain.var()) / runs)
    assert plain.mean() > 10 * len(seeds)  # a real outbreak, not the seeds alone
    assert abs(kernel.mean() - plain.mean()) < 4 * error


def test_sir_with_certain_recovery_is_the_independent_cascade_draw_for_draw():
    graph = _graph(2000, seed=4, mean_out_degree=10.0)
    seeds = np.arange(10)
    for seed in range(5):
        cascade = independent_cascade(graph, seeds, 0.12, 20, np.random.default_rng(seed))
        assert cascade == sir(graph, seeds, 0.12, 1.0, 20, np.random.default_rng(seed))


@pytest.mark.parametrize("steps", [2, 4])
def test_sir_without_recovery_and_certain_transmission_reaches_the_reachable_set(steps):
    result = sir(SMALL, SEEDS, 1.0, 0.0, steps, np.random.default_rng(0))
    assert result.ever_infected == len(_hops(SMALL, np.unique(SEEDS), steps))
    assert result.recovered == 0


def test_sir_counts_an_infected_users_edges_again_every_step_it_stays_infected():
    degree = np.diff(SMALL.indptr)
    seeds = np.array([int(np.argmax(degree))])
    result = sir(SMALL, seeds, 0.0, 0.0, 5, np.random.default_rng(0))
    assert result.edges_processed == 5 * degree[seeds[0]]
    assert (result.infected, result.recovered) == (1, 0)
