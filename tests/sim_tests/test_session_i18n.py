"""The session's refusals of a team's or facilitator's command speak the exercise's language:
in a pseudo-locale (every message of the catalog template in look-alike letters, «ŕúñ») each
refusal of sim.session (session.py, approval.py, record.py) reads pseudo-translated, with no
plain word of ours left; with the real catalog a hosted seat is refused in Italian, and in
English when the host was told to speak English (`--lang`). A log that does not replay is a
file's fault and stays English (docs/translating.md)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import sim.i18n
from sim.errors import UserError
from sim.host.client import SeatClient
from sim.host.seats import Command
from sim.i18n import LANG_VARIABLE
from sim.session import Session, replay
from sim.session.record import InjectAnswered
from sim.spec.loader import load_scenario
from tests.catalogs import CLOSE, OPEN, pseudo_locale
from tests.hosting import served
from tests.tiny import TINY

ITALIAN = ["meta.locale=it_IT", "population.tracked_influencers=0"]
"""The tiny scenario as an Italian exercise, and without a tracked influencer to reach."""
OURS = re.compile(r"[A-Za-z]{3,}")
"""A word of three plain letters or more: English, unless the scenario or the user wrote it."""
THEIRS = ("outage-holding", "population.tracked_influencers", "nope")
"""What the scenario or the user wrote, and the field a sentence names as the schema spells it."""


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sim.i18n, "LOCALES_FOLDER", pseudo_locale(tmp_path / "locales"))
    monkeypatch.delenv(LANG_VARIABLE, raising=False)


@pytest.fixture
def session(pseudo: None) -> Iterator[Session]:
    session = Session(load_scenario(TINY, ITALIAN), seed=2, team="Blu")
    try:
        yield session
    finally:
        session.close()


def refusal(command: Callable[[], Any]) -> str:
    with pytest.raises(UserError) as caught:
        command()
    return str(caught.value)


def assert_pseudo(sentence: str) -> None:
    """The sentence went through the catalog whole: between guillemets, and no plain word of
    ours inside (only what the scenario or the user wrote)."""
    assert sentence.startswith(OPEN) and sentence.endswith(CLOSE), sentence
    rest = sentence
    for written in THEIRS:
        rest = rest.replace(written, " ")
    assert not OURS.findall(rest), sentence


def test_a_teams_refusals_are_in_the_exercises_language(session: Session):
    make = session.make_action
    sentences = [
        # approval.py
        refusal(lambda: make(template="nope")),
        refusal(lambda: session.queue(make(strategy="apology", channel="influencer"))),
        refusal(
            lambda: session.queue(
                make(strategy="apology", channel="direct_reply", replies=500, text="Scusate.")
            )
        ),
        # session.py
        refusal(lambda: session.answer_inject("I1", "  ")),
        refusal(lambda: session.answer_inject("I2", "Ci stiamo lavorando.")),
        refusal(lambda: session.approve(7, by="Lia")),
        refusal(lambda: session.reject(7, by="Lia")),
        refusal(lambda: session.add_note("Nota.", objective="O9")),
        refusal(lambda: session.rate("O9", "P", "Bene.", by="Lia")),
        refusal(lambda: session.rate("O1", "Z", "Bene.", by="Lia")),
        refusal(lambda: session.rate("O1", "P", " ", by="Lia")),
        refusal(lambda: session.rate("O1", "P", "Bene.", by=" ")),
        # record.py, through the session
        refusal(lambda: session.seat_taken("legal", "  ")),
    ]
    session.end_turn()
    sentences.append(refusal(lambda: session.queue(make(strategy="apology", at_h=0.0))))
    for sentence in sentences:
        assert_pseudo(sentence)


def test_a_facilitators_refusals_are_in_the_exercises_language(session: Session):
    sentences = [
        refusal(session.resume),
        refusal(lambda: session.release_inject("nope")),
    ]
    session.pause()
    sentences += [
        refusal(session.pause),
        refusal(session.end_turn),
        refusal(lambda: session.queue(session.make_action(strategy="apology"))),
        refusal(lambda: session.answer_inject("I1", "Rientro alle 21.")),
        refusal(lambda: session.approve(1, by="Lia")),
    ]
    session.resume()
    for _ in range(session.turns_total):
        session.end_turn()
    sentences.append(refusal(session.end_turn))
    session.finish()
    sentences.append(refusal(session.pause))
    for sentence in sentences:
        assert_pseudo(sentence)


def test_a_paused_refusal_names_what_was_refused_in_the_same_language(session: Session):
    session.pause()
    sentence = refusal(session.end_turn)
    assert sentence.count(OPEN) == 2, sentence  # the sentence, and "end the turn" inside it


def test_a_log_that_does_not_replay_is_told_in_english(session: Session):
    """The replay of an Italian session's log refuses a bad entry in English: a file's fault,
    said inside an English sentence naming the file (Session.load)."""
    answer = InjectAnswered(at_h=0.6, turn=1, inject_id="I2", text="Ci stiamo lavorando.")
    with pytest.raises(UserError) as caught:
        replay(session.spec, session.seed, [answer]).close()
    assert str(caught.value).startswith("inject 'I2' is not one the team can answer"), caught.value


async def test_a_seat_is_refused_in_italian_or_in_the_hosts_language(tmp_path: Path):
    spec = load_scenario(TINY, ITALIAN)
    for locale, paused, pending in (
        (None, "l'esercitazione è già sospesa", "non c'è nessun inject 'nope'"),
        ("en_US", "the exercise is already paused", "there is no pending inject 'nope'"),
    ):
        session = Session(spec, seed=2, team="Blu")
        try:
            async with served(session, locale=locale) as (url, codes, _host):
                facilitator = SeatClient(url, codes["facilitator"])
                await facilitator.join()
                with pytest.raises(UserError, match=pending):
                    await facilitator.do(Command.RELEASE_INJECT, inject_id="nope")
                await facilitator.do(Command.PAUSE)
                with pytest.raises(UserError, match=paused):
                    await facilitator.do(Command.PAUSE)
                await facilitator.close()
        finally:
            session.close()
