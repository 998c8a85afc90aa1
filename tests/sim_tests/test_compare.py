"""`stormdrill compare`: two teams on the same scenario and seed, side by side."""

from __future__ import annotations

import re

from sim.action import Action
from sim.cli.main import main
from sim.session import Session
from sim.spec.loader import load_scenario
from tests.tiny import TINY

TEAMS = ("Red", "Blue")


def save_team(tmp_path, team: str, actions: list[Action]):
    spec = load_scenario(TINY, ["turns.horizon_days=1"])
    session = Session(spec, seed=3, team=team, scenario_ref="tiny")
    for action in actions:
        session.queue(action)
    session.end_turn()
    path = tmp_path / f"{team}.json"
    session.save(path)
    session.close()
    return path


def test_two_teams_on_the_same_seed_are_compared_in_one_table(tmp_path, capsys):
    silent = save_team(tmp_path, "Red", [])
    prompt = save_team(
        tmp_path, "Blue", [Action(at_h=0.0, strategy="apology", transparency=0.9, template=None)]
    )
    assert main(["compare", str(silent), str(prompt)]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = [cell.strip() for cell in lines[0].split("  ") if cell.strip()]
    assert header[:8] == [
        "session",
        "team",
        "scenario",
        "seed",
        "turns",
        "damage avoided",
        "aware damage",
        "stakeholder damage",
    ]
    red, blue = (next(line for line in lines if line.startswith(f"{team}.json")) for team in TEAMS)
    assert red.split()[:6] == ["Red.json", "Red", "tiny", "3", "1/4", "0%"]
    assert re.fullmatch(r"-?\d+(\.\d+)?%", blue.split()[5]), "the apology changed the outcome"
    assert "1.00" in blue, "the apology went out after its one-hour approval delay"
    assert any(line.startswith("Red.json: Nothing was said: this is the damage") for line in lines)
    assert any(line.startswith("Blue.json: Blue's answers ") for line in lines)
    assert "note:" not in "\n".join(lines)


def test_a_missing_session_is_one_sentence(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "nowhere.json")]) == 2
    error = capsys.readouterr().err
    assert "nowhere.json" in error and "Traceback" not in error
