"""The war room under test: a deterministic app on the tiny scenario (200 users, 4 turns), with
its sessions saved under a temporary STORMDRILL_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from tests.tiny import TINY
from tui.app import StormdrillApp
from tui.storage import HOME_VARIABLE

SEED = 7
TEAM = "Blue"
PASSPHRASE = "storm"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path))
    return tmp_path


def tiny_app() -> StormdrillApp:
    """The app factory of every test and snapshot: fixed scenario, seed and team."""
    return StormdrillApp(TINY, seed=SEED, team=TEAM)


async def settle(pilot: Pilot) -> None:
    """Let workers finish and their messages be handled."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def start_exercise(pilot: Pilot, passphrase: str = PASSPHRASE) -> None:
    """From the briefing to the war room, as a team would: fill the form and press Start."""
    await pilot.pause()
    pilot.app.screen.query_one("#passphrase").value = passphrase
    await pilot.click("#start")
    await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` into the focused field as a fast typist would: one key event per character,
    named as Pilot's `press` names them, all sent in order, and one wait for the app at the end.

    `press` waits for the app to go idle twice after every key, 40 ms at the least, and most of
    a war-room test's time was spent there; the app still reads these keys one at a time, in
    order, through its bindings and the focused widget, as it reads a typist's.
    """
    for character in text:
        pilot.app.post_message(events.Key(_character_to_key(character), character))
    await pilot.pause()


async def end_turn(pilot: Pilot) -> None:
    await pilot.press("e")
    await settle(pilot)
