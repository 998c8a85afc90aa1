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


def test_a_sweep_worker_does_not_import_the_statistics_of_the_tables():
    """A pool worker imports what it needs to play its tasks and return their rows
    (sim.lab.worker), not scipy.stats, which only the parent's tables and verdicts use: half a
    second of every worker's start."""
    code = (
        "import sys, sim.lab.worker, sim.lab.plan; "
        "assert 'scipy.stats' not in sys.modules, 'scipy.stats imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


HELP_AND_CHECK = """
import sys
from sim.cli.main import main
assert main(["--help"]) == 0
light = {"pydantic", "asyncio", "importlib.metadata", "babel.numbers"}
assert not light & set(sys.modules), sorted(light & set(sys.modules))
assert main(["scenarios", "list"]) == 0
heavy = {"numpy", "scipy", "pandas", "mesa", "textual", "matplotlib", "networkx", "asyncio"}
assert not heavy & set(sys.modules), sorted(heavy & set(sys.modules))
"""


def test_help_and_the_scenario_list_import_no_numerics_and_no_ui() -> None:
    """Start-up a user feels: each subcommand imports what it needs when it runs, so `stormdrill
    --help` pays for argparse alone (not pydantic, asyncio, Babel or the package metadata of
    `--version`) and `stormdrill scenarios list` for pydantic and the scenario files, not the
    engine or the network (about 0.1 s and 0.35 s of CPU, issue 12)."""
    result = subprocess.run(
        [sys.executable, "-c", HELP_AND_CHECK], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_version_is_the_installed_packages() -> None:
    """`--version` looks the version up only when asked (sim.cli.main._Version), and still
    prints the installed package's."""
    from importlib.metadata import version

    result = subprocess.run(
        [sys.executable, "-m", "sim.cli.main", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"{version('stormdrill')}\n")
