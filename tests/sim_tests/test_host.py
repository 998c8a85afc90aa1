"""One exercise, many seats: seats join a real server on a random loopback port, each receives
only what its role may see, wrong codes are slowed down and denied, and a server killed with
SIGKILL resumes with every acknowledged entry and the same codes while its seats reconnect by
themselves."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from sim.cli.main import main
from sim.errors import UserError
from sim.host.client import RECONNECT_FIRST_S, JoinError, SeatClient
from sim.host.seats import Command, SeatKind, new_seats, seat_for, wrong_code_delay_s
from sim.host.server import Host
from sim.host.visibility import view_for
from sim.host.wire import TO_SEAT, SeatView, View, Welcome
from sim.session import Note, Queued, Rated, Session, replay
from sim.session.store import read_store
from sim.spec.loader import load_scenario
from tests.hosting import served
from tests.tiny import TINY

NOTE = "Evaluator only: the holding line came 40 minutes late"
REASON = "Evaluator only: nobody owned the holding line"
CRISIS_BEGINS = "The crisis begins"  # the trigger: an event only the facilitator sees
JOIN = re.compile(r"^\s+(?P<role>.+?)\s+stormdrill join (?P<url>\S+) --code (?P<code>\S+)$")


class Recorded:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
async def hosted(tmp_path: Path) -> AsyncIterator[tuple[str, dict[str, str], Host, Recorded]]:
    session = Session(load_scenario(TINY), seed=4, team="Blue", scenario_ref="tiny")
    session.claim_autosave([tmp_path / "hosted.sqlite"])
    sleep = Recorded()
    try:
        async with served(session, sleep=sleep) as (url, codes, host):
            yield url, codes, host, sleep
    finally:
        session.close()


def debriefed(view: SeatView) -> bool:
    """The view holds the whole debrief: the server has computed every what-if."""
    debrief = view.debrief
    return debrief is not None and len(debrief.what_ifs) == debrief.what_ifs_total


class UntilTheHostIsBack:
    """The seats' wait between reconnect attempts: until the test has the resumed host
    listening (an event, never a timer); the back-off delays they asked for are kept."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.listening = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await self.listening.wait()


async def joined(url: str, code: str, **options: Any) -> SeatClient:
    client = SeatClient(url, code, **options)
    await client.join()
    return client


async def test_seats_play_one_exercise_and_each_sees_only_what_its_role_may(hosted):
    url, codes, host, _ = hosted
    seats = {
        role: await joined(url, codes[role])
        for role in ("social media manager", "legal", "facilitator", "evaluator", "observer")
    }
    smm, legal, facilitator, evaluator, observer = seats.values()
    assert smm.view.kind is SeatKind.PLAYER and smm.view.role == "social media manager"

    entries = await smm.do(Command.QUEUE, template="outage-holding")  # pre-approved
    assert entries == 1
    await evaluator.do(Command.NOTE, text=NOTE, objective="O1")
    await evaluator.do(Command.RATE, objective="O1", rating="M", reason=REASON, by="Ada")
    await facilitator.do(Command.END_TURN)
    for client in seats.values():
        view = await client.wait_for_view(lambda view: view.turn == 1)
        assert [entry.kind for entry in view.log if isinstance(entry, Queued)] == ["queue"]
        assert view.entries == 4

    with pytest.raises(UserError, match="social media manager seat cannot end_turn"):
        await smm.do(Command.END_TURN)
    with pytest.raises(UserError, match="observer seat cannot queue"):
        await observer.do(Command.QUEUE, strategy="apology")
    with pytest.raises(UserError, match="legal seat cannot rate"):
        await legal.do(Command.RATE, objective="O1", rating="P", reason="fine", by="Lee")
    with pytest.raises(UserError, match="evaluator seat cannot release_inject"):
        await evaluator.do(Command.RELEASE_INJECT, inject_id="I5")
    with pytest.raises(UserError, match="no pending inject"):
        await facilitator.do(Command.RELEASE_INJECT, inject_id="nope")

    for client in (smm, legal, observer, evaluator):
        for text in client.received:
            message = TO_SEAT.validate_json(text)
            assert "ground_truth" not in text or '"ground_truth":null' in text
            if isinstance(message, Welcome | View):
                assert message.view.ground_truth is None
                assert message.view.against_silence is None
                events = [event for turn in message.view.history for event in turn.events]
                assert all(event.visible_to_team for event in events)
                assert CRISIS_BEGINS not in text
    for client in (smm, legal, observer):
        assert all(NOTE not in text and REASON not in text for text in client.received)
        assert not any(isinstance(entry, Note | Rated) for entry in client.view.log)
    for client in (evaluator, facilitator):
        assert any(NOTE in text for text in client.received)
        assert any(REASON in text for text in client.received)
    assert facilitator.view.ground_truth is not None
    assert any(CRISIS_BEGINS in text for text in facilitator.received)

    stored = read_store(host.session.autosave).log
    assert stored == host.session.log
    headless = replay(host.session.spec, 4, stored, team="Blue")
    assert headless.run_record() == host.session.run_record()
    for client in seats.values():
        await client.close()


