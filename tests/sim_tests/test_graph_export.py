"""The follower graph for Gephi (`run --graph-out`): users with their handle and follower count,
edges from an account to its followers, and in GEXF the spread over time, from the Session's
user timeline."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from sim.cli.main import main
from sim.data_dictionary import GRAPH_NODE_ATTRIBUTES
from sim.session import Session
from sim.spec.loader import load_scenario
from tests.tiny import TINY

SHORT = ("turns.horizon_days=1",)
EPSILON = 1e-9


@pytest.fixture(scope="module")
def finished() -> Session:
    session = Session(load_scenario(TINY, SHORT), 3)
    session.finish()
    return session


@pytest.fixture(scope="module")
def gexf(tmp_path_factory) -> nx.DiGraph:
    path = tmp_path_factory.mktemp("graph") / "graph.gexf"
    assert main(["run", TINY, "--seed", "3", "--set", *SHORT, "--graph-out", str(path)]) == 0
    return nx.read_gexf(path)


def test_the_timeline_counts_what_the_series_counts_at_every_tick(finished):
    users = finished.user_timeline()
    series = finished.run_record().series
    for hour, aware, spreaders in zip(
        series["hour"], series["aware_total"], series["spreaders_total"], strict=True
    ):
        assert sum(h is not None and h <= hour + EPSILON for h in users.aware_h) == aware
        assert sum(h is not None and h <= hour + EPSILON for h in users.spread_h) == spreaders
    assert all(
        spread is None or (aware is not None and aware <= spread)
        for aware, spread in zip(users.aware_h, users.spread_h, strict=True)
    ), "nobody spreads before hearing of it"


def test_someone_turned_against_the_brand_and_only_once_it_had_begun(finished):
    users = finished.user_timeline()
    turned = [hour for hour in users.turned_h if hour is not None]
    assert turned, "a crisis left unanswered turns some who liked the brand"
    assert all(0 < hour <= users.now_h for hour in turned)


def test_nodes_carry_handle_followers_and_the_documented_attributes(gexf, finished):
    users = finished.user_timeline()
    assert gexf.number_of_nodes() == len(users.handle) == 200
    documented = {column.name for column in GRAPH_NODE_ATTRIBUTES}
    for index, (node, data) in enumerate(sorted(gexf.nodes(data=True))):
        assert int(node) == index
        assert set(data) == documented
        assert data["handle"] == users.handle[index] and data["label"] == f"@{data['handle']}"
        assert data["followers"] == users.followers[index] == gexf.out_degree(node)


def test_edges_run_from_an_account_to_its_followers(gexf, tmp_path):
    """`load_graph` reads an edge a -> b as b following a: the export reads back as the same
    graph, so an edge's direction in Gephi is the direction the story travels."""
    path = tmp_path / "graph.gexf"
    nx.write_gexf(gexf, path)
    scenario = load_scenario(TINY, (*SHORT, f"graph.source={path}"))
    again = Session(scenario, 3).user_timeline()
    assert list(again.followers) == [gexf.out_degree(node) for node in sorted(gexf.nodes)]


def value_at(spells: list[tuple], hour: float) -> object:
    (value,) = (value for value, start, end in spells if start <= hour < end)
    return value


def expected_phase(data: dict, hour: float) -> str:
    if not math.isnan(data["spread_h"]) and data["spread_h"] <= hour:
        return "spreading"
    if not math.isnan(data["aware_h"]) and data["aware_h"] <= hour:
        return "aware"
    return "unaware"


def test_gexf_replays_the_spread_on_gephis_timeline(gexf):
    assert gexf.graph["mode"] == "dynamic"
    end = max(stop for _, data in gexf.nodes(data=True) for _, _, stop in data["phase"])
    replayed = 0
    for _, data in gexf.nodes(data=True):
        moments = [0.0, end - 0.01]
        moments += [data[name] for name in ("aware_h", "spread_h") if not math.isnan(data[name])]
        for hour in moments:
            assert value_at(data["phase"], hour) == expected_phase(data, hour)
        turned = data["turned_h"]
        against = [value in (True, "True") for value, _, _ in data["against_brand"]]
        if math.isnan(turned):
            assert against == [False]
        else:
            assert against[-1] and data["against_brand"][-1][1] == pytest.approx(turned)
        replayed += len(data["phase"]) > 1
    assert replayed > 100, "most users of the tiny scenario hear of it during the day"


def test_graphml_has_the_times_without_dynamics(tmp_path):
    path = tmp_path / "graph.graphml"
    assert main(["run", TINY, "--seed", "3", "--set", *SHORT, "--graph-out", str(path)]) == 0
    graph = nx.read_graphml(path)
    data = next(iter(graph.nodes.values()))
    assert {"handle", "followers", "aware_h", "spread_h", "turned_h"} <= set(data)
    assert "phase" not in data
