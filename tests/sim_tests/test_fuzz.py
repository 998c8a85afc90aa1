"""Fuzzing what people give stormdrill: scenario files, protocol files, `--set` values, MSEL
spreadsheets, session files and command lines. Every input either works or is refused with
one sentence (a UserError, exit status 2 on the command line); none is a traceback.

Hypothesis runs with a fixed seed (`derandomize`) and a bounded number of examples per test,
so the suite is the same on every run and takes well under a minute; no deadline, so a slow
machine never fails it. Inputs that validate are also played where playing is cheap (the
tiny scenario), so "accepted" means "runs", not just "parses".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import math
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from pydantic import BaseModel

from sim.cli.main import main
from sim.errors import UserError
from sim.msel.columns import HEADER
from sim.msel.importer import import_msel
from sim.protocol import load_protocol
from sim.protocol.schema import RESPONSE_FIELDS, Rule, When
from sim.session import Session
from sim.spec.loader import load_scenario, resolve_scenario_path
from sim.spec.schema import ScenarioSpec, Strategy
from sim.validation import is_model
from tests.tiny import TINY as TINY_FILE

FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
PLAYED = settings(FUZZ, max_examples=25)
"""Tests that play what they accept: fewer examples, each a run of the tiny scenario."""

TINY = load_scenario(TINY_FILE)
TINY_TOML = resolve_scenario_path(TINY_FILE).read_text(encoding="utf-8")
HOSTILE_TEXT = st.sampled_from(
    ["[/b]", "[link='https://evil.example/phish']x[/link]", "[@click=app.quit]q[/]", "\x1b[2J"]
)


def field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every scalar field of the scenario schema as `--set` names it (sections walked)."""
    paths = []
    for name, field in model.model_fields.items():
        if is_model(field.annotation):
            paths += field_paths(field.annotation, f"{prefix}{name}.")
        else:
            paths.append(f"{prefix}{name}")
    return paths


SCENARIO_FIELDS = field_paths(ScenarioSpec)


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 0.5, 1e308, 2**63]),
)
texts = st.one_of(st.text(max_size=40), HOSTILE_TEXT, st.sampled_from(["", " ", "\x00"]))
plausible = st.one_of(
    st.floats(min_value=0, max_value=1), st.integers(min_value=1, max_value=24), HOSTILE_TEXT
)
"""Values a field is likely to take, so that accepted inputs are played too, not only refused."""


def toml_value(value: Any) -> str:
    """A Python value as TOML writes it (nan and inf included), for building files."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return "{" + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + "}"


toml_values = st.recursive(
    st.one_of(st.booleans(), numbers, texts),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["a", "id"]), inner)
    ),
    max_leaves=6,
)
set_values = st.one_of(
    plausible.map(toml_value),
    plausible.map(toml_value),
    toml_values.map(toml_value),
    texts,
    st.integers(min_value=1, max_value=3000).map(deep),
)


def refused_in_one_sentence(error: UserError) -> None:
    event("refused")
    text = str(error)
    assert text and "\n" not in text and "Traceback" not in text, text


def cheap(spec: ScenarioSpec) -> bool:
    """Small enough to play in a fuzz test."""
    return spec.graph.users <= 2_000 and spec.turns.horizon_days <= 2 and spec.graph.source


def play(spec: ScenarioSpec, **options: Any) -> None:
    """Run the spec to its horizon: only a UserError may stop it."""
    event("played")
    session = Session(spec, 1, **options)
    try:
        session.finish()
    except UserError as error:
        refused_in_one_sentence(error)
    finally:
        session.close()


# --------------------------------------------------------------------------- --set values


@FUZZ
@given(key=st.sampled_from(SCENARIO_FIELDS), value=set_values)
def test_any_set_value_loads_or_is_one_sentence(key, value):
    try:
        load_scenario(TINY_FILE, [f"{key}={value}"])
    except UserError as error:
        refused_in_one_sentence(error)


@PLAYED
@given(
    key=st.sampled_from([path for path in SCENARIO_FIELDS if path.split(".")[0] != "graph"]),
    value=set_values,
)
def test_any_accepted_set_value_runs(key, value):
    try:
        spec = load_scenario(TINY_FILE, [f"{key}={value}"])
    except UserError:
        return
    if cheap(spec):
        play(spec)


# --------------------------------------------------------------------------- scenario files


lines = st.one_of(
    st.text(max_size=60),
    st.tuples(st.sampled_from(SCENARIO_FIELDS), toml_values).map(
        lambda pair: f"{pair[0].rsplit('.', 1)[-1]} = {toml_value(pair[1])}"
    ),
    st.sampled_from(["[meta]", "[crisis]", "[[injects]]", "[graph]", "[[", "]]", '"""']),
    st.integers(min_value=400, max_value=3000).map(lambda depth: f"x = {deep(depth)}"),
)


