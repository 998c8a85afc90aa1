"""Careless and hostile input on the command line: each case is one sentence on stderr and
exit status 2, never a traceback (issue 14, item 7), and the outputs stay valid (item 8)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from sim.cli.main import main
from sim.msel.export import export_msel
from sim.spec.loader import load_scenario, resolve_scenario_path
from tests.tiny import TINY

DEEP = "[" * 600 + "]" * 600


def one_sentence(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run the command; assert exit 2 and one line of stderr that is not a traceback."""
    code = main(argv)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, err
    assert "Traceback" not in err
    assert lines[-1].startswith(("stormdrill", "usage")) or len(lines) == 1, err
    return lines[-1]


def scenario_file(folder: Path, name: str, extra: str) -> Path:
    path = folder / name
    path.write_text(
        'schema_version = 1\n[meta]\ntitle = "t"\nsummary = "s"\n'
        '[crisis]\ntype = "data_breach"\ncluster = "victim"\n' + extra,
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (f"[graph]\nusers = {DEEP}\n", "nested too deep"),
        ('[graph]\nsource = "' + "a" * 5000 + '.csv"\n', "graph.source"),
        ('[graph]\nsource = "a\\u0000b.csv"\n', "graph.source"),
        ("start_h = inf\n", "crisis.start_h = Infinity is not a finite number"),
        ("cluster_responsibility = [0.2, nan, 0.8]\n", "not a finite number"),
        ("cluster_responsibility = [0.2, 5, 0.8]\n", "out of range"),
        ("severity = true\n", "crisis.severity = true is not a number"),
        ("history = 1\n", "crisis.history = 1 is not true or false"),
        ('history = "yes"\n', 'crisis.history = "yes" is not true or false'),
        (
            '[[meta.objectives]]\nid = "O1"\ntext = "a"\n'
            '[[meta.objectives]]\nid = "O1"\ntext = "b"\n',
            "two entries with the id 'O1'",
        ),
        (
            '[[team.templates]]\nid = "T"\nstrategy = "apology"\n'
            '[[team.templates]]\nid = "T"\nstrategy = "denial"\n',
            "team.templates has two entries",
        ),
    ],
)
def test_scenarios_that_validate_refuses(tmp_path, capsys, extra, says):
    path = scenario_file(tmp_path, "s.toml", extra)
    assert says in one_sentence(capsys, ["scenarios", "validate", str(path)])
    assert says in one_sentence(capsys, ["run", str(path)])


def test_validate_reads_the_graph_file_as_run_does(tmp_path, capsys):
    (tmp_path / "g.csv").write_text("x\n")
    path = scenario_file(tmp_path, "s.toml", '[graph]\nsource = "g.csv"\n')
    validated = one_sentence(capsys, ["scenarios", "validate", str(path)])
    assert validated == one_sentence(capsys, ["run", str(path)]).removeprefix("stormdrill: ")


def test_deep_protocols_and_overrides(tmp_path, capsys):
    protocol = tmp_path / "p.toml"
    protocol.write_text(f'name = "p"\ndescription = "d"\nx = {DEEP}\n')
    assert "nested too deep" in one_sentence(capsys, ["run", TINY, "--protocol", str(protocol)])
    said = one_sentence(capsys, ["run", TINY, "--set", f"crisis.severity={DEEP}"])
    assert "nested too deep" in said


@pytest.mark.parametrize(
    "argv",
    [
        ["run", TINY, "--seed", "-1"],
        ["play", TINY, "--seed", "-1"],
        ["run", TINY, "--seed", str(2**64)],
        ["sweep", TINY, "--protocol", "silent", "--runs", "10000000"],
        ["timing", TINY, "--protocol", "silent", "--delays=nan"],
        ["timing", TINY, "--protocol", "silent", "--delays=inf"],
    ],
)
def test_numbers_no_command_can_use(capsys, argv):
    one_sentence(capsys, argv)


@pytest.mark.parametrize("out", ["/proc/stormdrill-test", "/dev/null", "a-file"])
@pytest.mark.parametrize("command", ["run", "sweep", "timing"])
def test_out_that_is_not_a_writable_folder(tmp_path, monkeypatch, capsys, out, command):
    monkeypatch.chdir(tmp_path)
    Path("a-file").write_text("taken")
    argv = {
        "run": ["run", TINY],
        "sweep": ["sweep", TINY, "--protocol", "silent", "--runs", "1"],
        "timing": ["timing", TINY, "--protocol", "fast-transparent", "--runs", "1"],
    }[command]
    assert "--out" in one_sentence(capsys, [*argv, "--out", out])


@pytest.mark.parametrize("out", ["/dev/null", "."])
def test_a_report_goes_to_a_file_with_its_figures_beside_it(tmp_path, capsys, out):
    run = tmp_path / "run"
    assert main(["run", TINY, "--out", str(run)]) == 0
    assert "is not a regular file" in one_sentence(capsys, ["report", str(run), "--out", out])


