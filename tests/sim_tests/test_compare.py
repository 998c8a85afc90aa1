"""`stormdrill compare`: two teams on the same scenario and seed, side by side."""

from __future__ import annotations

from sim.action import Action
from sim.cli.main import main
from sim.session import Session
from sim.spec.loader import load_scenario


def save_team(tmp_path, team: str, actions: list[Action]):
    spec = load_scenario("tiny", ["turns.horizon_days=1"])
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
    assert lines[0].split()[:3] == ["session", "team", "scenario"]
    red = next(line for line in lines if line.startswith("Red.json"))
    blue = next(line for line in lines if line.startswith("Blue.json"))
    assert " - " in red and "tiny" in red and " 3 " in red
    assert "1.00" in blue, "the apology went out after its one-hour approval delay"
    assert "note:" not in "\n".join(lines)


def test_a_missing_session_is_one_sentence(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "nowhere.json")]) == 2
    error = capsys.readouterr().err
    assert "nowhere.json" in error and "Traceback" not in error