async def test_wrong_codes_are_denied_and_slowed_down_more_each_time(hosted):
    url, codes, _, sleep = hosted
    for guess in ("", "x" * 24, codes["observer"][:-1]):
        with pytest.raises(JoinError, match="that join code opens no seat"):
            await joined(url, guess)
    assert sleep.delays == [0.5, 1.0, 2.0]
    observer = await joined(url, codes["observer"])
    assert observer.view.kind is SeatKind.OBSERVER
    with pytest.raises(JoinError, match="opens no seat"):
        await joined(url, "still wrong")
    assert sleep.delays[-1] == 0.5  # a right code starts the count again
    await observer.close()


def test_codes_are_random_long_and_kept_only_as_digests():
    first, second = new_seats(("CEO",)), new_seats(("CEO",))
    ceo, code = first[0]
    assert [seat.role for seat, _ in first] == ["CEO", "facilitator", "evaluator", "observer"]
    assert len(code) >= 24 and code != second[0][1]
    assert code not in ceo.model_dump_json()
    seats = [seat for seat, _ in first]
    assert seat_for(code, seats) == ceo
    one_character_off = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert seat_for(one_character_off, seats) is None
    assert [wrong_code_delay_s(n) for n in (0, 1, 2, 3, 10)] == [0.0, 0.5, 1.0, 2.0, 30.0]


def test_no_code_begins_with_a_dash_which_join_would_read_as_an_option(monkeypatch, capsys):
    """`stormdrill join URL --code -x...` is argparse's "expected one argument": a code drawn
    with a leading `-` (one in 64 of token_urlsafe's) is drawn again."""
    drawn = iter(["-" + "a" * 23, "b" * 24, "-" + "c" * 23, "d" * 24, "e" * 24, "f" * 24])
    monkeypatch.setattr("sim.host.seats.secrets.token_urlsafe", lambda size: next(drawn))
    codes = [code for _seat, code in new_seats(("CEO",))]
    assert codes == ["b" * 24, "d" * 24, "e" * 24, "f" * 24]
    assert main(["join", "http://127.0.0.1:1", "--code", "-" + "a" * 23]) == 2
    assert "argument --code: expected one argument" in capsys.readouterr().err


def host_process(home: Path, *arguments: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    """`stormdrill host` in a child process; its printed seats, by role, and the URL."""
    child = subprocess.Popen(
        [sys.executable, "-m", "sim.cli.main", "host", *arguments],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "STORMDRILL_HOME": str(home)},
    )
    assert child.stdout is not None
    printed: dict[str, str] = {}
    for line in child.stdout:
        if line.startswith("Listening on "):
            printed["url"] = line.split()[-1]
        if line.startswith("Exercise ID: "):
            printed["id"] = line.split()[2]
        if match := JOIN.match(line.rstrip("\n")):
            printed[match["role"]] = match["code"]
        if line.startswith("Stop with Ctrl+C"):
            return child, printed
    raise AssertionError(f"the host exited ({child.wait()}) before it was listening")