def test_a_delay_past_what_a_rule_can_wait(capsys):
    said = one_sentence(
        capsys, ["timing", TINY, "--protocol", "fast-transparent", "--runs", "1", "--delays=800"]
    )
    assert "give delays of at most" in said


def test_a_dask_address_that_is_not_one(capsys):
    argv = ["sweep", TINY, "--protocol", "silent", "--runs", "1", "--dask", "not a url"]
    assert "--dask not a url" in one_sentence(capsys, argv)


def stormdrill_fails(*argv: str) -> str:
    """Run the command in its own process (serve runs an event loop of its own); assert exit 2
    and return its last line of stderr, which must not belong to a traceback."""
    command = [sys.executable, "-m", "sim.cli.main", *argv]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr.strip().splitlines()[-1]


def test_serve_on_a_port_in_use_or_a_host_that_is_not_one():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        assert "cannot listen there" in stormdrill_fails("serve", "--port", port)
    assert "cannot listen there" in stormdrill_fails("serve", "--host", "bad..host")


def test_more_workers_than_cores_are_cut_down_with_a_sentence(capsys, monkeypatch):
    """On a machine of one core, so the sweep it is cut down to runs in this process (a pool
    of spawned workers is test_sweep.py's test_process_pool_and_dask_give_the_serial_rows)."""
    monkeypatch.setattr("sim.cli.options.available_cores", lambda: 1)
    assert main(["sweep", TINY, "--protocol", "silent", "--runs", "1", "--workers", "999"]) == 0
    assert "--workers 999 is more than the 1 cores this machine has; using 1." in (
        capsys.readouterr().err
    )


def test_a_sweep_too_big_for_memory_is_refused_before_it_starts(capsys, monkeypatch):
    monkeypatch.setattr("sim.lab.capacity.available_memory", lambda: 10**9)
    said = one_sentence(capsys, ["sweep", "data-breach", "--protocol", "silent", "--runs", "99999"])
    assert "give at most --runs" in said


def test_a_report_of_a_session_whose_scenario_holds_nan(tmp_path, capsys):
    from sim.session import Session

    path = tmp_path / "s.json"
    Session(load_scenario(TINY), 1).save(path)
    data = json.loads(path.read_text())
    data["spec"]["crisis"]["cluster_responsibility"] = [0.2, float("nan"), 0.8]
    path.write_text(json.dumps(data))
    assert "cluster_responsibility" in one_sentence(capsys, ["report", str(path)])


def test_run_json_is_strict_json(capsys):
    assert main(["run", TINY, "--json"]) == 0

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON")

    assert json.loads(capsys.readouterr().out, parse_constant=refuse)["seed"] == 1


def test_serve_on_a_port_that_does_not_exist(capsys):
    one_sentence(capsys, ["serve", "--port", "70000"])


def test_a_closed_pipe_is_one_sentence():
    command = [sys.executable, "-m", "sim.cli.main", "run", TINY, "--json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        err = process.stderr.read().decode()
        assert process.wait(timeout=120) == 2
    assert err.strip() == "stormdrill: the output was closed before all of it was written."


# --------------------------------------------------------------------------- MSEL files


def test_an_msel_with_only_its_header_is_refused_unless_asked(tmp_path, capsys):
    header = export_msel(load_scenario(TINY)).split("\r\n")[0]
    csv = tmp_path / "msel.csv"
    csv.write_text(header + "\r\n", encoding="utf-8-sig")
    scenario = tmp_path / "s.toml"
    scenario.write_text(resolve_scenario_path(TINY).read_text())
    before = scenario.read_text()
    argv = ["scenarios", "msel", "import", str(csv), "--into", str(scenario)]
    assert "--allow-empty" in one_sentence(capsys, argv)
    assert scenario.read_text() == before
    assert main([*argv, "--allow-empty"]) == 0
    assert load_scenario(scenario).injects == ()


def test_a_carriage_return_in_a_cell_comes_back_as_written(tmp_path):
    from sim.msel.importer import import_msel
    from sim.msel.merge import merge_into_scenario

    spec = load_scenario(TINY)
    message = "line one\rline two\r\nline three"
    injects = (spec.injects[0].model_copy(update={"message": message}), *spec.injects[1:])
    csv = tmp_path / "msel.csv"
    csv.write_text(export_msel(spec.model_copy(update={"injects": injects})), encoding="utf-8-sig")
    imported = import_msel(csv)
    assert imported[0].message == message
    scenario = tmp_path / "s.toml"
    scenario.write_text(resolve_scenario_path(TINY).read_text())
    merge_into_scenario(scenario, imported)
    assert load_scenario(scenario).injects[0].message == message


def test_a_lesson_scenario_that_is_not_bundled(capsys):
    said = one_sentence(capsys, ["lesson", "--seeds", "2", "--scenario", "tiny"])
    assert "--scenario tiny is not a bundled scenario" in said and "offensive-post" in said
