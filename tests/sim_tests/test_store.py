"""The exercise's store loses nothing: one row per log entry, committed before the entry is
applied; a process killed with SIGKILL mid-exercise keeps everything it acknowledged, and the
resumed session is the headless replay of its log; JSON session files import and export."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sim.errors import SessionFileError
from sim.session import Note, Session, replay
from sim.session.store import is_store, read_store
from sim.spec.loader import load_scenario
from sim.storage import open_to_resume
from tests.tiny import TINY

ACKNOWLEDGED_BEFORE_THE_KILL = 9

PLAYER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from sim.session import Session
    from sim.spec.loader import load_scenario

    session = Session(load_scenario(SCENARIO), seed=5, team="Kill", autosave=Path(sys.argv[1]))

    def acknowledge(what):
        print(what, len(session.log), flush=True)

    session.queue(session.make_action(strategy="holding_statement", text="We are looking."))
    acknowledge("queue")
    while session.turn < session.turns_total:
        session.add_note(f"turn {session.turn + 1} begins")
        acknowledge("note")
        session.end_turn()
        acknowledge("end_turn")
    n = 0
    while True:
        n += 1
        session.add_note(f"hot wash {n}")
        acknowledge("note")
    """
).replace("SCENARIO", repr(TINY))


@pytest.fixture(scope="module")
def tiny():
    return load_scenario(TINY)


def test_a_session_killed_mid_exercise_keeps_all_it_acknowledged(tiny, tmp_path: Path):
    path = tmp_path / "killed.sqlite"
    with subprocess.Popen(
        [sys.executable, "-c", PLAYER, str(path)], stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        acknowledged = 0
        for _ in range(ACKNOWLEDGED_BEFORE_THE_KILL):
            acknowledged = int(child.stdout.readline().split()[1])
        child.send_signal(signal.SIGKILL)
        for line in child.stdout:  # what it acknowledged between the last read and the kill
            acknowledged = int(line.split()[1])
    assert child.returncode == -signal.SIGKILL

    stored = read_store(path)
    assert len(stored.log) in (acknowledged, acknowledged + 1)  # at most one in flight
    assert [entry.kind for entry in stored.log[:3]] == ["queue", "note", "end_turn"]

    resumed = open_to_resume(path)
    headless = replay(tiny, 5, stored.log, team="Kill", scenario_ref=None)
    assert resumed.log == stored.log
    assert resumed.run_record() == headless.run_record()
    assert resumed.history == headless.history
    resumed.add_note("after the kill")
    assert read_store(path).log[-1] == resumed.log[-1]


def test_each_entry_is_one_row_committed_before_it_is_applied(tiny, tmp_path: Path):
    path = tmp_path / "rows.sqlite"
    session = Session(tiny, seed=1, autosave=path)
    session.queue(session.make_action(strategy="apology", text="We are sorry."))
    session.add_note("prompt apology")
    session.end_turn()
    with sqlite3.connect(path) as reader:
        rows = reader.execute("SELECT seq, kind, turn FROM log ORDER BY seq").fetchall()
        (mode,) = reader.execute("PRAGMA journal_mode").fetchone()
    assert rows == [(0, "queue", 1), (1, "note", 1), (2, "end_turn", 1)]
    assert mode == "wal"


def test_a_json_session_file_is_imported_and_left_as_it_was(tiny, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("STORMDRILL_HOME", str(tmp_path / "home"))
    old = tmp_path / "old-drill.json"
    played = Session(tiny, seed=3, team="Old")
    played.add_note("kept")
    played.end_turn()
    played.save(old)
    before = old.read_bytes()

    resumed = open_to_resume(old)
    assert resumed.autosave == tmp_path / "home" / "sessions" / "old-drill.sqlite"
    assert resumed.log == played.log
    resumed.end_turn()
    assert old.read_bytes() == before
    assert read_store(resumed.autosave).log == resumed.log

    exported = tmp_path / "export.json"
    resumed.save(exported)
    assert Session.load(exported).log == resumed.log
    assert is_store(resumed.autosave) and not is_store(exported)


def test_an_exercise_resumed_twice_is_refused_by_the_second_writer(tiny, tmp_path: Path):
    path = tmp_path / "twice.sqlite"
    Session(tiny, seed=1, autosave=path).add_note("first")
    one, two = Session.load(path, autosave=path), Session.load(path, autosave=path)
    one.add_note("from one")
    with pytest.raises(SessionFileError, match="resumed twice"):
        two.add_note("from two")
    assert two.log == one.log[:1]
    assert [entry.text for entry in read_store(path).log if isinstance(entry, Note)] == [
        "first",
        "from one",
    ]


def test_a_store_name_already_taken_is_one_sentence(tiny, tmp_path: Path):
    path = tmp_path / "taken.sqlite"
    path.write_text("mine")
    with pytest.raises(SessionFileError, match="already there"):
        Session(tiny, seed=1, autosave=path).add_note("x")
    assert path.read_text() == "mine"


def test_other_sqlite_files_and_damaged_stores_are_one_sentence(tiny, tmp_path: Path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    with pytest.raises(SessionFileError, match="not a stormdrill exercise"):
        Session.load(other)

    damaged = tmp_path / "damaged.sqlite"
    writer = Session(tiny, seed=1, autosave=damaged)
    writer.add_note("a note")
    writer.close()
    with sqlite3.connect(damaged) as connection:
        connection.execute("UPDATE log SET seq = 5")
    with pytest.raises(SessionFileError, match="log entry 0 is missing"):
        Session.load(damaged)
    with sqlite3.connect(damaged) as connection:
        connection.execute("UPDATE log SET seq = 0, entry = ?", (json.dumps({"kind": "x"}),))
    with pytest.raises(SessionFileError, match="invalid at log"):
        Session.load(damaged)
