"""The tiny scenario of the tests: 200 users, two simulated days, four turns of an hour. A test
fixture, not a drill, so it lives here and not in the bundled library (`stormdrill scenarios
list` shows only teaching scenarios, each keeping a 12-turn drill busy: sim/spec/drill.py). Give
`TINY` wherever a scenario's name or path is taken: it is the file's path."""

from __future__ import annotations

from pathlib import Path

TINY = str(Path(__file__).parent / "scenario_files" / "tiny.toml")