@FUZZ
@given(
    edits=st.lists(
        st.tuples(st.integers(min_value=0, max_value=200), st.booleans(), lines), max_size=4
    )
)
def test_any_scenario_file_validates_or_is_one_sentence(tmp_path_factory, edits):
    text = TINY_TOML.splitlines()
    for position, replace, line in edits:
        at = min(position, len(text))
        text[at : at + int(replace)] = [line]
    path = tmp_path_factory.mktemp("scenario") / "fuzzed.toml"
    path.write_text("\n".join(text), encoding="utf-8")
    try:
        load_scenario(path)
    except UserError as error:
        refused_in_one_sentence(error)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = main(["scenarios", "validate", str(path)])
    assert code in (0, 2) and "Traceback" not in stderr.getvalue()


# --------------------------------------------------------------------------- protocol files


def mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`good` nine times in ten, so that many protocols load and are played."""
    return st.integers(min_value=0, max_value=9).flatmap(lambda draw: bad if draw == 0 else good)


hours = st.floats(min_value=0, max_value=48)
rule_values = st.fixed_dictionaries(
    {
        "when": mostly(
            st.sampled_from([when.value for when in When if when != "volume_above"]), texts
        ),
        "strategy": mostly(st.sampled_from([s.value for s in Strategy]), texts),
    },
    optional={
        "after_h": mostly(hours, numbers),
        "repeat_every_h": mostly(st.floats(min_value=0.5, max_value=24), numbers),
        "channel": st.sampled_from(["own_account", "influencer", "direct_reply", "x"]),
        "replies": mostly(st.integers(min_value=0, max_value=50), numbers),
        "transparency": mostly(st.floats(min_value=0, max_value=1), st.booleans()),
        "text": mostly(st.text(max_size=80), HOSTILE_TEXT),
        "pre_approved": mostly(st.booleans(), numbers),
        "influencer_rank": mostly(st.integers(min_value=0, max_value=20), numbers),
    },
)


@PLAYED
@given(
    rules=st.lists(rule_values, max_size=4),
    name=mostly(st.just("fuzzed"), texts),
    extra=mostly(st.just(""), lines),
)
def test_any_protocol_loads_and_runs_or_is_one_sentence(tmp_path_factory, rules, name, extra):
    parts = [f"name = {toml_value(name)}", 'description = "fuzzed"', extra]
    for rule in rules:
        parts += ["[[rules]]", *(f"{key} = {toml_value(value)}" for key, value in rule.items())]
    path = tmp_path_factory.mktemp("protocol") / "fuzzed.toml"
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    try:
        protocol = load_protocol(path)
    except UserError as error:
        refused_in_one_sentence(error)
        return
    assert set(RESPONSE_FIELDS) <= set(Rule.model_fields)
    play(TINY, protocol=protocol)


# --------------------------------------------------------------------------- MSEL files


cells = st.one_of(
    st.text(max_size=30),
    HOSTILE_TEXT,
    st.sampled_from(["T+1:30", "1:30", "99:99", "-1", "nan", "inf", "1e308", "journalist inquiry"]),
)


@FUZZ
@given(
    header=st.one_of(st.just(list(HEADER)), st.lists(st.sampled_from(HEADER), max_size=14)),
    rows=st.lists(st.lists(cells, max_size=15), max_size=4),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_any_msel_imports_or_is_one_sentence(tmp_path_factory, header, rows, delimiter, newline):
    def line(cells: list[str]) -> str:
        return delimiter.join(json.dumps(cell) for cell in cells)

    path = tmp_path_factory.mktemp("msel") / "fuzzed.csv"
    text = newline.join(line(row) for row in [header, *rows])
    path.write_text(text, encoding="utf-8-sig", newline="")
    try:
        injects = import_msel(path, allow_empty=True)
    except UserError as error:
        refused_in_one_sentence(error)
        return
    ScenarioSpec.model_validate({**TINY.model_dump(), "injects": [i.model_dump() for i in injects]})


workbook_cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20),
    st.sampled_from(["T+1:30", "02:00:00 AM", "1,5", "=1+1", "'@x", "150%", "journalist inquiry"]),
    st.times(),
    st.timedeltas(min_value=dt.timedelta(days=-2), max_value=dt.timedelta(days=400)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
)


@FUZZ
@given(
    header=st.one_of(st.just(list(HEADER)), st.lists(st.sampled_from(HEADER), max_size=14)),
    rows=st.lists(st.lists(workbook_cells, max_size=15), max_size=4),
)
def test_any_msel_workbook_imports_or_is_one_sentence(tmp_path_factory, header, rows):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [header, *rows]:
        sheet.append(row)
    path = tmp_path_factory.mktemp("msel") / "fuzzed.xlsx"
    book.save(path)
    try:
        injects = import_msel(path, allow_empty=True)
    except UserError as error:
        refused_in_one_sentence(error)
        return
    ScenarioSpec.model_validate({**TINY.model_dump(), "injects": [i.model_dump() for i in injects]})


# --------------------------------------------------------------------------- session files


def saved_session(folder: Path) -> dict[str, Any]:
    session = Session(TINY, 2, team="fuzz")
    session.queue(session.make_action(strategy="holding_statement", text="We are on it."))
    session.add_note("seen")
    session.end_turn()
    path = folder / "good.json"
    session.save(path)
    return json.loads(path.read_text())


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), numbers, texts),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=6,
)
session_paths = st.sampled_from(
    [
        ("seed",),
        ("team",),
        ("format_version",),
        ("protocol_state",),
        ("facilitator",),
        ("spec", "crisis", "cluster_responsibility"),
        ("spec", "crisis", "start_h"),
        ("spec", "meta", "title"),
        ("log", 0, "at_h"),
        ("log", 0, "action", "at_h"),
        ("log", 0, "action", "channel"),
        ("log", 1, "kind"),
        ("log", 2, "turn"),
        ("log",),
    ]
)


def inside(container: Any, key: str | int) -> Any:
    """`container[key]` where there is one (a change earlier in the list may have removed it)."""
    if isinstance(container, dict):
        return container.get(key)
    if isinstance(container, list) and isinstance(key, int) and key < len(container):
        return container[key]
    return None


@PLAYED
@given(changes=st.lists(st.tuples(session_paths, json_values), min_size=1, max_size=3))
def test_any_session_file_resumes_or_is_one_sentence(tmp_path_factory, changes):
    folder = tmp_path_factory.mktemp("session")
    data = saved_session(folder)
    for path, value in changes:
        target: Any = data
        for part in path[:-1]:
            target = inside(target, part)
        key = path[-1]
        if isinstance(target, dict) or inside(target, key) is not None:
            target[key] = value
    fuzzed = folder / "fuzzed.json"
    fuzzed.write_text(json.dumps(data), encoding="utf-8")
    try:
        session = Session.load(fuzzed)
    except UserError as error:
        refused_in_one_sentence(error)
        return
    try:
        session.end_turn()
        session.finish()
    except UserError as error:
        refused_in_one_sentence(error)
    finally:
        session.close()


# --------------------------------------------------------------------------- command lines


words = st.one_of(
    st.sampled_from(
        [
            TINY_FILE,
            "silent",
            "fast-transparent",
            "--seed",
            "--runs",
            "--protocol",
            "--set",
            "--json",
            "--out",
            "--delays",
            "--workers",
            "--vary",
            "--format",
            "-1",
            "0",
            "1",
            "2",
            "nan",
            "inf",
            "1e308",
            "crisis.severity=2",
            "crisis.severity=true",
            "x=1",
            "/dev/null",
            "/proc/x",
            "md",
        ]
    ),
    texts,
)
commands = st.sampled_from(
    [
        ["run"],
        ["sweep", TINY_FILE, "--runs", "1"],
        ["timing", TINY_FILE, "--runs", "1"],
        ["scenarios", "show"],
        ["scenarios", "validate"],
        ["report"],
        ["compare"],
    ]
)


@PLAYED
@given(command=commands, argv=st.lists(words, max_size=5))
def test_any_command_line_works_or_is_one_sentence(tmp_path_factory, monkeypatch, command, argv):
    monkeypatch.chdir(tmp_path_factory.mktemp("cli"))
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = main([*command, *argv])
    said = [line for line in stderr.getvalue().splitlines() if line.strip()]
    assert code in (0, 2), said
    assert "Traceback" not in stderr.getvalue()
    assert code == 0 or said, "refused without a word"
