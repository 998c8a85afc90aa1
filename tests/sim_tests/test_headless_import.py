"""The headless engine never imports the UI toolkit (DESIGN.md: sim never imports textual)."""

import subprocess
import sys

IMPORT_AND_CHECK = """
import sys
import sim, sim.spec, sim.cli.main
assert "textual" not in sys.modules, sorted(m for m in sys.modules if m.startswith("textual"))
"""


def test_importing_the_engine_and_cli_does_not_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_AND_CHECK], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_protocol_lab_is_reachable_from_sim_but_loads_only_on_use():
    code = (
        "import sys, sim; heavy = {'pandas', 'pyarrow', 'matplotlib'} & set(sys.modules); "
        "assert not heavy, heavy; from sim.lab.plan import SweepPlan; "
        "assert sim.SweepPlan is SweepPlan and callable(sim.sweep)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
