"""What a newcomer trips on first: the briefing's keys and its fold, both clocks, the command
palette's order and its pause and resume, an empty inbox, and the help screen's key table."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import OptionList

from tests.tui_tests.conftest import end_turn, settle, start_exercise, tiny_app, type_text
from tui.screens.briefing import BriefingScreen
from tui.screens.help import HelpScreen
from tui.widgets.inbox import EMPTY_INBOX


async def test_on_the_briefing_question_mark_shows_the_keys():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_briefing_scrolls_while_the_team_field_has_focus():
    app = tiny_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        briefing = app.screen
        briefing.query_one("#team").focus()
        text = briefing.query_one("#briefing-text", VerticalScroll)
        assert text.max_scroll_y > 0, "the briefing is longer than the screen"
        await pilot.press("pagedown")
        await pilot.pause()
        assert text.scroll_y > 0
        assert app.focused is briefing.query_one("#team")


async def test_the_clock_shows_scenario_time_and_time_of_day():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await end_turn(pilot)
        assert "T+1:00 (20:00)" in str(app.screen.query_one("#clock").render())
        inquiry = next(item for item in app.screen.state.inbox if item.event.inject_id == "I3")
        assert app.screen.state.time(inquiry.due_h) == "T+2:00 (21:00)"


async def test_an_empty_inbox_says_what_will_arrive():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert not app.screen.state.inbox
        assert str(app.screen.query_one("#inbox-detail").render()) == EMPTY_INBOX


async def _palette(pilot, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await settle(pilot)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    if query:
        await type_text(pilot, query)
    await settle(pilot)
    results = palette.query_one(OptionList)
    titles = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
    await pilot.press("escape")
    await settle(pilot)
    return titles


async def test_the_palette_lists_the_exercise_first_and_finds_pause_and_resume():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        titles = await _palette(pilot, "")
        assert titles[0].startswith("End turn"), titles[:3]
        assert titles.index("Theme") > titles.index("Debrief") if "Theme" in titles else True
        for word in ("pause", "resume"):
            found = await _palette(pilot, word)
            assert any("Pause or resume the exercise" in title for title in found), word


async def test_the_help_screen_lists_the_screens_commands_with_their_keys_as_shown():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("i")
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = [key for key, _, _ in help_screen.keys]
        descriptions = [description for _, description, _ in help_screen.keys]
        assert descriptions[0] == "End turn", "the exercise's commands, not scrolling, first"
        assert not any("scroll" in description.lower() for description in descriptions)
        assert "question_mark" not in " ".join(keys)
        assert "? / f1" in [key.lower() for key in keys]
