"""The MSEL in the spreadsheets facilitators use: an .xlsx workbook and CSV round trip; the
files Excel and LibreOffice save, in English and Italian settings, import as the scenario they
were exported from (tests/sim_tests/msel_files/README.md says how each fixture was made); a
cell that looks like a formula is never run and reads back as written; an unedited import
leaves the scenario file byte for byte; a merge keeps the file's comments."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from sim.cli.main import main
from sim.errors import ScenarioError
from sim.msel.cell import read_hours, read_number, read_text
from sim.msel.columns import HEADER
from sim.msel.export import export_msel, write_msel
from sim.msel.importer import import_msel
from sim.msel.merge import merge_into_scenario
from sim.spec.loader import bundled_names, load_scenario, resolve_scenario_path
from tests.tiny import TINY

FILES = Path(__file__).parent / "msel_files"
FIXTURE_SCENARIO = FILES / "scenario.toml"
SAVED_BY_SPREADSHEETS = [
    "libreoffice-en-US.csv",
    "libreoffice-it-IT.csv",
    "libreoffice-it-IT-semicolon.csv",
    "libreoffice-en-US.xlsx",
    "libreoffice-it-IT.xlsx",
    "libreoffice-en-US-from-csv.xlsx",
    "libreoffice-it-IT-from-csv.xlsx",
    "libreoffice-en-US-from-xlsx.csv",
    "libreoffice-it-IT-from-xlsx.csv",
    "excel-en-US.csv",
    "excel-it-IT.csv",
    "excel-it-IT-windows-1252.csv",
    "excel.xlsx",
    "excel-mac-1904.xlsx",
]


@pytest.mark.parametrize("name", bundled_names())
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_gives_the_same_injects(name, suffix, tmp_path):
    spec = load_scenario(name)
    path = tmp_path / f"msel{suffix}"
    write_msel(spec, path)
    assert import_msel(path) == spec.injects


def test_the_workbook_is_an_hseep_msel(tmp_path):
    spec = load_scenario(FIXTURE_SCENARIO)
    path = tmp_path / "msel.xlsx"
    write_msel(spec, path)
    sheet = load_workbook(path)["MSEL"]
    header = [cell.value for cell in sheet[1]]
    assert header == list(HEADER)
    assert header[:5] == [
        "Event Number",
        "Designated Scenario Time",
        "Event Type",
        "Event Synopsis",
        "Responsible Controller",
    ]
    assert sheet.freeze_panes == "A2"
    i7 = {title: cell for title, cell in zip(header, sheet[8], strict=False)}
    assert i7["Event Synopsis"].value == "Un giornalista chiede conferma: è urgente."
    assert i7["Responsible Controller"].value == "Chiara (cella di simulazione)"
    assert i7["Deadline"].value == "0:20"
    i8 = {title: cell for title, cell in zip(header, sheet[9], strict=False)}
    assert i8["Trigger Volume Above"].value == 12.5  # a number, not text
    lists = {
        str(rule.sqref).split(":")[0]: rule.formula1
        for rule in sheet.data_validations.dataValidation
    }
    assert "journalist_inquiry" in lists["C2"]
    assert "media_pickup" in lists["P2"]


# --------------------------------------------------------------------------- saved by spreadsheets


def test_every_fixture_is_tested():
    made = {path.name for path in FILES.iterdir() if path.suffix in (".csv", ".xlsx")}
    assert made == set(SAVED_BY_SPREADSHEETS)


@pytest.mark.parametrize("name", SAVED_BY_SPREADSHEETS)
def test_a_save_in_excel_or_libreoffice_gives_back_the_same_scenario(name, tmp_path):
    scenario = tmp_path / "scenario.toml"
    shutil.copy(FIXTURE_SCENARIO, scenario)
    before = scenario.read_bytes()
    assert import_msel(FILES / name) == load_scenario(FIXTURE_SCENARIO).injects
    assert merge_into_scenario(scenario, import_msel(FILES / name)) is False
    assert scenario.read_bytes() == before


def test_the_fixtures_hold_the_shapes_they_are_named_for():
    """The reshaping the importer undoes is really in the files (so the test above means it)."""
    english = (FILES / "libreoffice-en-US.csv").read_text(encoding="utf-8")
    assert ",02:00:00 AM" not in english  # I3's deadline is one hour:
    assert ",01:00:00 AM," in english and ",12:20:00 AM," in english
    italian = (FILES / "libreoffice-it-IT-semicolon.csv").read_text(encoding="utf-8")
    assert ";00:20:00;" in italian and ";26:00:00;" in italian
    excel = (FILES / "excel-it-IT.csv").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf") and b";12,5;" in excel and b"\r\n" in excel
    assert (FILES / "excel-it-IT-windows-1252.csv").read_bytes().count(b"\xe8") >= 2  # è
    sheet = load_workbook(FILES / "libreoffice-it-IT-from-csv.xlsx").active
    assert sheet is not None
    assert isinstance(sheet["O4"].value, dt.time)  # the deadline, typed as a time
    assert load_workbook(FILES / "excel-mac-1904.xlsx").epoch.year == 1904
    bare = (FILES / "libreoffice-en-US-from-xlsx.csv").read_text(encoding="utf-8")
    assert ",+ a written account" in bare and ',"=HYPERLINK(' in bare  # no apostrophe


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("cell", "hours"),
    [
        ("02:00:00 AM", 2.0),  # LibreOffice, English settings
        ("12:20:00 AM", 1 / 3),
        ("01:30:00 PM", 13.5),
        ("12:00:00 PM", 12.0),
        ("2:00 a.m.", 2.0),
        ("02:00:00", 2.0),  # LibreOffice, Italian settings
        ("26:00:00", 26.0),
        ("1,5", 1.5),  # Italian decimal comma
        ("T+1,5", 1.5),
        ("T+0:20", 1 / 3),
        (1.5, 1.5),  # a number in a workbook is hours, as "1.5" is
        (dt.timedelta(minutes=20), 1 / 3),  # a workbook cell typed as a time
        (dt.timedelta(days=1, hours=2), 26.0),
        (dt.timedelta(hours=2, microseconds=-3), 2.0),  # a serial's rounding error
    ],
)
def test_time_cells_in_every_shape(cell, hours):
    assert read_hours(cell) == hours


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("12.5", 12.5),
        ("12,5", 12.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("150%", 1.5),
        ("1,00E-05", 1e-05),
        ("1.00E-05", 1e-05),
        (40, 40.0),
    ],
)
def test_number_cells_in_every_locale(cell, number):
    assert read_number(cell) == number


@pytest.mark.parametrize("cell", ["1,2,3", "12,5.3", "abc", "1e", "%", "", "1.2.3,4,5"])
def test_what_is_no_number_is_refused(cell):
    with pytest.raises(ValueError):
        read_number(cell)


@pytest.mark.parametrize("cell", ["13:00 PM", "0:30 AM", "soon", "-1:00", dt.timedelta(hours=-1)])
def test_what_is_no_time_is_refused(cell):
    with pytest.raises(ValueError):
        read_hours(cell)


def test_a_number_in_a_text_column_reads_as_typed():
    assert (read_text(12), read_text(12.5), read_text(None)) == ("12", "12.5", "")


# --------------------------------------------------------------------------- formulas

FORMULA_LOOKING = [
    "=1+1",
    '=HYPERLINK("http://example.invalid","x")',
    "+39 02 1234 5678",
    "-3 stars",
    "@Tinyco",
    "\tindented",
    "\rcarriage return",
    "'=already guarded by hand",
    "''+two apostrophes",
]
PLAIN = ["'quoted, no formula", "a = b", "'", "''", "mid-line - dash", "e@mail"]


def _with_messages(texts: list[str]):
    spec = load_scenario(TINY)
    first = spec.injects[0]
    injects = tuple(
        first.model_copy(update={"id": f"F{number}", "message": text, "notes": text})
        for number, text in enumerate(texts)
    )
    return spec.model_copy(update={"injects": injects})


def test_a_formula_looking_csv_cell_is_not_a_formula_and_reads_back_as_written(tmp_path):
    spec = _with_messages(FORMULA_LOOKING + PLAIN)
    path = tmp_path / "msel.csv"
    write_msel(spec, path)
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    messages = [row["Message"] for row in rows]
    assert messages == ["'" + text for text in FORMULA_LOOKING] + PLAIN
    assert not any(cell and cell[0] in "=+-@\t\r" for row in rows for cell in row.values())
    assert import_msel(path) == spec.injects


def test_a_csv_whose_spreadsheet_dropped_the_apostrophe_reads_the_text(tmp_path):
    path = tmp_path / "msel.csv"
    path.write_text(export_msel(_with_messages(["=1+1"])).replace("'=1+1", "=1+1"))
    assert [inject.message for inject in import_msel(path)] == ["=1+1"]


def test_a_formula_looking_workbook_cell_is_text_and_reads_back_as_written(tmp_path):
    spec = _with_messages(FORMULA_LOOKING + PLAIN)
    path = tmp_path / "msel.xlsx"
    write_msel(spec, path)
    sheet = load_workbook(path)["MSEL"]
    column = HEADER.index("Message") + 1
    cells = [sheet.cell(row, column) for row in range(2, 2 + len(spec.injects))]
    # a carriage return is stored as OOXML's escape for it, since XML reads "\r" as "\n"; an
    # apostrophe typed ahead of a formula gets one more, as in CSV, so that one a CSV turned
    # into a workbook still carries reads back right
    stored = [cell.value.replace("_x000D_", "\r") for cell in cells]
    assert stored == [("'" if text[0] == "'" else "") + text for text in FORMULA_LOOKING] + PLAIN
    assert {cell.data_type for cell in cells} == {"s"}  # never "f", a formula
    assert [cell.quotePrefix for cell in cells] == [True] * len(FORMULA_LOOKING) + [False] * len(
        PLAIN
    )
    assert import_msel(path) == spec.injects


# --------------------------------------------------------------------------- the scenario file


@pytest.mark.parametrize("name", bundled_names())
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_unedited_import_leaves_the_scenario_file_as_it_was(name, suffix, tmp_path, capsys):
    scenario = tmp_path / "scenario.toml"
    shutil.copy(resolve_scenario_path(name), scenario)
    before = scenario.read_bytes()
    written = scenario.stat().st_mtime_ns
    msel = tmp_path / f"msel{suffix}"
    assert main(["scenarios", "msel", "export", str(scenario), "--out", str(msel)]) == 0
    assert main(["scenarios", "msel", "import", str(msel), "--into", str(scenario)]) == 0
    assert "nothing was written" in capsys.readouterr().out
    assert scenario.read_bytes() == before
    assert scenario.stat().st_mtime_ns == written


COMMENTED = """\
# A scenario someone wrote by hand.
schema_version = 1  # always 1

