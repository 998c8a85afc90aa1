"""Nothing lost, nobody in: a failed save changes nothing, two exercises never share a file,
a killed save leaves nothing behind for long, the facilitator's passphrase survives a resume
hashed, and a statement that could never go out is refused when it is queued."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

import sim.session.store as store
from sim.atomic_file import (
    create_text_exclusively,
    remove_stale_temporaries,
    remove_temporaries,
    write_text_atomically,
)
from sim.errors import ActionError, SessionFileError
from sim.protocol import Protocol, ProtocolPolicy
from sim.session import Session
from sim.session.passphrase import PassphraseHash
from sim.session.store import read_store
from sim.spec.loader import load_scenario
from tests.tiny import TINY

PASSPHRASE = "storm in a teacup"
ONE_RULE = {"when": "trigger", "strategy": "apology"}


@pytest.fixture(scope="module")
def tiny():
    return load_scenario(TINY)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch):
    """Every insert into an exercise's store fails as SQLite fails on a full disk, until the
    test calls the fixture's value."""
    failing = {"on": True}
    real = store._insert

    def insert(connection, first, entries):
        if failing["on"]:
            raise sqlite3.OperationalError("database or disk is full")
        real(connection, first, entries)

    monkeypatch.setattr(store, "_insert", insert)
    return lambda: failing.update(on=False)


# --------------------------------------------------------------------------- a failed save


def test_a_statement_whose_save_fails_is_not_queued_and_a_retry_queues_it_once(
    tiny, tmp_path, full_disk
):
    session = Session(tiny, seed=2, autosave=tmp_path / "s.sqlite")
    action = session.make_action(strategy="holding_statement", text="We are on it.")
    with pytest.raises(
        SessionFileError, match=r"s\.sqlite: cannot save the session \(database or disk is full\)"
    ):
        session.queue(action)
    assert session.log == ()
    assert session.run_record().statements == ()
    full_disk()
    session.queue(action)
    assert [entry.kind for entry in session.log] == ["queue"]
    assert [entry.kind for entry in read_store(tmp_path / "s.sqlite").log] == ["queue"]


def test_notes_pauses_and_releases_whose_save_fails_change_nothing(tiny, tmp_path, full_disk):
    session = Session(tiny, seed=2, autosave=tmp_path / "s.sqlite")
    pending = session.ground_truth().pending_inject_ids
    for attempt in (
        lambda: session.add_note("seen"),
        session.pause,
        lambda: session.release_inject(pending[0]),
    ):
        with pytest.raises(SessionFileError):
            attempt()
    assert session.log == ()
    assert not session.paused
    assert session.ground_truth().pending_inject_ids == pending


def test_a_turn_whose_save_fails_is_recorded_by_the_retry_without_playing_it_twice(
    tiny, tmp_path, full_disk
):
    session = Session(tiny, seed=2, autosave=tmp_path / "s.sqlite")
    turn_h = tiny.turns.turn_ticks * tiny.turns.tick_h
    with pytest.raises(SessionFileError):
        session.end_turn()
    assert session.turn == 0
    full_disk()
    record = session.end_turn()
    assert (record.number, record.start_h, record.end_h) == (1, 0.0, pytest.approx(turn_h))
    assert session.now_h == pytest.approx(turn_h)


def test_an_unknown_inject_is_refused_before_anything_is_saved(tiny, tmp_path):
    path = tmp_path / "s.sqlite"
    session = Session(tiny, seed=2, autosave=path)
    with pytest.raises(ActionError, match="no pending inject 'nope'"):
        session.release_inject("nope")
    assert not path.exists()


# --------------------------------------------------------------------------- one file each


def test_two_exercises_started_at_once_claim_two_files(tiny, tmp_path):
    names = [tmp_path / "tiny-team-seed1.sqlite", tmp_path / "tiny-team-seed1-2.sqlite"]
    first, second = Session(tiny, seed=1, team="A"), Session(tiny, seed=1, team="B")
    assert first.claim_autosave(names) == names[0]
    assert second.claim_autosave(names) == names[1]
    first.add_note("from A")
    second.add_note("from B")
    assert Session.load(names[0]).team == "A"
    assert Session.load(names[1]).notes[0].text == "from B"
    with pytest.raises(SessionFileError, match="every candidate name"):
        Session(tiny, seed=1).claim_autosave(names)


def test_a_file_is_created_exclusively_and_never_empty(tmp_path):
    path = tmp_path / "claimed.json"
    create_text_exclusively(path, "first")
    with pytest.raises(FileExistsError):
        create_text_exclusively(path, "second")
    assert path.read_text() == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claimed.json"]


