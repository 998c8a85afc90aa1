"""`stormdrill join`: Pilot-driven seats against a real host on a random loopback port. A player
drafts and sends, the facilitator ends the turn from the console's keys, each war room follows
the server's views, and the keys a role cannot use say whose they are."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from sim.host.client import SeatClient
from sim.host.seats import Command
from sim.session import WHAT_IFS, Queued, Session
from sim.spec.loader import load_scenario
from tests.hosting import no_wait, served
from tests.tiny import TINY
from tests.tui_tests.conftest import type_text
from tui.remote import SeatApp
from tui.screens.approval import ApprovalScreen
from tui.screens.debrief import DebriefScreen
from tui.screens.facilitator import FacilitatorScreen
from tui.screens.modals import PassphraseScreen
from tui.screens.note import NoteScreen
from tui.screens.rating import RatingScreen
from tui.screens.war_room import WarRoomScreen

MESSAGE = "We are sorry. The app is back by 21:00 and no data was lost."


@pytest.fixture
async def hosted(tmp_path: Path) -> AsyncIterator[tuple[str, dict[str, str], Session]]:
    session = Session(load_scenario(TINY), seed=7, team="Blue", scenario_ref="tiny")
    session.claim_autosave([tmp_path / "seats.sqlite"])
    try:
        async with served(session, sleep=no_wait) as (url, codes, _):
            yield url, codes, session
    finally:
        session.close()


async def seated(pilot: Pilot) -> SeatApp:
    app = pilot.app
    assert isinstance(app, SeatApp)
    await app.client.wait_for_view(lambda view: True)
    await pilot.pause()
    assert isinstance(app.screen, WarRoomScreen)
    return app


async def test_a_player_and_the_facilitator_play_a_turn_from_their_own_terminals(hosted):
    url, codes, session = hosted
    player = SeatApp(SeatClient(url, codes["CEO"]))
    facilitator = SeatApp(SeatClient(url, codes["facilitator"]))
    watcher = SeatClient(url, codes["observer"])
    await watcher.join()
    async with (
        player.run_test(size=(120, 40)) as at_player,
        facilitator.run_test(size=(120, 40)) as at_facilitator,
    ):
        await seated(at_player)
        await seated(at_facilitator)
        assert player.sub_title == "CEO seat"

        await at_player.press("c")
        await type_text(at_player, MESSAGE)
        await at_player.press("ctrl+s")
        view = await watcher.wait_for_view(lambda view: view.entries == 1)
        (queued,) = [entry for entry in view.log if isinstance(entry, Queued)]
        assert queued.action.text == MESSAGE

        await at_player.press("escape", "e")
        await at_player.pause()
        assert session.turn == 0  # the players do not run the clock

        await at_facilitator.press("e")
        await player.client.wait_for_view(lambda view: view.turn == 1)
        await at_player.pause()
        assert player.war_room.state.turn == 1
        timeline = [entry.text for entry in player.war_room.state.timeline]
        assert "holding statement" in timeline[0] and timeline[-1] == "end of turn 1"
        assert session.turn == 1

        await at_player.press("f")
        await at_player.pause()
        assert not isinstance(player.screen, FacilitatorScreen)
        await at_facilitator.press("f")
        await at_facilitator.pause()
        assert isinstance(facilitator.screen, FacilitatorScreen)
        assert facilitator.screen.state.truth.now_h == session.now_h
    await watcher.close()


async def test_an_evaluator_notes_from_the_seat_and_no_player_receives_it(hosted):
    url, codes, session = hosted
    evaluator = SeatApp(SeatClient(url, codes["evaluator"]))
    player = SeatApp(SeatClient(url, codes["legal"]))
    async with (
        evaluator.run_test(size=(120, 40)) as at_evaluator,
        player.run_test(size=(120, 40)) as at_player,
    ):
        await seated(at_evaluator)
        await seated(at_player)
        await at_player.press("n")
        await at_player.pause()
        assert isinstance(player.screen, WarRoomScreen)  # players take no notes

        await at_evaluator.press("n")
        await at_evaluator.pause()
        assert isinstance(evaluator.screen, NoteScreen)
        await type_text(at_evaluator, "Holding line on time")
        await at_evaluator.press("enter")
        await evaluator.client.wait_for_view(lambda view: view.entries == 1)
        await at_evaluator.pause()
        assert [note.text for note in session.notes] == ["Holding line on time"]
        assert "note: Holding line on time" in evaluator.war_room.state.timeline[-1].text
        await player.client.wait_for_view(lambda view: view.entries == 1)
        assert all("Holding line" not in text for text in player.client.received)


async def test_an_evaluator_rates_an_objective_from_the_seat_with_a_reason(hosted):
    url, codes, session = hosted
    evaluator = SeatApp(SeatClient(url, codes["evaluator"]))
    async with evaluator.run_test(size=(120, 40)) as pilot:
        await seated(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(evaluator.screen, RatingScreen)
        evaluator.screen.query_one("#objective", Select).value = "O2"
        evaluator.screen.query_one("#grade", Select).value = "M"
        evaluator.screen.query_one("#reason", Input).focus()
        await type_text(pilot, "the journalist waited")
        await pilot.press("tab")
        await type_text(pilot, "Ada")
        await pilot.press("enter")
        await evaluator.client.wait_for_view(lambda view: view.entries == 1)
        (rating,) = session.evaluator_ratings
        assert (rating.objective, rating.rating, rating.reason, rating.by) == (
            "O2",
            "M",
            "the journalist waited",
            "Ada",
        )
        await pilot.pause()
        assert evaluator.war_room.state.timeline[-1].text == (
            "Ada rates O2 M: the journalist waited"
        )
        await pilot.press("g")
        await pilot.pause()
        assert evaluator.screen.query_one("#by", Input).value == "Ada"  # offered again


async def test_a_draft_waits_at_the_legal_seat_and_goes_out_when_legal_approves(hosted):
    url, codes, session = hosted
    drafter = SeatApp(SeatClient(url, codes["social media manager"]))
    legal = SeatApp(SeatClient(url, codes["legal"]))
    async with (
        drafter.run_test(size=(120, 40)) as at_drafter,
        legal.run_test(size=(120, 40)) as at_legal,
    ):
        await seated(at_drafter)
        await seated(at_legal)
        await at_drafter.press("c")
        await type_text(at_drafter, MESSAGE)
        await at_drafter.press("ctrl+s")
        await legal.client.wait_for_view(lambda view: len(view.drafts) == 1)
        await at_legal.pause()
        assert session.run_record().statements == ()  # nothing goes out before legal says so

        await at_drafter.press("escape", "a")
        await at_drafter.pause()
        assert isinstance(drafter.screen, WarRoomScreen)  # not the drafter's to approve

        await at_legal.press("a")
        await at_legal.pause()
        assert isinstance(legal.screen, ApprovalScreen)
        await at_legal.press("down", "y")
        await drafter.client.wait_for_view(lambda view: view.drafts == ())
        assert [entry.kind for entry in session.log] == ["draft", "approve", "queue"]
        (queued,) = [entry for entry in session.log if isinstance(entry, Queued)]
        assert queued.action.text == MESSAGE and queued.action.at_h == session.now_h


async def test_when_the_exercise_ends_each_seat_sees_its_debrief(hosted):
    url, codes, session = hosted
    player = SeatApp(SeatClient(url, codes["CEO"]))
    evaluator = SeatApp(SeatClient(url, codes["evaluator"]))
    facilitator = SeatClient(url, codes["facilitator"])
    await facilitator.join()
    reason = "nobody owned the holding line"
    async with (
        player.run_test(size=(120, 40)) as at_player,
        evaluator.run_test(size=(120, 40)) as at_evaluator,
    ):
        await seated(at_player)
        await seated(at_evaluator)
        await at_player.press("c")
        await type_text(at_player, MESSAGE)
        await at_player.press("ctrl+s")
        await evaluator.client.do(Command.RATE, objective="O1", rating="U", reason=reason, by="Ada")
        await facilitator.do(Command.END_TURN)
        await facilitator.do(Command.FINISH)
        for app, pilot in ((player, at_player), (evaluator, at_evaluator)):
            await app.client.wait_for_view(
                lambda view: (
                    view.debrief is not None
                    and len(view.debrief.what_ifs) == view.debrief.what_ifs_total
                )
            )
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            assert app.screen.debrief.outcome == session.outcome
            what_if = app.screen.query_one("#what-if-table", DataTable)
            assert what_if.row_count == 1 + len(WHAT_IFS)  # as played, then each what-if
        shown = str(evaluator.screen.query_one("#ratings", Static).render())
        assert f"Ada: U, because {reason}" in shown and "Automatic rating P" in shown
        assert reason not in str(player.screen.query_one("#ratings", Static).render())
    await facilitator.close()


async def test_a_browser_tab_asks_for_its_code_again_after_a_wrong_one(hosted):
    url, codes, session = hosted
    tab = SeatApp(SeatClient(url, ""), ask_code=True)  # what `serve --join URL` runs per tab
    async with tab.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(tab.screen, PassphraseScreen) and tab.screen.secret
        await type_text(pilot, "not-a-code")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(tab.screen, PassphraseScreen) and not tab.screen.secret  # the name
        await type_text(pilot, "Lin Wu")
        await pilot.press("enter")
        await tab.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(tab.screen, PassphraseScreen) and tab.view is None
        assert tab.screen.secret  # the code again, the name kept
        await type_text(pilot, codes["observer"])
        await pilot.press("enter")
        assert (await seated(pilot)).view.role == "observer"
    assert [(p.role, p.name) for p in session.people] == [("observer", "Lin Wu")]
