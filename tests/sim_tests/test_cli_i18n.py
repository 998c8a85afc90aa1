"""The command line speaks the exercise's language: `run`, `report`, `host` and `join` of an
Italian exercise, called through the entry point as a user would (the progress bar drawn as on a
terminal), in a pseudo-locale (every message of the catalog template in look-alike letters,
«ŕúñ»), print no plain word of ours on stdout or stderr: not the results, not the progress bar,
not the join codes' lines, not a refusal. With the real catalog, the same lines in Italian.
The library's commands (lesson, calibrate, scenarios) stay English (docs/translating.md);
sweep, timing and compare are tests/sim_tests/test_lab_i18n.py's."""

from __future__ import annotations

import io
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import sim.i18n
from sim.cli.main import main
from sim.i18n import LANG_VARIABLE
from sim.spec.loader import load_scenario
from tests.catalogs import pseudo_locale
from tests.sim_tests.test_report_i18n import played, small_italian_scenario
from tests.tiny import TINY

OURS = re.compile(r"[A-Za-z]{3,}")
"""A word of three plain letters or more: English, unless the scenario or the user wrote it."""
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
"""The terminal's colours and cursor moves around the progress bar."""
TYPED = re.compile(r"\S*/\S*|--[a-z-]+(?: [^\s«»]+)?|stormdrill \w+|\.(gexf|graphml|png|sqlite)\b")
"""What is typed, not read: paths, addresses, options and their values, commands, file
extensions."""
NAMES = {"stormdrill", "silent", "gephi", "ctrl"}
"""The product, the protocol's name as given, a program and a key."""
JOIN = re.compile(r"stormdrill join (?P<url>\S+) --code (?P<code>\S+)")


class Terminal(io.StringIO):
    """stderr as a terminal, so the progress bar is drawn (sim.lab.progress) and can be read."""

    def isatty(self) -> bool:
        return True


class ClosedPipe(io.StringIO):
    """stdout whose reader has gone: writing to it raises BrokenPipeError, as a pipe closed at
    the other end does; `fileno` is a real file's, for sim.cli.main to point at /dev/null."""

    def __init__(self, descriptor: int) -> None:
        super().__init__()
        self.descriptor = descriptor

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self.descriptor


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every command of this process in the pseudo-locale's catalog; the exercises it hosts
    kept under `tmp_path`."""
    locales = pseudo_locale(tmp_path / "locales")
    monkeypatch.setattr(sim.i18n, "LOCALES_FOLDER", locales)
    monkeypatch.setenv("STORMDRILL_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    return locales


def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """stderr from now on (capsys has put its own in place by the time a test runs)."""
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setenv("COLUMNS", "200")
    return stderr


def scenario_words(scenario: Path) -> set[str]:
    """What the scenario wrote (its title, its roles), shown as written."""
    meta = load_scenario(str(scenario)).meta
    return words_in(" ".join([meta.title, meta.brand, *meta.roles]))


def words_in(text: str) -> set[str]:
    return {word.casefold() for word in OURS.findall(TYPED.sub(" ", ESCAPES.sub("", text)))}


SYSTEMS_REASON = re.compile(r"\([\x00-\x7f]*\)(?=;)")
"""Why the system refused (an address in use), in plain ASCII between parentheses before the
rest of the sentence: the operating system's words, not ours."""


def leaks(text: str, scenario: Path) -> set[str]:
    return words_in(SYSTEMS_REASON.sub("", text)) - scenario_words(scenario) - NAMES


def test_run_speaks_the_scenarios_language_in_its_summary_bar_and_refusals(
    pseudo, tmp_path, capsys, monkeypatch
):
    terminal = on_a_terminal(monkeypatch)
    scenario = small_italian_scenario(tmp_path)
    short = ["--set", "turns.horizon_days=0.5"]
    assert main(["run", str(scenario), *short, "--out", str(tmp_path / "out")]) == 0
    printed, drawn = capsys.readouterr().out, terminal.getvalue()
    assert "«" in printed and "«" in drawn  # the summary, and the bar's label and its ETA
    assert leaks(printed + drawn, scenario) == set()

    (tmp_path / "file").write_text("", encoding="utf-8")
    refusals = [
        ["--graph-out", str(tmp_path / "graph.png")],
        ["--out", str(tmp_path / "file")],
    ]
    for refusal in refusals:
        terminal = on_a_terminal(monkeypatch)
        assert main(["run", str(scenario), *short, *refusal]) == 2
        said = terminal.getvalue()  # the bar, when the run came first, then one sentence
        assert said.count("stormdrill: ") == 1 and said.endswith("»\n")
        assert leaks(said, scenario) == set(), said


