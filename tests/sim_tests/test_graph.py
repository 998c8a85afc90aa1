"""The follower graph: generator invariants, the section 8 targets of docs/model.md, estimators
and files."""

from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from scipy.sparse import csr_matrix

from sim.engine.world.graph import (
    GraphStats,
    _adjacency,
    _with_edges,
    average_clustering,
    export_graph,
    generate_follower_graph,
    graph_stats,
    load_graph,
    reciprocity,
    tail_exponent_mle,
)
from sim.errors import ScenarioError

DEFAULTS = {"mean_out_degree": 20.0, "tail_exponent": 2.3, "reciprocity": 0.22}


def _generate(users: int, seed: int, triadic_closure: float = 0.15) -> csr_matrix:
    return generate_follower_graph(
        users=users, triadic_closure=triadic_closure, rng=np.random.default_rng(seed), **DEFAULTS
    )


def _digraph(adjacency: csr_matrix) -> nx.DiGraph:
    return nx.from_scipy_sparse_array(adjacency, create_using=nx.DiGraph)


@pytest.fixture(scope="module")
def default_stats() -> GraphStats:
    """One default graph at N = 10,000, the size docs/model.md section 8 states its targets for."""
    return graph_stats(_generate(10_000, seed=2024), np.random.default_rng(7))


# --------------------------------------------------------------------------- generator


def test_same_seed_gives_identical_arrays_and_other_seeds_differ() -> None:
    first, again, other = _generate(2_000, 11), _generate(2_000, 11), _generate(2_000, 12)
    for name in ("indptr", "indices", "data"):
        np.testing.assert_array_equal(getattr(first, name), getattr(again, name))
    assert not np.array_equal(first.indices, other.indices)


def test_graph_is_simple_with_sorted_int32_indices() -> None:
    adjacency = _generate(3_000, 5)
    assert adjacency.shape == (3_000, 3_000)
    assert adjacency.indices.dtype == np.int32
    assert adjacency.data.dtype == np.int8
    assert np.all(adjacency.data == 1)
    rows = np.repeat(np.arange(3_000), np.diff(adjacency.indptr))
    assert not np.any(rows == adjacency.indices), "self-loop"
    same_row = rows[1:] == rows[:-1]
    assert np.all(np.diff(adjacency.indices)[same_row] > 0), "unsorted or duplicate follower"