def test_temporaries_of_killed_saves_are_swept(tmp_path):
    path = tmp_path / "s.json"
    write_text_atomically(path, "saved")
    killed = [tmp_path / ".s.json.abc123.tmp", tmp_path / ".other.json.def456.tmp"]
    for leftover in killed:
        leftover.write_text("half")
    remove_temporaries(path)
    assert not killed[0].exists() and killed[1].exists()
    os.utime(killed[1], (0, 0))
    fresh = tmp_path / ".third.json.ghi789.tmp"
    fresh.write_text("being written")
    remove_stale_temporaries(tmp_path, older_than_s=3600)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".third.json.ghi789.tmp", "s.json"]


# --------------------------------------------------------------------------- the passphrase


def test_the_passphrase_is_kept_hashed_and_survives_save_and_resume(tiny, tmp_path):
    path = tmp_path / "s.sqlite"
    session = Session(tiny, seed=1, facilitator=PassphraseHash.of(PASSPHRASE))
    session.claim_autosave([path])
    session.close()
    assert PASSPHRASE.encode() not in path.read_bytes()
    resumed = Session.load(path, autosave=path)
    assert resumed.facilitator is not None
    assert resumed.facilitator.matches(PASSPHRASE)
    assert not resumed.facilitator.matches("guess")
    resumed.add_note("still protected")
    assert Session.load(path).facilitator == session.facilitator


def test_two_hashes_of_one_passphrase_differ_by_their_salt():
    first, second = PassphraseHash.of(PASSPHRASE), PassphraseHash.of(PASSPHRASE)
    assert first.salt != second.salt and first.digest != second.digest
    with pytest.raises(ValueError, match="empty passphrase"):
        PassphraseHash.of("")


def test_a_session_file_saved_before_passphrases_reads_as_having_none(tiny, tmp_path):
    path = tmp_path / "old.json"
    Session(tiny, seed=1).save(path)
    data = json.loads(path.read_text())
    del data["facilitator"]
    path.write_text(json.dumps(data))
    assert Session.load(path).facilitator is None


# --------------------------------------------------------------------------- refused early


def test_an_influencer_statement_is_refused_when_the_scenario_tracks_none(tmp_path):
    spec = load_scenario(TINY, ["population.tracked_influencers=0"])
    path = tmp_path / "s.json"
    session = Session(spec, seed=1, autosave=path)
    with pytest.raises(ActionError, match="tracks none"):
        session.queue(session.make_action(strategy="apology", channel="influencer"))
    assert session.log == ()
    session.end_turn()
    assert session.finish().seed == 1


@pytest.mark.parametrize(
    "state",
    [
        {"next": "x"},
        {"next": [0], "answered": [[]], "volume_h": [None], "extra": 1},
        {"next": [0, 0], "answered": [[], []], "volume_h": [None]},
        {"next": [0, 0], "answered": [[], []], "volume_h": [None, None]},
    ],
)
def test_a_damaged_protocol_state_is_one_sentence(tiny, tmp_path, state):
    protocol = Protocol(name="one", description="d", rules=(ONE_RULE,))
    path = tmp_path / "s.json"
    Session(tiny, seed=1, protocol=protocol).save(path)
    data = json.loads(path.read_text())
    data["protocol_state"] = state
    path.write_text(json.dumps(data))
    with pytest.raises(SessionFileError, match="protocol_state"):
        Session.load(path)


def test_a_protocol_state_round_trips(tiny):
    protocol = Protocol(name="one", description="d", rules=(ONE_RULE,))
    policy = ProtocolPolicy(protocol)
    assert ProtocolPolicy(protocol, json.loads(json.dumps(policy.snapshot()))).snapshot() == (
        policy.snapshot()
    )


def test_session_files_with_impossible_seeds_or_hours_are_one_sentence(tiny, tmp_path):
    path = tmp_path / "s.json"
    session = Session(tiny, seed=1)
    session.add_note("a note")
    session.save(path)
    good = json.loads(path.read_text())
    for change in (
        {"seed": -1},
        {"format_version": "1"},
        {"log": [{**good["log"][0], "at_h": float("inf")}]},
        {"log": [{**good["log"][0], "at_h": 1e308}]},
    ):
        Path(path).write_text(json.dumps({**good, **change}))
        with pytest.raises(SessionFileError) as raised:
            Session.load(path)
        assert "\n" not in str(raised.value)
    path.write_text('{"format": "stormdrill-session", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(SessionFileError, match="nested too deep"):
        Session.load(path)
