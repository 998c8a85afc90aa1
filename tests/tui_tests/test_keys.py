"""Single-key commands never fire while a text field or a select has focus: a stray key typed
into the form does not end the turn, open a dialog or quit, and what the team chose (the Voice)
stays chosen. Keys with a modifier and Escape keep working."""

from __future__ import annotations

import pytest
from textual.widgets import Select, TextArea

from sim.session import Queued
from tests.tui_tests.conftest import end_turn, settle, start_exercise, tiny_app, type_text
from tui.screens.facilitator import FacilitatorScreen
from tui.screens.war_room import WarRoomScreen
from tui.widgets.rubric_panel import RubricPanel

# Every single-key command of the war room and of the app.
COMMAND_KEYS = ("e", "f", "d", "q", "question_mark", "r", "t", "i", "m", "c")


@pytest.mark.parametrize("field", ["#message", "#replies", "#strategy", "#voice", "#template"])
async def test_command_keys_inside_a_field_run_no_command(field):
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("c")
        war_room = app.screen
        war_room.query_one(field).focus()
        voice = war_room.query_one("#voice", Select).value
        for key in COMMAND_KEYS:
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is war_room, f"{key} opened {type(app.screen).__name__}"
            assert app.session.turn == 0, f"{key} ended the turn"
            assert app.focused is war_room.query_one(field), f"{key} moved the keyboard"
        assert war_room.query_one("#voice", Select).value == voice
        assert app.is_running


async def test_what_is_typed_into_the_message_stays_there():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("c")
        await type_text(pilot, "end the turn? fdq")
        assert app.screen.query_one("#message", TextArea).text == "end the turn? fdq"
        assert app.session.turn == 0


async def test_out_of_the_field_the_keys_work_again():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("c")
        app.screen.query_one("#voice").focus()
        await pilot.press("e")
        await pilot.press("escape")
        await end_turn(pilot)
        assert app.session.turn == 1


async def test_keys_inside_the_facilitators_fields_stay_there():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#passphrase").value = "storm"
        await pilot.press("enter")
        await settle(pilot)
        console = app.screen
        assert isinstance(console, FacilitatorScreen)
        for field in ("#inject", "#objective"):
            console.query_one(field).focus()
            for key in ("q", "question_mark", "e"):
                await pilot.press(key)
                await settle(pilot)
                assert app.screen is console and app.is_running, f"{key} in {field}"
        console.query_one("#note").focus()
        await type_text(pilot, "quite good?")
        assert console.query_one("#note").value == "quite good?"


async def test_the_chosen_voice_is_sent_and_shown_as_chosen():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("c")
        war_room = app.screen
        assert isinstance(war_room, WarRoomScreen)
        war_room.query_one("#voice", Select).value = "human"
        await pilot.pause()
        war_room.query_one("#message").focus()
        await type_text(pilot, "The company has initiated a review of the incident.")
        await pilot.pause()
        panel = str(war_room.query_one(RubricPanel).render())
        assert "human voice (chosen" in panel
        await pilot.press("ctrl+s")
        await settle(pilot)
        (queued,) = [entry for entry in app.session.log if isinstance(entry, Queued)]
        assert queued.action.voice.value == "human"