@pytest.mark.parametrize("seed", range(4))
def test_edges_merged_into_a_graph_give_the_graph_built_from_all_of_them(seed) -> None:
    """The generator adds its closure follows and follow-backs by merging (`_with_edges`): the
    arrays are those of one build from every edge, duplicates, loops and repeats included."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 300))
    old = rng.integers(0, n, (2, int(rng.integers(1, 4 * n)))).astype(np.int32)
    new = rng.integers(0, n, (2, int(rng.integers(0, 2 * n)))).astype(np.int32)
    again = min(new.shape[1] // 3, old.shape[1])
    new[:, :again] = old[:, :again]  # edges the graph already has
    merged = _with_edges(_adjacency(old[0], old[1], n), new[0], new[1])
    built = _adjacency(np.concatenate([old[0], new[0]]), np.concatenate([old[1], new[1]]), n)
    for name in ("indptr", "indices", "data"):
        got, want = getattr(merged, name), getattr(built, name)
        assert got.dtype == want.dtype and got.tobytes() == want.tobytes(), name
    assert merged.has_canonical_format


def test_default_graph_meets_the_model_calibration_targets(default_stats: GraphStats) -> None:
    stats = default_stats
    assert stats.users == 10_000
    assert 18.0 <= stats.mean_followers <= 22.0
    assert 2.0 <= stats.tail_exponent <= 2.6
    assert 0.15 <= stats.reciprocity <= 0.30
    assert 0.005 <= stats.clustering <= 0.2
    assert stats.mean_path_scc <= 6.0
    assert stats.scc_share > 0.9


def test_triadic_closure_raises_clustering() -> None:
    plain = average_clustering(_generate(3_000, 3, triadic_closure=0.0))
    closed = average_clustering(_generate(3_000, 3, triadic_closure=0.5))
    assert closed > 1.5 * plain


@pytest.mark.parametrize(
    "bad",
    [{"users": 1}, {"mean_out_degree": 0.0}, {"reciprocity": 1.0}, {"triadic_closure": 1.0}],
)
def test_impossible_parameters_are_rejected(bad: dict[str, float]) -> None:
    arguments = {"users": 100, **DEFAULTS, "triadic_closure": 0.1, **bad}
    with pytest.raises(ValueError, match="need"):
        generate_follower_graph(rng=np.random.default_rng(0), **arguments)


# --------------------------------------------------------------------------- statistics


def test_clustering_and_reciprocity_agree_with_networkx() -> None:
    small = _generate(400, 9)
    random = nx.to_scipy_sparse_array(nx.gnp_random_graph(300, 0.05, seed=4, directed=True))
    for adjacency in (small, csr_matrix(random)):
        graph = _digraph(adjacency)
        expected = nx.average_clustering(nx.Graph(graph.to_undirected()))
        assert average_clustering(adjacency) == pytest.approx(expected, abs=1e-12)
        assert reciprocity(adjacency) == pytest.approx(nx.reciprocity(graph), abs=1e-12)


def test_graph_stats_on_a_directed_cycle_are_exact() -> None:
    cycle = csr_matrix(nx.to_scipy_sparse_array(nx.cycle_graph(10, create_using=nx.DiGraph)))
    stats = graph_stats(cycle, np.random.default_rng(0), path_samples=50)
    assert stats.edges == 10
    assert stats.scc_share == 1.0
    assert stats.reciprocity == 0.0
    assert stats.clustering == 0.0
    assert stats.mean_path_scc == pytest.approx(5.0)  # distances 1..9 from every node


@pytest.mark.parametrize("alpha", [2.1, 2.3, 2.6])
def test_tail_exponent_mle_recovers_a_zeta_exponent(alpha: float) -> None:
    samples = np.random.default_rng(1).zipf(alpha, size=20_000)
    assert tail_exponent_mle(samples) == pytest.approx(alpha, abs=0.15)
    assert tail_exponent_mle(samples, xmin=5) == pytest.approx(alpha, abs=0.15)


def test_tail_exponent_mle_finds_the_tail_of_a_discretised_pareto() -> None:
    # floor of a Pareto with survival x^-1.3 has density exponent 2.3 in its tail only.
    continuous = np.random.default_rng(2).pareto(1.3, size=30_000) + 1.0
    assert tail_exponent_mle(np.floor(4.0 * continuous)) == pytest.approx(2.3, abs=0.15)


def test_tail_exponent_mle_refuses_to_guess_from_too_little_data() -> None:
    assert np.isnan(tail_exponent_mle(np.array([0, 3, 4]), xmin=4))


# --------------------------------------------------------------------------- files


def test_edge_list_loads_with_comments_header_commas_and_sorted_labels(tmp_path: Path) -> None:
    path = tmp_path / "follows.csv"
    path.write_text("# who reads whom\nsource,target\nb,a\na,c  # trailing\n\nc,b,0.5\nb,a\n")
    adjacency = load_graph(path)
    expected = np.array([[0, 0, 1], [1, 0, 0], [0, 1, 0]])  # labels a, b, c -> 0, 1, 2
    np.testing.assert_array_equal(adjacency.toarray(), expected)
    assert adjacency.indices.dtype == np.int32


def test_edge_list_round_trip_keeps_the_generated_graph(tmp_path: Path) -> None:
    adjacency = _generate(500, 21)
    rows = np.repeat(np.arange(500), np.diff(adjacency.indptr))
    path = tmp_path / "graph.edgelist"
    lines = (
        f"u{source:03d} u{target:03d}"
        for source, target in zip(rows, adjacency.indices, strict=True)
    )
    path.write_text("\n".join(lines) + "\n")
    loaded = load_graph(path)
    present = np.unique(np.concatenate([rows, adjacency.indices]))
    original = adjacency[present][:, present]  # an edge list cannot name isolated users
    assert (loaded != original).nnz == 0


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_export_then_load_round_trip_keeps_edges_and_attributes(
    tmp_path: Path, suffix: str
) -> None:
    adjacency = _generate(120, 8)
    state = np.array(list("SEIZR") * 24)
    attitude = np.random.default_rng(3).uniform(-1, 1, size=120)
    stakeholder = np.arange(120) % 3 == 0
    path = tmp_path / f"world{suffix}"
    export_graph(
        path, adjacency, {"state": state, "attitude": attitude, "stakeholder": stakeholder}
    )

    assert (load_graph(path) != adjacency).nnz == 0
    graph = nx.read_gexf(path) if suffix == ".gexf" else nx.read_graphml(path)
    node = sorted(graph.nodes)[7]
    assert graph.nodes[node]["state"] == state[7]
    assert graph.nodes[node]["attitude"] == pytest.approx(attitude[7])
    assert graph.nodes[node]["stakeholder"] == bool(stakeholder[7])


def test_undirected_graphml_gives_both_directions(tmp_path: Path) -> None:
    path = tmp_path / "friends.graphml"
    nx.write_graphml(nx.path_graph(["x", "y", "z"]), path)
    adjacency = load_graph(path)
    np.testing.assert_array_equal(adjacency.toarray(), [[0, 1, 0], [1, 0, 1], [0, 1, 0]])


def test_missing_file_is_one_sentence_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.graphml"
    with pytest.raises(ScenarioError, match=r"nowhere\.graphml does not exist") as caught:
        load_graph(path)
    assert str(caught.value).endswith(".")


def test_unknown_extension_lists_the_allowed_ones(tmp_path: Path) -> None:
    path = tmp_path / "graph.xlsx"
    path.write_text("a b\n")
    message = r"graph\.xlsx has the unsupported extension '\.xlsx'; use one of .*\.graphml, \.gexf"
    with pytest.raises(ScenarioError, match=message):
        load_graph(path)
    with pytest.raises(ScenarioError, match=r"extension '\.png' is not one of \.gexf, \.graphml"):
        export_graph(tmp_path / "graph.png", _generate(50, 1), {})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.gexf", "<gexf><graph>", r"broken\.gexf is not valid GEXF"),
        ("broken.graphml", "not xml at all", r"broken\.graphml is not valid GraphML"),
        ("short.txt", "a b\nlonely\n", r"short\.txt line 2 has one field 'lonely'"),
        ("empty.txt", "# nothing here\n", r"empty\.txt contains no edges"),
    ],
)
def test_unparseable_content_is_a_scenario_error(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ScenarioError, match=message):
        load_graph(path)