async def test_a_host_killed_mid_turn_resumes_with_all_it_acknowledged(tmp_path: Path):
    first, printed = host_process(tmp_path, TINY, "--seed", "3", "--port", "0")
    url = printed["url"]
    back = UntilTheHostIsBack()
    try:
        player = await joined(url, printed["CEO"], sleep=back)
        facilitator = await joined(url, printed["facilitator"], sleep=back)
        await player.do(Command.QUEUE, strategy="apology", text="We are sorry, it is fixed.")
        await facilitator.do(Command.END_TURN)
        acknowledged = await facilitator.do(Command.NOTE, text="turn 2 begins")
        views_before = player.views
        in_flight = asyncio.create_task(facilitator.do(Command.END_TURN))
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
        first.stdout.close()
    assert first.returncode == -signal.SIGKILL
    try:
        acknowledged = await in_flight  # it may have been committed before the kill
    except UserError as error:
        assert "dropped before it confirmed" in str(error)

    port = url.rsplit(":", 1)[1]
    second, again = host_process(tmp_path, "--resume", printed["id"], "--port", port)
    back.listening.set()
    try:
        assert again["url"] == url and "CEO" not in again  # codes are not shown again
        view = await player.wait_for_view(lambda view: player.views > views_before)
        assert view.entries in (acknowledged, acknowledged + 1)  # at most the turn in flight
        await facilitator.wait_for_view(lambda view: view.entries >= acknowledged)
        if view.turn == 1:
            await facilitator.do(Command.END_TURN)
        await player.wait_for_view(lambda view: view.turn == 2)
        observer = await joined(url, printed["observer"])
        assert observer.view.turn == 2
        await observer.close()
        assert back.delays == [RECONNECT_FIRST_S] * 2  # each seat back at its first attempt
    finally:
        second.send_signal(signal.SIGKILL)
        second.wait()
        second.stdout.close()
        await player.close()
        await facilitator.close()
    stored = read_store(tmp_path / "sessions" / f"{printed['id']}.sqlite")
    assert [entry.kind for entry in stored.log] == ["queue", "end_turn", "note", "end_turn"]


