"""The MSEL as CSV: export then import gives back the same injects for every bundled scenario,
merging keeps the rest of the scenario file, and every bad row is named by row and column.
Workbooks and the files spreadsheets save are in test_msel_spreadsheets.py."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from sim.cli.main import main
from sim.clock import exact_clock, parse_clock
from sim.errors import ScenarioError
from sim.msel.columns import HEADER
from sim.msel.export import export_msel, write_msel
from sim.msel.importer import import_msel
from sim.msel.merge import merge_into_scenario
from sim.spec.loader import bundled_names, load_scenario, resolve_scenario_path
from tests.tiny import TINY


@pytest.mark.parametrize("name", bundled_names())
def test_export_then_import_gives_the_same_injects(name, tmp_path):
    spec = load_scenario(name)
    path = tmp_path / "msel.csv"
    write_msel(spec, path)
    assert import_msel(path) == spec.injects


@pytest.mark.parametrize("name", bundled_names())
def test_merge_rewrites_only_the_injects(name, tmp_path):
    original = resolve_scenario_path(name)
    scenario = tmp_path / original.name
    shutil.copy(original, scenario)
    spec = load_scenario(name)
    reversed_injects = tuple(reversed(spec.injects))
    merge_into_scenario(scenario, reversed_injects)
    assert load_scenario(scenario) == spec.model_copy(update={"injects": reversed_injects})
    merge_into_scenario(scenario, spec.injects)
    assert load_scenario(scenario) == spec
    before = original.read_text(encoding="utf-8")
    after = scenario.read_text(encoding="utf-8")
    assert _outside_injects(after) == _outside_injects(before)
    assert max(len(line) for line in after.splitlines()) <= max(
        100, *(len(line) for line in before.splitlines())
    )


def _outside_injects(text: str) -> str:
    """The file up to its first [[injects]] table (bundled files keep injects last)."""
    return text.split("[[injects]]")[0]


def test_merge_into_a_file_without_injects_appends_them(tmp_path):
    scenario = tmp_path / "s.toml"
    text = resolve_scenario_path(TINY).read_text(encoding="utf-8")
    scenario.write_text(text.split("[[injects]]")[0].rstrip() + "\n", encoding="utf-8")
    injects = load_scenario(TINY).injects
    merge_into_scenario(scenario, injects)
    assert load_scenario(scenario).injects == injects


def test_awkward_text_survives_the_round_trip(tmp_path):
    spec = load_scenario(TINY)
    tricky = 'Quotes " and """, a back\\slash,\ttab, accents è ü, a long line ' + "x " * 80
    injects = (spec.injects[0].model_copy(update={"message": tricky, "notes": "two\nlines"}),)
    spec = spec.model_copy(update={"injects": injects})
    path = tmp_path / "msel.csv"
    write_msel(spec, path)
    assert import_msel(path) == injects
    scenario = tmp_path / "tiny.toml"
    shutil.copy(resolve_scenario_path(TINY), scenario)
    merge_into_scenario(scenario, injects)
    assert load_scenario(scenario).injects == injects


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("T+1:30", 1.5),
        ("1:30", 1.5),
        ("t + 0:15", 0.25),
        ("1.5", 1.5),
        ("2h", 2.0),
        ("0:00:36", 0.01),
    ],
)
def test_times_in_every_spelling(text, hours):
    assert parse_clock(text) == pytest.approx(hours)


def test_times_are_written_so_they_read_back_exactly():
    for hours in (0.0, 0.25, 1 / 3, 2.5, 66.0, 0.123456789):
        assert parse_clock(exact_clock(hours)) == hours
    assert exact_clock(2.5) == "T+2:30"
    assert exact_clock(2.0, sign="") == "2:00"


# --------------------------------------------------------------------------- bad rows