[meta]
title = "Commented"
summary = "A commented file."
situation = "It is evening."
brand = "Tinyco"

[crisis]
type = "service_outage"
cluster = "accidental"

# ---- The MSEL, in three acts.
[[injects]]
id = "I1"  # the opening
time_h = 0.25
type = "internal_email"
sender = "Engineering lead"
message = "The upgrade failed."

# Act two: the press.
[[injects]]
id = "I2"
time_h = 1.0
type = "journalist_inquiry"
sender = "Local Tech News"  # the reporter we know
message = "Is it a breach?"
deadline_h = 1.0  # one hour to answer

# Act three.
[[injects]]
id = "I3"
time_h = 2.0
type = "executive_call"
sender = "CEO"
message = "Do we say more?"

# The end of the file.
"""


def test_a_merge_keeps_the_files_comments_and_touches_only_what_changed(tmp_path):
    scenario = tmp_path / "commented.toml"
    scenario.write_text(COMMENTED, encoding="utf-8")
    i1, i2, i3 = load_scenario(scenario).injects
    edited = (
        i1,
        i2.model_copy(update={"message": "Is it a breach? We publish at nine.", "deadline_h": 0.5}),
        i3.model_copy(update={"id": "I4", "controller": "Sim cell lead"}),
    )
    assert merge_into_scenario(scenario, edited) is True
    after = scenario.read_text(encoding="utf-8")
    assert load_scenario(scenario).injects == edited
    for line in COMMENTED.splitlines():
        if line.startswith("#") or "# " in line:
            assert line.split("#", 1)[1] in after, line
    assert after.startswith(COMMENTED.split("# Act two")[0])  # untouched, byte for byte
    assert 'message = "Is it a breach? We publish at nine."\n' in after
    assert "deadline_h = 0.5  # one hour to answer\n" in after  # the value's comment stays
    assert 'sender = "Local Tech News"  # the reporter we know\n' in after
    assert after.index("# Act three.") < after.index('id = "I4"')
    assert after.endswith("# The end of the file.\n")
    assert 'id = "I3"' not in after


def test_comments_follow_their_inject_when_the_rows_are_reordered(tmp_path):
    scenario = tmp_path / "commented.toml"
    scenario.write_text(COMMENTED, encoding="utf-8")
    i1, i2, i3 = load_scenario(scenario).injects
    merge_into_scenario(scenario, (i3, i1, i2))
    after = scenario.read_text(encoding="utf-8")
    assert load_scenario(scenario).injects == (i3, i1, i2)
    assert after.index("# Act three.") < after.index('id = "I3"') < after.index('id = "I1"')
    assert after.index('id = "I1"') < after.index("# Act two") < after.index('id = "I2"')
    merge_into_scenario(scenario, (i1, i2, i3))
    assert load_scenario(scenario).injects == (i1, i2, i3)
    for line in COMMENTED.splitlines():
        if "#" in line:
            assert line.split("#", 1)[1] in scenario.read_text(encoding="utf-8"), line


def test_deleting_every_inject_keeps_the_comments_between_them(tmp_path):
    scenario = tmp_path / "commented.toml"
    scenario.write_text(COMMENTED, encoding="utf-8")
    assert (
        main(["scenarios", "msel", "export", str(scenario), "--out", str(tmp_path / "m.csv")]) == 0
    )
    (tmp_path / "m.csv").write_text(",".join(HEADER) + "\r\n", encoding="utf-8")
    argv = ["scenarios", "msel", "import", str(tmp_path / "m.csv"), "--into", str(scenario)]
    assert main([*argv, "--allow-empty"]) == 0
    after = scenario.read_text(encoding="utf-8")
    assert load_scenario(scenario).injects == ()
    for comment in ("# ---- The MSEL", "# Act two", "# Act three.", "# The end of the file."):
        assert comment in after


# --------------------------------------------------------------------------- users' mistakes


def _workbook(tmp_path: Path, rows: list[list[object]], header=HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    path = tmp_path / "msel.xlsx"
    book.save(path)
    return path


def _cells(**named: object) -> list[object]:
    base: dict[str, object] = {
        "Event Number": "I1",
        "Designated Scenario Time": "T+0:30",
        "Event Type": "news_article",
        "From": "Daily",
        "Message": "Headline.",
    }
    cells = {**base, **{name.replace("_", " "): value for name, value in named.items()}}
    return [cells.get(name) for name in HEADER]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            _cells(Deadline="soon"),
            "row 2, column Deadline: 'soon' is not a duration; write the hours to answer as H:MM",
        ),
        (
            _cells(Designated_Scenario_Time=dt.datetime(2026, 12, 1, 9, 0)),
            "row 2, column Designated Scenario Time: '2026-12-01 09:00' is not a scenario time; "
            "write T+H:MM",
        ),
        (
            _cells(Trigger_Volume_Above=dt.time(1, 0)),
            "row 2, column Trigger Volume Above: '1:00' is not a number; write negative posts",
        ),
        (
            _cells(Event_Type=3),
            "row 2, column Event Type: '3' is not an event type; use one of news_article,",
        ),
    ],
)
def test_a_bad_workbook_cell_is_one_sentence_naming_file_row_column_and_fix(
    tmp_path, cells, message
):
    path = _workbook(tmp_path, [cells])
    with pytest.raises(ScenarioError) as caught:
        import_msel(path)
    assert str(caught.value).startswith(f"{path}, {message}")


def test_a_title_row_above_the_header_counts_in_the_row_numbers(tmp_path):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Master Scenario Events List: Tiny outage"])
    sheet.append([])
    sheet.append(list(HEADER))
    sheet.append(_cells(Deadline="soon"))
    path = tmp_path / "msel.xlsx"
    book.save(path)
    with pytest.raises(ScenarioError, match=r"row 4, column Deadline: 'soon'"):
        import_msel(path)


def test_a_duplicate_event_number_in_a_workbook_names_both_rows(tmp_path):
    path = _workbook(tmp_path, [_cells(), _cells(Message="Again.")])
    with pytest.raises(ScenarioError, match=r"row 3, column Event Number: 'I1' is already used by"):
        import_msel(path)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("msel.xlsx", b"PK\x03\x04 not a workbook", "not a readable .xlsx workbook"),
        ("msel.xls", b"\xd0\xcf\x11\xe0", "a .xls file cannot be read; save it from the"),
        ("msel.ods", b"PK\x03\x04", "a .ods file cannot be read; save it from the"),
        ("msel.csv", b"\x81\x8d\x8f\x90\x9d", "the file is not UTF-8 text; save it"),
    ],
)
def test_a_file_that_is_no_msel_is_one_sentence(tmp_path, capsys, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    scenario = tmp_path / "s.toml"
    shutil.copy(resolve_scenario_path(TINY), scenario)
    assert main(["scenarios", "msel", "import", str(path), "--into", str(scenario)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"stormdrill: {path}: {message}")
    assert error.count("\n") == 1


def test_columns_that_are_not_the_msels_are_named_as_not_imported(tmp_path, capsys):
    path = _workbook(tmp_path, [[*_cells(), "done", "", "stray"]], header=(*HEADER, "Status"))
    scenario = tmp_path / "s.toml"
    shutil.copy(resolve_scenario_path(TINY), scenario)
    assert main(["scenarios", "msel", "import", str(path), "--into", str(scenario)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"note: {path}, row 1: column 'Status' is not an MSEL column, so it was not imported; "
        "give it the name of one (docs/msel.md) to import it.",
        f"note: {path}, row 1: column S has no header, so its cells were not imported; give it "
        "the name of an MSEL column to import them.",
    ]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "first_line", "newline"),
    [
        ("utf-16", "\t", "", "\r\n"),  # Excel's "Unicode Text"
        ("utf-8", ";", "sep=;\r\n", "\r\n"),  # Excel's separator line, no byte-order mark
        ("utf-8-sig", ",", "", "\r"),  # old Mac line ends, every cell quoted
    ],
)
def test_other_csv_encodings_and_separators(tmp_path, encoding, delimiter, first_line, newline):
    spec = load_scenario(FIXTURE_SCENARIO)
    text = export_msel(spec)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    buffer = io.StringIO()
    quoting = csv.QUOTE_ALL if newline == "\r" else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline, quoting=quoting)
    writer.writerows(rows)
    path = tmp_path / "msel.csv"
    path.write_bytes((first_line + buffer.getvalue()).encode(encoding))
    assert import_msel(path) == spec.injects


@settings(derandomize=True, deadline=None, database=None)
@given(
    st.one_of(st.text(max_size=20), st.sampled_from(["1,5%", "T+,5", "1.2.3", "12:60", ",", "e5"]))
)
def test_any_text_cell_is_a_time_a_number_or_refused(text):
    for read in (read_hours, read_number):
        try:
            value = read(text)
        except ValueError:
            continue
        assert isinstance(value, float)


def test_the_msel_guide_lists_every_column():
    guide = (Path(__file__).parents[2] / "docs" / "msel.md").read_text(encoding="utf-8")
    for name in HEADER:
        assert f"\n| {name} " in guide, name


def test_a_merge_into_a_windows_file_keeps_its_line_ends(tmp_path):
    scenario = tmp_path / "windows.toml"
    scenario.write_bytes(FIXTURE_SCENARIO.read_bytes().replace(b"\n", b"\r\n"))
    injects = load_scenario(scenario).injects
    added = injects[0].model_copy(update={"id": "I10", "message": "A long message. " * 10})
    assert merge_into_scenario(scenario, (*injects, added)) is True
    data = scenario.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    assert load_scenario(scenario).injects == (*injects, added)


def test_show_gives_the_synopsis_and_the_responsible_controller(capsys):
    assert main(["scenarios", "show", str(FIXTURE_SCENARIO)]) == 0
    out = capsys.readouterr().out
    assert "Synopsis: Engineering reports the failed upgrade." in out
    assert "controller Sim cell lead" in out
