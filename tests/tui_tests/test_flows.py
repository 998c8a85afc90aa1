"""An exercise played with the keyboard, through Pilot: pick, brief, compose, answer, end turns,
facilitate, finish, debrief, export, and resume from the autosave."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Select

from sim.events import EventKind
from sim.rubric import score_message
from sim.session import EVERY_WHAT_IF, WHAT_IFS, InjectReleased, Queued, Session
from sim.session.store import read_store
from sim.spec.loader import load_scenario
from sim.storage import open_to_resume
from tests.tiny import TINY
from tests.tui_tests.conftest import (
    PASSPHRASE,
    SEED,
    TEAM,
    end_turn,
    settle,
    start_exercise,
    tiny_app,
    type_text,
)
from tui.app import StormdrillApp
from tui.screens.briefing import BriefingScreen
from tui.screens.debrief import DebriefScreen
from tui.screens.facilitator import FacilitatorScreen
from tui.screens.help import HelpScreen
from tui.screens.picker import PickerScreen
from tui.screens.war_room import WarRoomScreen
from tui.snapshot import InboxStatus

MESSAGE = "We are sorry. The app is back by 21:00 and no data was lost."


async def test_pick_a_scenario_then_read_its_briefing():
    app = StormdrillApp(seed=SEED, team=TEAM)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        options = app.screen.query_one(OptionList)
        review = next(
            i
            for i in range(options.option_count)
            if options.get_option_at_index(i).id == "negative-review"
        )
        options.highlighted = review
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.spec.meta.title == "The one-star review at Harbour View Hotel"
        await start_exercise(pilot)
        assert isinstance(app.screen, WarRoomScreen)
        assert app.session.spec.meta.title == "The one-star review at Harbour View Hotel"
        assert (app.session.seed, app.session.team) == (SEED, TEAM)


async def test_compose_and_send_a_statement_scored_by_the_rubric():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("c")
        await type_text(pilot, MESSAGE)
        await pilot.press("ctrl+s")
        await pilot.pause()
        (queued,) = [entry for entry in app.session.log if isinstance(entry, Queued)]
        expected = score_message(MESSAGE, "en_US", ())
        assert queued.action.text == MESSAGE
        assert queued.action.transparency == expected.transparency
        assert queued.action.voice == expected.voice
        assert app.screen.query_one("#message").text == ""
        assert "holding statement" in app.screen.state.timeline[-1].text


async def test_end_turns_advance_the_clock_and_autosave(home: Path):
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await end_turn(pilot)
        await end_turn(pilot)
        assert app.session.turn == 2
        assert app.screen.state.now_h == 2.0
        assert "T+2:00" in str(app.screen.query_one("#clock").render())
        saved = read_store(app.session.autosave)
        assert [entry.kind for entry in saved.log] == ["end_turn", "end_turn"]
        assert app.session.autosave.parent == home / "sessions"


async def test_answer_one_journalist_in_time_and_miss_the_other():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await end_turn(pilot)
        inquiries = [
            item for item in app.screen.state.inbox if item.needs_answer and item.event.inquiry_id
        ]
        # Two journalists of the model's own, and I3, due at T+1:00, the end of this turn.
        assert len(inquiries) == 3
        later = max(inquiries, key=lambda item: item.event.deadline_h)
        await pilot.press("i")
        inbox = app.screen.query_one(OptionList)
        inbox.highlighted = list(reversed(app.screen.state.inbox)).index(later)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#message").has_focus
        await type_text(pilot, "No security issue: the app is back by 21:00.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await end_turn(pilot)
        await end_turn(pilot)
        status = {item.event.inquiry_id: item.status for item in app.screen.state.inbox}
        earlier = min(inquiries, key=lambda item: item.event.deadline_h)
        assert status[later.event.inquiry_id] is InboxStatus.ANSWERED
        assert status[earlier.event.inquiry_id] is InboxStatus.NO_COMMENT
        kinds = [event.kind for event in app.session.inbox]
        assert EventKind.QUOTED in kinds and EventKind.NO_COMMENT in kinds


async def test_the_facilitator_releases_an_inject_behind_a_passphrase():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("f")
        await type_text(pilot, "wrong")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        await pilot.press("f")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FacilitatorScreen)
        truth = str(app.screen.query_one("#ground-truth").render())
        assert "Ground truth" in truth and "Damage among the aware" in truth
        assert "Damage avoided so far" in truth
        app.screen.query_one("#inject", Select).value = "I5"
        await pilot.click("#release")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        assert InjectReleased in {type(entry) for entry in app.session.log}
        assert any(item.event.inject_id == "I5" for item in app.screen.state.inbox)


async def test_the_facilitator_pauses_and_adds_a_note():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("f")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click("#pause")
        await pilot.pause()
        await end_turn(pilot)
        assert app.session.turn == 0 and app.paused
        await pilot.press("f")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#note").value = "Slow to spot the journalist."
        app.screen.query_one("#objective", Select).value = "O2"
        await pilot.click("#add-note")
        await pilot.pause()
        (note,) = app.session.notes
        assert (note.text, note.objective) == ("Slow to spot the journalist.", "O2")
        assert [entry.kind for entry in app.session.log] == ["pause", "note"]
        assert "PAUSED" in str(app.screen.query_one("#clock").render())
        assert "exercise paused" in [entry.text for entry in app.screen.state.timeline]
        await pilot.press("f")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click("#pause")  # now labelled "Resume exercise"
        await pilot.pause()
        assert not app.paused
        await end_turn(pilot)
        assert app.session.turn == 1
        assert [entry.kind for entry in app.session.log] == ["pause", "note", "resume", "end_turn"]


async def test_finish_shows_the_debrief_with_counterfactuals_and_exports(home: Path):
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("c")
        await type_text(pilot, MESSAGE)
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await end_turn(pilot)
        await pilot.press("d")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter", "y")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        assert app.session.finished
        assert [what_if.variant for what_if in app.what_ifs] == list(EVERY_WHAT_IF)
        assert EVERY_WHAT_IF[: len(WHAT_IFS)] == WHAT_IFS
        table = app.screen.query_one("#what-if-table")
        assert table.row_count == len(WHAT_IFS) + 1
        headline = str(app.screen.query_one("#headline").render())
        assert headline.startswith("Your answers ") and "people who heard about it" in headline
        timing = app.screen.query_one("#timing-plot").series
        moved = {0.0: app.session.outcome}
        for what_if in app.what_ifs:
            if what_if.variant.timing_shift_h is not None:
                moved[what_if.variant.timing_shift_h] = what_if.outcome
        assert timing.hours == tuple(sorted(moved)) and len(timing.hours) > 1
        assert timing.values == tuple(100 * moved[h].damage_avoided for h in timing.hours)
        assert timing.origin == 0.0, "the curve is drawn against no better than silence"
        assert "O1" in str(app.screen.query_one("#ratings").render())
        await pilot.press("x")
        await settle(pilot)
        report = next((home / "exports").glob("*-report.md")).read_text()
        assert "Tiny outage" in report
        assert Session.load(next((home / "exports").glob("*.json"))).finished


async def test_quit_and_resume_from_the_autosave_with_identical_state():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("c")
        await type_text(pilot, MESSAGE)
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await end_turn(pilot)
        await end_turn(pilot)
        await pilot.press("q")
        played = app.session
    resumed = StormdrillApp(resume=Session.load(played.autosave, autosave=played.autosave))
    async with resumed.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(resumed.screen, WarRoomScreen)
        session = resumed.session
        assert session.log == played.log
        assert session.run_record() == played.run_record()
        assert resumed.screen.state.now_h == 2.0
        await end_turn(pilot)
        assert session.turn == 3


async def test_help_and_the_command_palette_list_the_actions():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "End turn" in app.screen.query_one("Markdown").source
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await type_text(pilot, "end turn")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.turn == 1


async def test_the_war_room_fits_80_by_24():
    app = tiny_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_exercise(pilot)
        await end_turn(pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen.region
        for widget in ("#strategy", "#voice", "#message", "#rubric", "#send"):
            region = app.screen.query_one(widget).region
            assert region.area and screen.contains_region(region), widget


async def test_resuming_a_finished_exercise_opens_its_debrief(home: Path):
    path = home / "finished.json"
    finished = Session(load_scenario(TINY), SEED, team=TEAM)
    finished.finish()
    finished.save(path)
    app = StormdrillApp(resume=open_to_resume(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.debrief.outcome == finished.outcome


async def test_answer_the_ceos_call_from_the_inbox_in_private():
    app = tiny_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await end_turn(pilot)
        await end_turn(pilot)
        call = next(item for item in app.screen.state.inbox if item.event.inject_id == "I5")
        assert call.private and call.needs_answer
        await pilot.press("i")
        inbox = app.screen.query_one(OptionList)
        inbox.highlighted = list(reversed(app.screen.state.inbox)).index(call)
        await pilot.press("r")
        await pilot.pause()
        assert "Answering I5 in private" in str(app.screen.query_one("#answering").render())
        await type_text(pilot, "Apologise on video tonight; I will draft it.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (answer,) = app.session.inject_answers
        assert (answer.inject_id, answer.text) == (
            "I5",
            "Apologise on video tonight; I will draft it.",
        )
        assert not [entry for entry in app.session.log if isinstance(entry, Queued)]
        status = {item.event.inject_id: item.status for item in app.screen.state.inbox}
        assert status["I5"] is InboxStatus.ANSWERED
        assert app.screen.state.timeline[-1].text.startswith("answer to I5: Apologise")
