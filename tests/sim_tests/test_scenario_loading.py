"""Scenario files: the bundled ones are valid, and every user mistake is one clear sentence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sim.cli.main import main
from sim.errors import ScenarioError
from sim.spec import Cluster, ScenarioSpec, load_scenario
from sim.spec.loader import (
    apply_overrides,
    bundled_names,
    list_bundled_scenarios,
    resolve_scenario_path,
    scenario_json_schema,
)
from tests.tiny import TINY

REAL_SCENARIOS = ("data-breach", "offensive-post", "false-rumour")

MINIMAL = """\
schema_version = 1

[meta]
title = "Test"
summary = "A test scenario."

[crisis]
type = "data_breach"
cluster = "victim"
"""


def write(tmp_path: Path, text: str, name: str = "x.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_for(path: Path | str, overrides: tuple[str, ...] = ()) -> str:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, overrides)
    return str(caught.value)


# --------------------------------------------------------------------------- bundled scenarios


def test_the_promised_scenarios_are_bundled_and_the_tests_tiny_one_is_not() -> None:
    assert set(REAL_SCENARIOS) <= set(bundled_names())
    assert "tiny" not in bundled_names(), "a 4-turn test fixture is no drill (tests/tiny.py)"


@pytest.mark.parametrize("name", bundled_names())
def test_bundled_scenario_validates(name: str) -> None:
    spec = load_scenario(name)
    assert isinstance(spec, ScenarioSpec)
    assert spec.meta.title and spec.meta.summary and spec.meta.situation.strip()
    objective_ids = {objective.id for objective in spec.meta.objectives}
    assert any(o.first_statement_within_h is not None for o in spec.meta.objectives)
    assert {inject.objective for inject in spec.injects} <= objective_ids
    assert spec.team.templates


@pytest.mark.parametrize("name", REAL_SCENARIOS)
def test_real_scenarios_have_a_full_msel(name: str) -> None:
    spec = load_scenario(name)
    assert spec.graph.users == 10_000
    assert 3 <= len(spec.meta.objectives) <= 4
    ids = [objective.id for objective in spec.meta.objectives]
    assert ids == [f"O{number}" for number in range(1, len(ids) + 1)]
    assert 12 <= len(spec.injects) <= 20  # something new in each turn of a 12-turn drill
    assert any(inject.time_h is not None for inject in spec.injects)
    assert any(inject.when_volume_above is not None for inject in spec.injects)
    assert any(inject.deadline_h is not None for inject in spec.injects)
    kinds = {inject.type.value for inject in spec.injects}
    assert {"journalist_inquiry", "internal_email", "executive_call"} <= kinds
    assert {inject.effect.value for inject in spec.injects} & {"media_pickup", "negative_wave"}


def test_scenario_parameters_follow_the_scct_clusters() -> None:
    assert load_scenario("data-breach").crisis.cluster is Cluster.VICTIM
    offensive = load_scenario("offensive-post").crisis
    assert offensive.cluster is Cluster.PREVENTABLE and offensive.true_responsibility > 0.5
    rumour = load_scenario("false-rumour").crisis
    assert rumour.cluster is Cluster.VICTIM and rumour.true_responsibility < 0.2
    templates = load_scenario("false-rumour").team.templates
    assert any(template.strategy.value == "correction" for template in templates)


def test_tiny_is_small_and_short() -> None:
    spec = load_scenario(TINY)
    assert (spec.graph.users, spec.crisis.seeds, spec.turns.turns) == (200, 3, 4)
    assert spec.turns.horizon_days == 2


def test_list_bundled_scenarios_names_every_file() -> None:
    assert [name for name, _ in list_bundled_scenarios()] == bundled_names()


def test_bundled_name_and_path_give_the_same_spec() -> None:
    path = resolve_scenario_path("data-breach")
    assert path.name == "data-breach.toml"
    assert load_scenario(path) == load_scenario("data-breach")


# --------------------------------------------------------------------------- mistakes in a file


BAD_FILES = {
    "out of range": (
        MINIMAL + "severity = 1.7\n",
        ["x.toml: crisis.severity = 1.7 is out of range; use a number from 0 to 1."],
    ),
    "wrong type": (
        MINIMAL + 'severity = "high"\n',
        ['crisis.severity = "high" is not a number', "from 0 to 1"],
    ),
    "whole number": (MINIMAL + "seeds = 2.5\n", ["crisis.seeds = 2.5 is not a whole number"]),
    "unknown field": (
        MINIMAL + "severty = 0.5\n",
        ["x.toml: unknown field crisis.severty", "did you mean crisis.severity", "cluster"],
    ),
    "unknown section": (
        MINIMAL + "[sprad]\nvisibility = 0.3\n",
        ["unknown field sprad", "did you mean spread", "at the top level"],
    ),
    "bad choice": (
        MINIMAL.replace('"victim"', '"victm"'),
        ['crisis.cluster = "victm" is not allowed', "victim, accidental, preventable"],
    ),
    "missing field": (
        MINIMAL.replace('cluster = "victim"\n', ""),
        ["required field crisis.cluster is missing", "[crisis]", "preventable"],
    ),
    "missing section": (
        MINIMAL.split("[crisis]")[0],
        ["the [crisis] section is missing", "type, cluster"],
    ),
    "missing version": (
        MINIMAL.replace("schema_version = 1\n", ""),
        ["required field schema_version is missing; add schema_version = 1"],
    ),
    "inconsistent": (
        MINIMAL + "seeds = 500\n\n[graph]\nusers = 100\n",
        ["x.toml: crisis.seeds (500) is more than graph.users (100)"],
    ),
    "inject without trigger": (
        MINIMAL + '\n[[injects]]\nid = "I1"\ntype = "news_article"\nsender = "x"\nmessage = "m"\n',
        ['injects[0] (id "I1")', "time_h or when_volume_above"],
    ),
    "several problems": (
        MINIMAL + "severity = 1.7\nseeds = 0\nprior_reputation = 3\n",
        ["crisis.severity = 1.7 is out of range", "(and 2 more problems)."],
    ),
    "toml syntax": (
        MINIMAL.replace('title = "Test"', 'title "Test"'),
        ["x.toml, line 4, column 7: invalid TOML", "fix the syntax"],
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_gives_one_sentence(tmp_path: Path, case: str) -> None:
    text, fragments = BAD_FILES[case]
    message = error_for(write(tmp_path, text))
    assert "\n" not in message
    assert message.endswith((".", "?"))
    for fragment in fragments:
        assert fragment in message


def test_a_missing_file_suggests_the_bundled_names(tmp_path: Path) -> None:
    message = error_for(tmp_path / "nowhere.toml")
    assert "nowhere.toml" in message and "no such scenario file" in message
    assert "stormdrill scenarios list" in message and "data-breach" in message


def test_a_misspelt_bundled_name_gets_a_suggestion() -> None:
    assert "did you mean data-breach?" in error_for("data-brech")


# --------------------------------------------------------------------------- overrides


def test_overrides_change_fields_and_keep_the_file_unchanged(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL)
    spec = load_scenario(
        path,
        [
            "crisis.cluster=preventable",
            "crisis.true_responsibility=0.8",
            "crisis.history=true",
            "spread.visibility = 0.4",
            "meta.roles=['CEO', 'legal']",
            "meta.title=A title with spaces",
        ],
    )
    assert spec.crisis.cluster is Cluster.PREVENTABLE
    assert spec.crisis.true_responsibility == 0.8 and spec.crisis.history is True
    assert spec.spread.visibility == 0.4
    assert spec.meta.roles == ("CEO", "legal")
    assert spec.meta.title == "A title with spaces"
    assert load_scenario(path).crisis.cluster is Cluster.VICTIM


def test_apply_overrides_returns_a_copy() -> None:
    data = {"crisis": {"severity": 0.5}}
    result = apply_overrides(data, ["crisis.severity=0.9", "turns.turns=3"], "x.toml")
    assert result == {"crisis": {"severity": 0.9}, "turns": {"turns": 3}}
    assert data == {"crisis": {"severity": 0.5}}


@pytest.mark.parametrize(
    ("override", "fragments"),
    [
        ("crisis.severity=2", ["x.toml: crisis.severity = 2 is out of range", "from 0 to 1"]),
        ("crisis.severty=0.9", ["--set 'crisis.severty=0.9'", "did you mean crisis.severity"]),
        ("crisiss.seeds=3", ["unknown field crisiss", "did you mean crisis"]),
        ("crisis.severity", ["--set 'crisis.severity' is not of the form dotted.key=value"]),
        ("crisis.type.x=1", ["reaches inside crisis.type, which is not a section"]),
    ],
)
def test_bad_overrides_give_one_sentence(tmp_path: Path, override: str, fragments: list[str]):
    message = error_for(write(tmp_path, MINIMAL), (override,))
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


# --------------------------------------------------------------------------- graph files


def test_a_relative_graph_source_is_resolved_from_the_scenario_folder(tmp_path: Path) -> None:
    folder = tmp_path / "exercise"
    folder.mkdir()
    (folder / "follows.csv").write_text("0,1\n1,0\n", encoding="utf-8")
    path = write(folder, MINIMAL + '\n[graph]\nsource = "follows.csv"\nusers = 50\n')
    spec = load_scenario(path)
    assert Path(spec.graph.source) == (folder / "follows.csv").resolve()
    assert Path(spec.graph.source).is_absolute()


def test_a_missing_graph_file_is_named(tmp_path: Path) -> None:
    message = error_for(write(tmp_path, MINIMAL + '\n[graph]\nsource = "follows.csv"\n'))
    assert 'graph.source = "follows.csv" is not a file' in message
    assert "relative to the scenario file's folder" in message


# --------------------------------------------------------------------------- JSON Schema


def test_json_schema_is_json_with_a_description_on_every_property() -> None:
    schema = json.loads(json.dumps(scenario_json_schema()))
    undescribed = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if "description" not in prop:
                    undescribed.append(f"{where}.{name}")
            for key, child in node.items():
                walk(child, f"{where}/{key}")
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, f"{where}/{index}")

    walk(schema, "#")
    assert schema["properties"]["crisis"]
    assert undescribed == []


# --------------------------------------------------------------------------- command line


def test_cli_validate_reports_a_bad_file_on_one_line(tmp_path: Path, capsys) -> None:
    bad = write(tmp_path, MINIMAL + "severity = 1.7\n")
    assert main(["scenarios", "validate", str(bad)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "crisis.severity = 1.7 is out of range" in lines[0]
    assert "Traceback" not in captured.err + captured.out


def test_cli_validate_without_paths_checks_every_bundled_scenario(capsys) -> None:
    assert main(["scenarios", "validate"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"ok {name}" for name in bundled_names()]


def test_cli_list_shows_an_aligned_table(capsys) -> None:
    assert main(["scenarios", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "USERS", "CRISIS", "CLUSTER", "TITLE"]
    assert len({line.index(line.split()[1]) for line in lines}) == 1
    assert any(line.startswith("data-breach ") and "10000" in line for line in lines)


def test_cli_show_lists_injects_in_time_order(capsys) -> None:
    assert main(["scenarios", "show", "data-breach"]) == 0
    out = capsys.readouterr().out
    assert "Customer data breach at Brightcart" in out and "O1 " in out
    assert out.index("I3 T+1:00") < out.index("I5 T+3:00") < out.index("I7 T+6:00")
    assert out.index("I7 T+6:00") < out.index("I6 volume > 40/h")


def test_cli_show_of_a_missing_scenario_is_one_line(capsys) -> None:
    assert main(["scenarios", "show", "no-such-scenario"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stormdrill: no-such-scenario: no such scenario file")
    assert err.count("\n") == 1


def test_cli_schema_writes_json(tmp_path: Path, capsys) -> None:
    out = tmp_path / "schema.json"
    assert main(["scenarios", "schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "ScenarioSpec"


def test_cli_usage_error_exits_2(capsys) -> None:
    assert main(["no-such-command"]) == 2
    assert "usage: stormdrill" in capsys.readouterr().err


def test_cli_in_a_subprocess_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path, MINIMAL + "[sprad]\n")
    result = subprocess.run(
        [sys.executable, "-m", "sim.cli.main", "scenarios", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "unknown field sprad" in result.stderr