async def test_join_with_a_wrong_code_or_no_host_is_one_sentence(hosted, capsys):
    url, _, _, _ = hosted
    assert await asyncio.to_thread(main, ["join", url, "--code", "guess"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("stormdrill: --code: that join code opens no seat")
    assert error.count("\n") == 1
    assert await asyncio.to_thread(main, ["join", "127.0.0.1:1", "--code", "x"]) == 2
    assert "not an address to join" in capsys.readouterr().err


async def test_a_full_room_plays_a_whole_exercise_and_ends_as_the_headless_replay(hosted):
    """1 facilitator, 12 players over the scenario's roles, 3 evaluators, 20 observers, all
    sending at once: no entry lost or doubled, every seat ends on the replay's view, its debrief
    and the what-ifs of the same seed included."""
    url, codes, host, _ = hosted
    player_roles = list(host.session.spec.meta.roles)
    facilitator = await joined(url, codes["facilitator"])
    players = [await joined(url, codes[player_roles[n % len(player_roles)]]) for n in range(12)]
    evaluators = [await joined(url, codes["evaluator"]) for _ in range(3)]
    observers = [await joined(url, codes["observer"]) for _ in range(20)]
    everyone = [facilitator, *players, *evaluators, *observers]

    sent: list[str] = []
    for turn in range(1, host.session.turns_total + 1):
        notes = [f"turn {turn}, evaluator {n}" for n in range(len(evaluators))]
        sent += notes
        await asyncio.gather(
            players[turn % len(players)].do(
                Command.QUEUE, strategy="correction", text=f"Update {turn}: the app is back."
            ),
            *(
                client.do(Command.NOTE, text=note)
                for client, note in zip(evaluators, notes, strict=True)
            ),
        )
        for draft in host.session.drafts:  # legal or the CEO is seated: a person approves
            approver = next(client for client in players if client.view.role == draft.approver)
            await approver.do(Command.APPROVE, draft=draft.draft)
        await facilitator.do(Command.END_TURN)
    last = await facilitator.do(Command.FINISH)

    log = read_store(host.session.autosave).log
    assert len(log) == last == len(host.session.log)
    assert sorted(entry.text for entry in log if isinstance(entry, Note)) == sorted(sent)
    assert [entry.kind for entry in log].count("queue") == host.session.turns_total
    headless = replay(host.session.spec, 4, log, team="Blue")
    what_ifs = tuple(headless.what_ifs())
    for client in everyone:
        final = await client.wait_for_view(lambda view: view.entries == last and debriefed(view))
        expected = view_for(client.view.kind, client.view.role, headless, what_ifs)
        assert final == expected
    for client in everyone:
        await client.close()


async def test_every_seat_sees_the_debrief_and_only_the_evaluators_their_material(hosted):
    url, codes, host, _ = hosted
    player, facilitator, evaluator, observer = [
        await joined(url, codes[role]) for role in ("CEO", "facilitator", "evaluator", "observer")
    ]
    await player.do(Command.QUEUE, template="outage-holding")
    await evaluator.do(Command.NOTE, text=NOTE, objective="O1")
    await facilitator.do(Command.END_TURN)
    assert player.view.debrief is None  # nothing of it while in play
    await facilitator.do(Command.FINISH)
    await evaluator.do(Command.RATE, objective="O1", rating="U", reason=REASON, by="Ada")

    last = len(host.session.log)
    views = {
        client.view.kind: await client.wait_for_view(
            lambda view: view.entries == last and debriefed(view)
        )
        for client in (player, facilitator, evaluator, observer)
    }
    headless = replay(host.session.spec, 4, host.session.log, team="Blue")
    outcome = headless.outcome
    assert {view.debrief.outcome for view in views.values()} == {outcome}
    assert {view.debrief.what_ifs for view in views.values()} == {tuple(headless.what_ifs())}
    for kind in (SeatKind.PLAYER, SeatKind.OBSERVER):
        debrief = views[kind].debrief
        assert debrief.judgements == ()
        evidence = [line for rating in debrief.ratings for line in rating.evidence]
        assert not any("Evaluator note" in line for line in evidence)
    for kind in (SeatKind.FACILITATOR, SeatKind.EVALUATOR):
        debrief = views[kind].debrief
        (o1, *_) = debrief.judgements
        assert (o1.rating, [rated.reason for rated in o1.evaluators]) == ("U", [REASON])
        assert any(NOTE in line for line in debrief.ratings[0].evidence)
    for client in (player, observer):
        assert all(NOTE not in text and REASON not in text for text in client.received)
    for client in (player, facilitator, evaluator, observer):
        await client.close()


async def test_a_finished_exercise_hosted_again_shows_its_whole_debrief(tmp_path: Path):
    session = Session(load_scenario(TINY), seed=5, team="Blue", scenario_ref="tiny")
    session.claim_autosave([tmp_path / "done.sqlite"])
    session.queue(session.make_action(template="outage-holding"))
    session.finish()
    try:
        async with served(session) as (url, codes, host):
            observer = await joined(url, codes["observer"])
            view = await observer.wait_for_view(debriefed)
            assert view.debrief.outcome == session.outcome
            assert view.debrief.what_ifs == host.what_ifs
            await observer.close()
    finally:
        session.close()
