"""Who is in the room: a person joining a hosted seat with `--name` is recorded in the log
once (a reconnection adds nothing), kept by the store and the replay, seen by the facilitator
and the evaluators only, never changes the outcome, and names the AAR's participants unless
`--participant` names that seat."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sim.cli.main import main
from sim.errors import UserError
from sim.host.client import SeatClient
from sim.host.seats import Command
from sim.report.overview import EVALUATORS, FACILITATOR, participants
from sim.session import Joined, Session, replay
from sim.session.record import NAME_MAX
from sim.session.store import read_store
from sim.spec.loader import load_scenario
from tests.hosting import no_wait, served
from tests.tiny import TINY


@pytest.fixture
async def hosted(tmp_path: Path) -> AsyncIterator[tuple[str, dict[str, str], Session]]:
    session = Session(load_scenario(TINY), seed=4, team="Blue", scenario_ref="tiny")
    session.claim_autosave([tmp_path / "named.sqlite"])
    try:
        async with served(session, sleep=no_wait) as (url, codes, _):
            yield url, codes, session
    finally:
        session.close()


async def seat(url: str, code: str, name: str = "") -> SeatClient:
    client = SeatClient(url, code, name=name)
    await client.join()
    return client


def people(log: object) -> list[tuple[str, str]]:
    assert isinstance(log, tuple)
    return [(entry.role, entry.name) for entry in log if isinstance(entry, Joined)]


async def test_names_given_at_the_seats_are_in_the_log_once_and_only_where_they_may_be(hosted):
    url, codes, session = hosted
    ceo = await seat(url, codes["CEO"], "  Ana   Ruiz ")
    evaluator = await seat(url, codes["evaluator"], "Ada Byron")
    facilitator = await seat(url, codes["facilitator"])
    observer = await seat(url, codes["observer"], "Lin Wu")
    await ceo.close()
    ceo = await seat(url, codes["CEO"], "Ana Ruiz")  # joining again records nothing new
    await ceo.do(Command.QUEUE, template="outage-holding")
    await facilitator.do(Command.END_TURN)

    expected = [("CEO", "Ana Ruiz"), ("evaluator", "Ada Byron"), ("observer", "Lin Wu")]
    assert [(p.role, p.name) for p in session.people] == expected
    view = await evaluator.wait_for_view(lambda view: view.turn == 1)
    assert people(view.log) == expected
    assert people((await facilitator.wait_for_view(lambda view: view.turn == 1)).log) == expected
    for client in (ceo, observer):
        await client.wait_for_view(lambda view: view.turn == 1)
        assert all("Ana Ruiz" not in text and "Ada Byron" not in text for text in client.received)

    stored = read_store(session.autosave).log
    assert stored == session.log
    resumed = replay(session.spec, 4, stored, team="Blue")
    assert [(p.role, p.name) for p in resumed.people] == expected
    unnamed = [entry for entry in stored if not isinstance(entry, Joined)]
    assert replay(session.spec, 4, unnamed, team="Blue").run_record() == session.run_record()
    for client in (ceo, evaluator, facilitator, observer):
        await client.close()


async def test_a_name_given_at_the_hot_wash_survives_the_replay(hosted):
    url, codes, session = hosted
    facilitator = await seat(url, codes["facilitator"], "Bo Chen")
    await facilitator.do(Command.FINISH)
    late = await seat(url, codes["evaluator"], "Ada Byron")  # joins for the hot wash
    stored = read_store(session.autosave).log
    resumed = replay(session.spec, 4, stored, team="Blue")
    assert [(p.role, p.name) for p in resumed.people] == [
        ("facilitator", "Bo Chen"),
        ("evaluator", "Ada Byron"),
    ]
    assert resumed.finished and resumed.outcome == session.outcome
    for client in (facilitator, late):
        await client.close()


async def test_a_name_that_cannot_be_one_is_one_sentence(hosted, capsys):
    url, codes, session = hosted
    with pytest.raises(UserError, match=r"^--name: the name is empty; give your name"):
        await seat(url, codes["CEO"], "   ")
    long = "x" * (NAME_MAX + 1)
    assert await asyncio.to_thread(main, ["join", url, "--code", codes["CEO"], "--name", long]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"stormdrill: --name '{long}': the name is {NAME_MAX + 1} characters")
    assert error.count("\n") == 1
    assert session.people == ()


def test_the_reports_participants_name_who_joined_unless_the_command_line_does():
    log = (
        Joined(at_h=0.0, turn=1, role="CEO", name="Ana Ruiz"),
        Joined(at_h=0.5, turn=1, role="facilitator", name="Bo Chen"),
        Joined(at_h=0.5, turn=1, role="evaluator", name="Ada Byron"),
        Joined(at_h=0.6, turn=1, role="observer", name="Lin Wu"),
        Joined(at_h=0.9, turn=1, role="evaluator", name="Ada Byron"),
    )
    roles = ("CEO", "legal")
    by_seat = {p.seat: p.people for p in participants("Blue", roles, log)}
    assert by_seat == {
        "Blue": "",
        "CEO": "Ana Ruiz",
        "legal": "",
        FACILITATOR: "Bo Chen",
        EVALUATORS: "Ada Byron, Lin Wu",
    }
    overridden = participants("Blue", roles, log, {"CEO": ("Ana Ruiz-Gómez",)})
    assert {p.seat: p.people for p in overridden}["CEO"] == "Ana Ruiz-Gómez"
    assert {p.seat: p.people for p in overridden}[FACILITATOR] == "Bo Chen"
