"""Long work tells how far it has gone: a run hour by hour, a report's what-if runs, the
calibration's families of checks; the bar draws on a terminal only (sim/lab/progress.py), and
being told changes no result."""

from __future__ import annotations

import pytest

from sim.calibration import runner
from sim.lab.progress import ProgressBar
from sim.report import build_report
from sim.session import EVERY_WHAT_IF, Session
from sim.spec.loader import load_scenario
from tests.tiny import TINY

SHORT = ("turns.horizon_days=0.5",)


class Told:
    def __init__(self) -> None:
        self.calls: list[tuple[float, float]] = []

    def __call__(self, done: float, total: float) -> None:
        self.calls.append((done, total))


def test_a_run_tells_its_hours_and_ends_as_an_untold_run_does():
    spec = load_scenario(TINY, SHORT)
    told = Told()
    watched = Session(spec, 4).finish(progress=told)
    assert watched == Session(spec, 4).finish()
    hours = [done for done, _ in told.calls]
    assert hours[0] == 0.0 and hours[-1] == pytest.approx(12.0)
    assert hours == sorted(hours) and len(hours) == 13
    assert all(total == pytest.approx(12.0) for _, total in told.calls)


def test_a_report_tells_each_what_if_run(tmp_path):
    spec = load_scenario(TINY, SHORT)
    session = Session(spec, 3, scenario_ref="tiny", overrides=SHORT)
    session.queue(session.make_action(strategy="holding_statement", at_h=0.5))
    session.end_turn()
    path = tmp_path / "drill.json"
    session.save(path)
    session.close()
    told = Told()
    build_report(path, progress=told)
    total = len(EVERY_WHAT_IF)
    assert told.calls[0] == (0, total) and told.calls[-1][1] == total
    assert [done for done, _ in told.calls] == list(range(len(told.calls)))


def test_calibration_tells_each_family_of_checks(monkeypatch):
    ran: list[str] = []

    def family(name):
        def checks(config, seed):
            ran.append(name)
            return []

        return checks

    monkeypatch.setattr(runner, "FAMILIES", (family("network"), family("cascade")))
    told = Told()
    assert runner.run_calibration(1, 300, only="model", progress=told) == []
    assert ran == ["network", "cascade"]
    assert told.calls == [(0, 2), (1, 2), (2, 2)]


def test_off_a_terminal_the_bar_draws_nothing(capsys):
    with ProgressBar("work", enabled=False) as bar:
        bar.start(10)
        bar.update(5)
        bar.update(10, 10)
    captured = capsys.readouterr()
    assert captured.out == captured.err == ""
