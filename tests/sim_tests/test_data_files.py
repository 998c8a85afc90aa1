"""The data files analysts open: one fixed schema per file, units in the names, states named as
the war room names them, and docs/data.md listing every column that is written."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sim.cli.main import main
from sim.data_dictionary import DATA_FILES, data_dictionary_markdown
from sim.lab import Axis, SweepPlan, SweepResult, sweep
from sim.lab import worker as worker_module
from sim.report.source import load_run
from sim.spec.schema import ScenarioSpec
from sim.vocabulary import STATE_LABELS
from tests.tiny import TINY

DATA_DOC = Path(__file__).resolve().parents[2] / "docs" / "data.md"
SHORT = ("turns.horizon_days=0.5",)


def documented(file_name: str) -> list[str]:
    (data_file,) = (entry for entry in DATA_FILES if file_name in entry.name.split(", "))
    return [column.name for column in data_file.columns]


@pytest.fixture(scope="module")
def plan() -> SweepPlan:
    return SweepPlan(
        scenario=TINY,
        overrides=SHORT,
        protocols=("silent", "fast-transparent"),
        vary=(Axis.parse("crisis.severity=0.4,0.8"), Axis.parse("crisis.seeds=5,10")),
        runs=2,
        root_seed=3,
    )


@pytest.fixture(scope="module")
def written(plan, tmp_path_factory) -> tuple[Path, SweepResult]:
    """The plan swept once with no failure, its folder read by every test of what it wrote."""
    out = tmp_path_factory.mktemp("clean")
    return out, sweep(plan, workers=1, out=out)


def failing_runs(
    monkeypatch: pytest.MonkeyPatch, fails: Callable[[ScenarioSpec, int], bool]
) -> None:
    """The model breaks in every run for which `fails(spec, seed)` holds."""
    real_session = worker_module.Session

    def session(spec, seed, **options):
        if fails(spec, seed):
            raise RuntimeError("the model broke")
        return real_session(spec, seed, **options)

    monkeypatch.setattr(worker_module, "Session", session)


def test_rows_parquet_has_one_schema_whether_runs_fail_or_not(plan, written, tmp_path, monkeypatch):
    clean, _ = written
    some_fail = tmp_path / "some-fail"  # all but the first seed's runs at one variation
    first_seed = plan.seeds()[0]
    failing_runs(
        monkeypatch,
        lambda spec, seed: (seed, spec.crisis.severity, spec.crisis.seeds) != (first_seed, 0.4, 5),
    )
    assert len(sweep(plan, workers=1, out=some_fail).failures) == 14
    all_fail = tmp_path / "all-fail"
    failing_runs(monkeypatch, lambda spec, seed: True)
    assert len(sweep(plan, workers=1, out=all_fail).failures) == 16

    schemas = [pq.read_schema(folder / "rows.parquet") for folder in (clean, some_fail)]
    schemas.append(pq.read_schema(all_fail / "rows.parquet"))
    assert schemas[0].equals(schemas[1]) and schemas[0].equals(schemas[2])
    schema = schemas[0]
    assert str(schema.field("aware_damage_ri_pts").type) == "double"
    assert str(schema.field("negative_reach").type) == "int64"
    assert str(schema.field("spoke_before_media").type) == "bool"
    assert str(schema.field("error").type) == "string"
    hourly = schema.field("reputation_index_0_100_by_hour").type
    assert pa.types.is_list(hourly) and str(hourly.value_type) == "double"
    failed = pd.read_parquet(all_fail / "rows.parquet")
    assert failed["error"].str.contains("the model broke").all()
    assert failed["negative_reach"].isna().all()


def test_vary_columns_keep_their_values_type(written):
    out, _ = written
    schema = pq.read_schema(out / "rows.parquet")
    assert str(schema.field("crisis.severity").type) == "double"
    assert str(schema.field("crisis.seeds").type) == "int64"
    rows = pd.read_parquet(out / "rows.parquet")
    assert sorted(set(rows["crisis.severity"])) == [0.4, 0.8]
    assert sorted(set(rows["crisis.seeds"])) == [5, 10]
    with (out / "rows.csv").open(newline="") as handle:
        first = next(csv.DictReader(handle))
    assert first["crisis.seeds"] in {"5", "10"} and first["negative_reach"].isdigit()


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ("1,2", "int64"),
        ("1,2.5", "float64"),
        ("true,false", "bool"),
        ("preventable,accidental", "string"),
        ("1,high", "string"),
        ("true,1", "string"),
    ],
)
def test_a_vary_axis_is_typed_by_its_values(values, kind):
    assert Axis.parse(f"crisis.x={values}").column_type() == kind


def test_every_lab_file_writes_the_documented_columns(plan, written):
    out, result = written
    vary = [axis.key for axis in plan.vary]
    rows = pq.read_schema(out / "rows.parquet").names
    documented_rows = documented("rows.parquet")
    assert rows == documented_rows[:3] + vary + documented_rows[3:]
    csv_rows = pd.read_csv(out / "rows.csv").columns.tolist()
    assert csv_rows == [name for name in rows if not name.endswith("_by_hour")]
    summary = pd.read_csv(out / "summary.csv")
    assert (
        summary.columns.tolist()
        == documented("summary.csv")[:1] + vary + documented("summary.csv")[1:]
    )
    assert set(summary["metric"]) <= set(rows), "a metric is named as its column"
    differences = pd.read_csv(out / "differences.csv")
    assert differences.columns.tolist() == vary + documented("differences.csv")
    assert result.to_pandas().columns.tolist() == rows


def test_timing_csv_writes_the_documented_columns(tmp_path):
    out = tmp_path / "timing"
    options = ["--runs", "2", "--set", *SHORT, "--workers", "1", "--out", str(out)]
    assert (
        main(["timing", TINY, "--protocol", "fast-transparent", "--delays", "0,2", *options]) == 0
    )
    timing = pd.read_csv(out / "timing.csv")
    assert timing.columns.tolist() == documented("timing.csv")
    assert "damage_avoided_share" in set(timing["metric"])


def test_series_csv_carries_scenario_seed_tick_and_the_war_rooms_state_names(tmp_path):
    out = tmp_path / "run"
    assert main(["run", TINY, "--seed", "5", "--set", *SHORT, "--out", str(out)]) == 0
    with (out / "series.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == documented("series.csv")
    assert [row["tick"] for row in rows[:3]] == ["0", "1", "2"]
    assert {row["seed"] for row in rows} == {"5"} and {row["scenario"] for row in rows} == {TINY}
    for label in STATE_LABELS.values():
        assert label.replace(" ", "_") in rows[0]
    population = {
        sum(int(row[label.replace(" ", "_")]) for label in STATE_LABELS.values()) for row in rows
    }
    assert population == {200}


def test_outcome_json_has_the_documented_keys(tmp_path):
    out = tmp_path / "run"
    assert main(["run", TINY, "--set", *SHORT, "--out", str(out)]) == 0
    written = pd.read_json(out / "outcome.json", typ="series").index.tolist()
    assert sorted(written) == sorted(documented("outcome.json"))


def test_a_run_folder_written_before_the_units_still_reports(tmp_path):
    out = tmp_path / "run"
    assert main(["run", TINY, "--set", *SHORT, "--out", str(out)]) == 0
    today = load_run(out).series
    with (out / "series.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    old_names = {
        "reputation_index_0_100": "reputation_index",
        "stakeholder_reputation_index_0_100": "stakeholder_reputation_index",
        "aware_damage_ri_pts": "aware_damage",
        "negative_posts_per_tick": "negative_posts",
        "defending_posts_per_tick": "defending_posts",
        "unaware": "susceptible",
        "lost_interest": "removed",
    }
    header = [old_names.get(name, name) for name in rows[0][3:]]
    old = [header, *(row[3:] for row in rows[1:])]
    with (out / "series.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows(old)
    assert load_run(out).series == today
    assert {"hour", "reputation_index", "aware_damage", "negative_posts"} <= set(today)


def test_docs_data_md_is_current():
    assert DATA_DOC.read_text(encoding="utf-8") == data_dictionary_markdown(), (
        "docs/data.md is stale: run `stormdrill schemas write`"
    )