def test_run_in_italian_says_so_in_italian(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    scenario = small_italian_scenario(tmp_path)
    assert main(["run", str(scenario), "--graph-out", str(tmp_path / "grafo.png")]) == 2
    assert "l'estensione '.png' non è tra .gexf, .graphml" in capsys.readouterr().err
    assert main(["run", TINY, "--graph-out", "g.png", "--lang", "it"]) == 2
    assert "chiama il file .gexf (Gephi) o .graphml" in capsys.readouterr().err
    assert main(["run", TINY, "--graph-out", "g.png"]) == 2
    assert "name the file .gexf (Gephi) or .graphml" in capsys.readouterr().err


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    session = played(small_italian_scenario(tmp_path))
    path = tmp_path / "drill.json"
    session.save(path)
    session.close()
    return path


def test_report_speaks_the_sessions_language_while_it_works_and_when_it_is_done(
    pseudo, saved, capsys, monkeypatch
):
    terminal = on_a_terminal(monkeypatch)
    scenario = saved.with_name("disservizio-piccolo.toml")
    out = saved.with_name("aar.md")
    assert main(["report", str(saved), "--out", str(out)]) == 0
    printed, drawn = capsys.readouterr().out, terminal.getvalue()
    assert out.is_file() and str(out) in printed
    assert "«" in drawn  # the what-if runs' bar
    assert leaks(printed + drawn, scenario) == set()

    terminal = on_a_terminal(monkeypatch)
    assert main(["report", str(saved), "--out", str(saved.parent)]) == 2
    said = terminal.getvalue()
    assert said.startswith("stormdrill: ") and leaks(said, scenario) == set(), said


def test_report_in_italian_writes_wrote_in_italian(saved, capsys, monkeypatch):
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    out = saved.with_name("aar.md")
    assert main(["report", str(saved), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"scritto {out}\n"
    assert main(["report", str(saved), "--out", str(out), "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"


@pytest.fixture
def italian_host(pseudo: Path, tmp_path: Path) -> Iterator[tuple[str, dict[str, str], str]]:
    """`stormdrill host` of an Italian scenario in a child process reading the pseudo-locale's
    catalog: what it printed, the URL and each role's code."""
    scenario = small_italian_scenario(tmp_path)
    # Ctrl-C must end the host as at a terminal, but a suite started in the background
    # (`cmd &`, as CI runners may) ignores SIGINT and a child inherits that: put Python's back.
    launch = (
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "import sys; from pathlib import Path; import sim.i18n; "
        "sim.i18n.LOCALES_FOLDER = Path(sys.argv[1]); from sim.cli.main import main; "
        "raise SystemExit(main(sys.argv[2:]))"
    )
    arguments = ["host", str(scenario), "--port", "0"]
    child = subprocess.Popen(
        [sys.executable, "-c", launch, str(pseudo), *arguments], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    printed: list[str] = []
    for line in child.stdout:
        printed.append(line)
        if "stormdrill host --resume" in line:
            break
    try:
        codes = {}
        for line in printed:
            if match := JOIN.search(line):
                codes[line.split("stormdrill join")[0].strip()] = match["code"]
                url = match["url"]
        yield "".join(printed), codes, url
    finally:
        # Ctrl-C; should the host still not stop, end it rather than hang the suite (the host's
        # own shutdown is test_host's to check).
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        finally:
            child.stdout.close()


def test_host_prints_its_seats_and_refuses_a_wrong_code_in_the_scenarios_language(
    italian_host, tmp_path, capsys
):
    printed, codes, url = italian_host
    scenario = tmp_path / "disservizio-piccolo.toml"
    exercise = re.findall(r"--resume ([\w-]+)", printed)[0]  # the exercise's file, named for it
    printed = printed.replace(exercise, " ")
    assert set(load_scenario(str(scenario)).meta.roles) < set(codes)  # and the others' seats
    seats = words_in(" ".join(codes))  # each seat's role, as `join` and the report name it
    assert "«" in printed and leaks(printed, scenario) - seats == set(), printed
    assert main(["join", url, "--code", "guess"]) == 2
    said = capsys.readouterr().err
    assert said.startswith("stormdrill: --code: «") and leaks(said, scenario) == set(), said


def test_host_and_join_refusals_speak_the_exercises_language_or_langs(pseudo, tmp_path, capsys):
    scenario = small_italian_scenario(tmp_path)
    refused = [
        ["host", "--resume", "42", "--lang", "it"],
        ["join", "127.0.0.1:8765", "--lang", "it"],
        ["join", "http://127.0.0.1:8765", "--name", "  ", "--lang", "it"],
    ]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused.append(["host", str(scenario), "--port", str(port)])
        for arguments in refused:
            assert main(arguments) == 2
            said = capsys.readouterr().err
            assert said.startswith("stormdrill: ") and "«" in said, said
            assert leaks(said, scenario) == set(), said


def test_join_says_an_unreachable_host_in_italian_with_lang(capsys, monkeypatch):
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert main(["join", f"http://127.0.0.1:{port}", "--code", "x", "--lang", "it"]) == 2
    assert "host non raggiungibile" in capsys.readouterr().err
    monkeypatch.setenv(LANG_VARIABLE, "it_IT")
    assert main(["join", "127.0.0.1:1"]) == 2
    assert "non è un indirizzo a cui collegarsi" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("scenario", "lang", "closed"),
    [
        (
            "italian",
            None,
            "stormdrill: l'output è stato chiuso prima che fosse scritto per intero.",
        ),
        (TINY, "it", "stormdrill: l'output è stato chiuso prima che fosse scritto per intero."),
        (TINY, None, "stormdrill: the output was closed before all of it was written."),
    ],
)
def test_run_says_its_output_was_closed_in_the_exercises_language(
    scenario, lang, closed, tmp_path, monkeypatch, capsys
):
    """`stormdrill run --json | head -c 0`: the reader is gone before the outcome is printed.
    In this process, with a stdout that refuses as a closed pipe does; the real pipe, in a
    process of its own, is test_cli_errors.py's test_a_closed_pipe_is_one_sentence."""
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    path = str(small_italian_scenario(tmp_path)) if scenario == "italian" else scenario
    arguments = ["run", path, "--set", "turns.horizon_days=0.5", "--json"]
    arguments += [] if lang is None else ["--lang", lang]
    with (tmp_path / "stdout").open("w") as file:
        monkeypatch.setattr(sys, "stdout", ClosedPipe(file.fileno()))
        assert main(arguments) == 2
    said = capsys.readouterr().err
    assert said.splitlines()[-1] == closed, said