def _write(path: Path, rows: list[dict[str, str]], header=HEADER, delimiter=",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows([row.get(name, "") for name in header] for row in rows)
    return path


def _row(**cells: str) -> dict[str, str]:
    base = {
        "Event Number": "I1",
        "Designated Scenario Time": "T+0:30",
        "Event Type": "news_article",
        "From": "Daily",
        "Message": "Headline.",
    }
    return {**base, **{name.replace("_", " "): value for name, value in cells.items()}}


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            {"Event Type": "press call"},
            "row 2, column Event Type: 'press call' is not an event type; use one of news_article,",
        ),
        (
            {"Designated Scenario Time": "ten past"},
            "row 2, column Designated Scenario Time: 'ten past' is not a scenario time; write "
            "T+H:MM, H:MM or decimal hours, e.g. T+1:30 or 1.5.",
        ),
        (
            {"Message": "  "},
            "row 2, column Message is empty; write what the players receive.",
        ),
        (
            {"Event Number": ""},
            "row 2, column Event Number is empty; give every inject its own number, e.g. I9.",
        ),
        (
            {"Deadline": "soon"},
            "row 2, column Deadline: 'soon' is not a duration; write the hours to answer as H:MM",
        ),
        (
            {"Effect": "explosion"},
            "row 2, column Effect: 'explosion' is not an effect; use one of none, negative_wave,",
        ),
        (
            {"Trigger Volume Above": "lots"},
            "row 2, column Trigger Volume Above: 'lots' is not a number; write negative posts",
        ),
        (
            {"Trigger Volume Above": "-3"},
            "row 2, column Trigger Volume Above: -3.0 is out of range; use 0.0 or more.",
        ),
        (
            {"Designated Scenario Time": ""},
            "row 2, column Designated Scenario Time: the inject has no trigger; give a Designated "
            "Scenario Time or a Trigger Volume Above.",
        ),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(tmp_path, cells, message):
    path = _write(tmp_path / "msel.csv", [_row(**cells)])
    with pytest.raises(ScenarioError) as caught:
        import_msel(path)
    assert str(caught.value).startswith(f"{path}, {message}")


def test_a_duplicate_event_number_names_both_rows(tmp_path):
    path = _write(tmp_path / "msel.csv", [_row(), _row(Message="Other.")])
    with pytest.raises(
        ScenarioError, match=r"row 3, column Event Number: 'I1' is already used by row 2;"
    ):
        import_msel(path)


def test_all_problems_are_counted_and_the_first_is_told(tmp_path):
    rows = [_row(Event_Type="memo"), _row(Event_Number="I2", Message=""), _row(Event_Number="I1")]
    path = _write(tmp_path / "msel.csv", rows)
    with pytest.raises(ScenarioError) as caught:
        import_msel(path)
    text = str(caught.value)
    assert text.startswith(f"{path}, row 2, column Event Type: 'memo' is not an event type")
    assert text.endswith(" (and 1 more problem).")  # row 4 is no duplicate: row 2 was refused


def test_the_header_must_name_the_columns(tmp_path):
    header = tuple(name for name in HEADER if name != "Message")
    path = _write(tmp_path / "msel.csv", [_row()], header=header)
    with pytest.raises(ScenarioError, match=r"row 1: the header has no column Message;"):
        import_msel(path)
    typo = tuple("Dedline" if name == "Deadline" else name for name in HEADER)
    path = _write(tmp_path / "msel.csv", [_row()], header=typo)
    with pytest.raises(
        ScenarioError, match=r"column 'Dedline' is not an MSEL column; did you mean"
    ):
        import_msel(path)


def test_semicolons_blank_rows_extra_columns_and_spreadsheet_spellings(tmp_path):
    header = (*HEADER, "Status")
    rows = [_row(Event_Type="Journalist inquiry", Deadline="1.5"), {}]
    path = _write(tmp_path / "msel.csv", rows, header=header, delimiter=";")
    (inject,) = import_msel(path)
    assert (inject.type.value, inject.deadline_h, inject.time_h) == ("journalist_inquiry", 1.5, 0.5)


def test_nothing_is_written_when_the_csv_is_bad(tmp_path, capsys):
    scenario = tmp_path / "tiny.toml"
    shutil.copy(resolve_scenario_path(TINY), scenario)
    before = scenario.read_bytes()
    path = tmp_path / "msel.csv"
    path.write_text(export_msel(load_scenario(TINY)).replace("T+1:00", "1 pm"), encoding="utf-8")
    assert main(["scenarios", "msel", "import", str(path), "--into", str(scenario)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"stormdrill: {path}, row 4, column Designated Scenario Time: '1 pm'")
    assert error.count("\n") == 1
    assert scenario.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["msel.csv", "tiny.toml"]


def test_the_cli_exports_and_imports(tmp_path, capsys):
    out = tmp_path / "msel.csv"
    assert main(["scenarios", "msel", "export", TINY, "--out", str(out)]) == 0
    scenario = tmp_path / "tiny.toml"
    shutil.copy(resolve_scenario_path(TINY), scenario)
    assert main(["scenarios", "msel", "import", str(out), "--into", str(scenario)]) == 0
    assert load_scenario(scenario) == load_scenario(TINY)
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"{scenario} already has these 6 injects; nothing was written"
    )
    out.write_text(out.read_text(encoding="utf-8-sig").replace("T+1:00", "T+1:10"))
    assert main(["scenarios", "msel", "import", str(out), "--into", str(scenario)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"wrote 6 injects into {scenario}"
    assert load_scenario(scenario).injects[2].time_h == pytest.approx(1 + 1 / 6)
    assert main(["scenarios", "msel", "export", TINY]) == 0
    assert capsys.readouterr().out.splitlines()[0] == ",".join(HEADER)
