"""`stormdrill play` and `serve` on the command line: mistakes are one sentence before any
screen opens, and the browser runs the same play command."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from sim.cli.main import main
from sim.cli.serve_cmd import join_command_line, play_command_line, public_url_of
from tests.tiny import TINY


def test_play_with_an_unknown_scenario_is_one_sentence(capsys):
    assert main(["play", "data-breech"]) == 2
    error = capsys.readouterr().err
    assert error.startswith(
        "stormdrill: data-breech: no such scenario file; did you mean data-breach?"
    )
    assert error.count("\n") == 1


def test_resume_from_a_file_that_is_not_a_session_is_one_sentence(tmp_path: Path, capsys):
    path = tmp_path / "notes.json"
    path.write_text("{}")
    assert main(["play", "--resume", str(path)]) == 2
    assert "not a stormdrill session file" in capsys.readouterr().err


def test_serve_runs_this_python_s_play_command():
    assert shlex.split(play_command_line(TINY)) == [
        sys.executable,
        "-m",
        "sim.cli.main",
        "play",
        TINY,
    ]
    assert shlex.split(play_command_line(None))[-1] == "play"


def test_serve_behind_a_proxy_points_browsers_at_the_public_url(capsys):
    assert public_url_of("https://drill.example.org/") == "https://drill.example.org"
    assert public_url_of(None) is None
    assert main(["serve", "--public-url", "drill.example.org"]) == 2
    assert "--public-url drill.example.org: not an address" in capsys.readouterr().err


def test_serve_join_runs_a_seat_that_asks_for_its_code_in_each_tab(capsys):
    assert shlex.split(join_command_line("http://127.0.0.1:8765"))[-2:] == [
        "join",
        "http://127.0.0.1:8765",
    ]
    assert main(["serve", "--join", "127.0.0.1:8765"]) == 2
    assert "--join 127.0.0.1:8765: not an address to join" in capsys.readouterr().err
