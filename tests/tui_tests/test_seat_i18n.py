"""A hosted seat speaks the exercise's language: seats of an Italian exercise, joined through
Pilot against a real host on a random loopback port, in the pseudo-locale (tests/catalogs.py)
show no word of ours that did not go through the catalog, at the players', the approver's, the
evaluator's and the facilitator's seats; the host's language reaches the seats in their view,
and a seat's `--lang` or $STORMDRILL_LANG overrides it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from sim.cli.main import main
from sim.errors import UserError
from sim.host.client import SeatClient
from sim.host.seats import Command, SeatKind
from sim.host.visibility import view_for
from sim.host.wire import Hello, Refused
from sim.i18n import LANG_VARIABLE
from sim.session import Session
from sim.session.counterfactual import REFERENCE_PROTOCOL
from sim.spec.loader import load_scenario
from tests.catalogs import pseudo_locale
from tests.hosting import no_wait, served
from tests.tiny import TINY
from tests.tui_tests.conftest import type_text
from tests.tui_tests.test_i18n import (
    KEY_NAMES,
    MESSAGE,
    small_italian_scenario,
    untranslated,
    words_in,
)
from tui.remote import SeatApp
from tui.screens.approval import ApprovalScreen
from tui.screens.facilitator import FacilitatorScreen
from tui.screens.note import NoteScreen
from tui.screens.rating import RatingScreen
from tui.screens.war_room import WarRoomScreen

APPROVER = "direttore generale"


class Hosting:
    """One exercise served on 127.0.0.1, any free port, with a join code per seat."""

    def __init__(self, session: Session, url: str, codes: dict[str, str]) -> None:
        self.session, self.url, self.codes = session, url, codes

    def seat(self, role: str, name: str = "", **options: object) -> SeatApp:
        client = SeatClient(self.url, self.codes[role], name=name)
        return SeatApp(client, **options)  # type: ignore[arg-type]

    def theirs(self) -> set[str]:
        """The words the scenario, the simulated world and the team wrote: shown as written."""
        spec, session = self.session.spec, self.session
        meta = spec.meta
        texts = [meta.title, meta.summary, meta.situation, meta.brand, *meta.roles, MESSAGE]
        texts += [f"{item.id} {item.text}" for item in meta.objectives]
        texts += [f"{t.id} {t.text}" for t in spec.team.templates]
        texts += [f"{i.id} {i.sender} {i.message}" for i in spec.injects]
        texts += [f"{e.title} {e.body} {e.sender}" for e in session.inbox]
        texts += [
            f"{p.persona.name} {p.persona.handle} {p.persona.bio} {p.text}" for p in session.feed()
        ]
        texts += [f"{person.role} {person.name}" for person in session.people]
        return words_in([*texts, REFERENCE_PROTOCOL, "Blu"])


async def host(scenario: Path, folder: Path, locale: str | None = None) -> AsyncIterator[Hosting]:
    session = Session(load_scenario(str(scenario)), seed=3, team="Blu", scenario_ref="it")
    session.claim_autosave([folder / "seats.sqlite"])
    try:
        async with served(session, sleep=no_wait, locale=locale) as (url, codes, _):
            yield Hosting(session, url, codes)
    finally:
        session.close()


@pytest.fixture
async def italian(tmp_path: Path) -> AsyncIterator[Hosting]:
    """`disservizio`, small, with the direttore generale approving every statement."""
    scenario = small_italian_scenario(tmp_path)
    text = scenario.read_text(encoding="utf-8")
    chain = f'[team]\napproval_chain = ["{APPROVER}"]\n'
    scenario.write_text(text.replace("[team]\n", chain, 1), encoding="utf-8")
    async for hosting in host(scenario, tmp_path):
        yield hosting


async def seated(pilot: Pilot) -> SeatApp:
    app = pilot.app
    assert isinstance(app, SeatApp)
    await app.client.wait_for_view(lambda view: True)
    await pilot.pause()
    assert isinstance(app.screen, WarRoomScreen)
    return app


async def test_hosted_seats_of_an_italian_exercise_show_no_english_word_of_ours(
    italian: Hosting, tmp_path: Path
):
    locales = pseudo_locale(tmp_path / "l")
    drafter = italian.seat("social media manager", locales=locales)
    approver = italian.seat(APPROVER, locales=locales)
    evaluator = italian.seat("evaluator", "Ada Byron", locales=locales)
    facilitator = italian.seat("facilitator", locales=locales)
    leaks: dict[str, set[str]] = {}
    said: dict[str, list[str]] = {}

    def listen(app: SeatApp) -> None:
        """Keep what the seat notifies (a toast may be gone before the screen is read)."""
        notify = app.notify

        def kept(message: str, **options: Any) -> None:
            said.setdefault(app.client.code, []).append(message)
            notify(message, **options)

        app.notify = kept  # type: ignore[method-assign]

    def look(where: str, app: SeatApp) -> None:
        allowed = italian.theirs()
        found = untranslated(app, allowed)
        found |= words_in(said.pop(app.client.code, [])) - allowed - KEY_NAMES
        if found:
            leaks[where] = found

    async with (
        drafter.run_test(size=(160, 50)) as at_drafter,
        approver.run_test(size=(160, 50)) as at_approver,
        evaluator.run_test(size=(160, 50)) as at_evaluator,
        facilitator.run_test(size=(160, 50)) as at_facilitator,
    ):
        for seat in (drafter, approver, evaluator, facilitator):
            listen(seat)
        for pilot in (at_drafter, at_approver, at_evaluator, at_facilitator):
            app = await seated(pilot)
            assert app.view is not None
            look(f"{app.view.role}'s war room", app)
        assert drafter.words.locale == "it_IT"

        await at_drafter.press("c")
        await type_text(at_drafter, MESSAGE)
        await at_drafter.press("ctrl+s")
        await approver.client.wait_for_view(lambda view: len(view.drafts) == 1)
        await drafter.workers.wait_for_complete()
        await at_drafter.pause()
        look("drafted, waiting for approval", drafter)
        await at_drafter.press("escape", "e")  # not the players' key: says whose it is
        await at_drafter.pause()
        look("end turn at a player's seat", drafter)

        await at_approver.pause()
        await at_approver.press("a")
        await at_approver.pause()
        assert isinstance(approver.screen, ApprovalScreen)
        look("approval queue", approver)

        await at_evaluator.press("t")
        await at_evaluator.pause()
        assert evaluator.war_room is not None
        assert any("Ada Byron" in item.text for item in evaluator.war_room.state.timeline)
        look("evaluator's timeline, with who is in the room", evaluator)
        await at_evaluator.press("g")
        await at_evaluator.pause()
        assert isinstance(evaluator.screen, RatingScreen)
        look("rating form", evaluator)
        await at_evaluator.click("#rate")  # nothing given yet: says what is missing
        await at_evaluator.pause()
        look("rating form, incomplete", evaluator)
        await at_evaluator.press("escape", "n")
        await at_evaluator.pause()
        assert isinstance(evaluator.screen, NoteScreen)
        look("note form", evaluator)

        await at_facilitator.press("f")
        await facilitator.workers.wait_for_complete()
        await at_facilitator.pause()
        assert isinstance(facilitator.screen, FacilitatorScreen)
        look("facilitator's console", facilitator)
    assert leaks == {}, repr(leaks)


async def test_a_seat_speaks_the_hosts_language_unless_told_otherwise(
    italian: Hosting, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    for options, end_turn in [({}, "Fine turno"), ({"lang": "en"}, "End turn")]:
        app = italian.seat("facilitator", **options)
        async with app.run_test(size=(120, 40)) as pilot:
            await seated(pilot)
            described = {b.binding.description for b in app.screen.active_bindings.values()}
            assert end_turn in described, options
            assert app.sub_title == (
                "postazione facilitator" if not options else "facilitator seat"
            )
    monkeypatch.setenv(LANG_VARIABLE, "en_GB")
    app = italian.seat("evaluator")
    async with app.run_test(size=(120, 40)) as pilot:
        await seated(pilot)
        assert app.words.locale == "en_GB"


async def test_the_hosts_lang_reaches_the_seats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    async for hosting in host(small_italian_scenario(tmp_path), tmp_path, locale="en_US"):
        app = hosting.seat("observer")
        async with app.run_test(size=(120, 40)) as pilot:
            await seated(pilot)
            assert app.view is not None and app.view.locale == "en_US"
            assert app.sub_title == "observer seat"


@pytest.mark.parametrize("command", [["host", TINY, "--port", "0"], ["join", "http://x:1"]])
def test_host_and_join_refuse_an_unsupported_language_before_anything_starts(command, capsys):
    assert main([*command, "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stormdrill: --lang = 'fr' is not a language stormdrill speaks")
    assert err.count("\n") == 1


def test_what_the_host_words_for_a_seat_is_in_the_hosts_language(tmp_path: Path):
    session = Session(load_scenario(str(small_italian_scenario(tmp_path))), seed=3)
    italian = view_for(SeatKind.FACILITATOR, "facilitator", session)
    english = view_for(SeatKind.FACILITATOR, "facilitator", session, locale="en_US")
    assert (italian.locale, english.locale) == ("it_IT", "en_US")
    assert italian.pending_injects[0] == (
        "I1",
        "e-mail interna da Responsabile sistemi informativi",
    )
    assert english.pending_injects[0] == (
        "I1",
        "internal email from Responsabile sistemi informativi",
    )


async def test_the_hosts_refusals_to_a_seat_are_in_the_exercises_language(italian: Hosting):
    drafter = SeatClient(italian.url, italian.codes["social media manager"])
    colleague = SeatClient(italian.url, italian.codes["responsabile comunicazione"])
    approver = SeatClient(italian.url, italian.codes[APPROVER])  # held: the draft waits for it
    for client in (drafter, colleague, approver):
        await client.join()
    try:
        with pytest.raises(UserError) as refused:
            await drafter.do(Command.END_TURN)
        assert str(refused.value) == (
            "la postazione social media manager non può eseguire end_turn; chiedilo alla "
            "postazione a cui spetta."
        )
        await drafter.do(Command.QUEUE, strategy="apology", text=MESSAGE)
        with pytest.raises(UserError) as refused:
            await colleague.do(Command.APPROVE, draft=1)
        assert str(refused.value) == (
            f"la bozza n. 1 attende l'approvazione della postazione {APPROVER}, non della "
            "postazione responsabile comunicazione."
        )
        socket = drafter._socket
        assert socket is not None
        for sent, answer in [
            ("{", "non è un messaggio di stormdrill."),
            (
                Hello(code=italian.codes["social media manager"]).model_dump_json(),
                "postazione già collegata.",
            ),
        ]:
            before = len(drafter.received)
            await socket.send_str(sent)
            while len(drafter.received) == before:  # the answer, read by the client's own loop
                await asyncio.sleep(0.01)
            assert Refused.model_validate_json(drafter.received[-1]).message == answer
    finally:
        for client in (drafter, colleague, approver):
            await client.close()


async def test_a_seat_says_a_dropped_connection_in_its_own_language(
    italian: Hosting, tmp_path: Path
):
    app = italian.seat("social media manager", locales=pseudo_locale(tmp_path / "l"))
    async with app.run_test(size=(120, 40)) as pilot:
        await seated(pilot)
        client = app.client
        socket, client._socket = client._socket, None  # as if it had just dropped
        with pytest.raises(UserError) as unsent:
            await client.do(Command.QUEUE, strategy="apology", text=MESSAGE)
        client._socket = socket
        waiting: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        client._waiting[99] = waiting
        client._dropped()  # what its loop does when the connection ends
        with pytest.raises(UserError) as unconfirmed:
            await waiting
        for said in (str(unsent.value), str(unconfirmed.value)):
            assert said.startswith("«") and said.endswith("»"), said
            assert words_in([said]) - KEY_NAMES == set(), said
