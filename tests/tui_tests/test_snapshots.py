"""Rendered screens of the tiny scenario with a fixed seed, at 80x24: a change in what a team
sees shows up here. Update deliberately with `pytest --snapshot-update` and review the SVGs."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.tui_tests.conftest import (
    PASSPHRASE,
    end_turn,
    settle,
    start_exercise,
    tiny_app,
    type_text,
)

SIZE = (80, 24)
STATEMENT = "We are sorry: our booking app is down. Engineers expect it back by 21:00."


async def quiet(pilot: Pilot) -> None:
    """No toasts: they time out on the wall clock."""
    pilot.app.clear_notifications()
    await pilot.pause()


def test_briefing(snap_compare):
    async def steady_cursor(pilot: Pilot) -> None:
        pilot.app.screen.query_one("#team").cursor_blink = False  # it blinks on the wall clock
        await pilot.pause()

    assert snap_compare(tiny_app(), terminal_size=SIZE, run_before=steady_cursor)


def test_war_room_after_two_turns(snap_compare):
    async def play_two_turns(pilot: Pilot) -> None:
        await start_exercise(pilot)
        await end_turn(pilot)
        await end_turn(pilot)
        await quiet(pilot)

    assert snap_compare(tiny_app(), terminal_size=SIZE, run_before=play_two_turns)


def test_composer_with_the_rubric(snap_compare):
    async def write(pilot: Pilot) -> None:
        await start_exercise(pilot)
        await pilot.press("c")
        message = pilot.app.screen.query_one("#message")
        message.cursor_blink = False  # it blinks on the wall clock
        message.text = STATEMENT
        await quiet(pilot)

    assert snap_compare(tiny_app(), terminal_size=SIZE, run_before=write)


def test_debrief(snap_compare):
    async def finish(pilot: Pilot) -> None:
        await start_exercise(pilot)
        pilot.app.screen.query_one("#message").text = STATEMENT
        await pilot.press("ctrl+s")
        await end_turn(pilot)
        await pilot.press("d")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter", "y")
        await settle(pilot)
        await quiet(pilot)

    assert snap_compare(tiny_app(), terminal_size=SIZE, run_before=finish)
