"""Opening a hosted exercise (new, or resumed from its store with its seats) and running its
server until it is stopped."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from sim.errors import SessionFileError
from sim.host.seats import Seat, new_seats
from sim.host.server import Host, serve
from sim.i18n import ENGLISH, Translator, interface_locale, translator
from sim.paths import is_file
from sim.session import Session
from sim.session.store import STORE_SUFFIX, read_seats, write_seats
from sim.spec.loader import load_scenario
from sim.storage import autosave_candidates, open_to_resume, sessions_folder

EVERY_ADDRESS = ("0.0.0.0", "::", "")


@dataclass(frozen=True)
class Hosted:
    session: Session
    seats: tuple[Seat, ...]
    codes: tuple[tuple[Seat, str], ...]
    """The new seats' codes, to show once; empty when resumed (only digests are kept)."""

    @property
    def exercise_id(self) -> str:
        assert self.session.autosave is not None
        return self.session.autosave.stem


def open_hosted(
    scenario: str, seed: int, team: str, resume: str | None, lang: str | None = None
) -> Hosted:
    """A new exercise of `scenario`, or the one `resume` names with its seats; a mistake is
    one sentence, in `lang`'s language (`--lang`, `STORMDRILL_LANG`) or, once the exercise is
    open, its own."""
    if resume is None:
        spec = load_scenario(scenario)
        session = Session(spec, seed, team=team, scenario_ref=scenario)
        session.claim_autosave(autosave_candidates(scenario, team or "hosted", seed))
        return _with_new_seats(session)
    session = open_to_resume(resolve_exercise(resume, translator(interface_locale("en_US", lang))))
    try:
        seats = kept_seats(session, translator(interface_locale(session.spec.meta.locale, lang)))
    except BaseException:
        session.close()
        raise
    if not seats:
        return _with_new_seats(session)
    return Hosted(session, seats, ())


def _with_new_seats(session: Session) -> Hosted:
    assert session.autosave is not None
    codes = new_seats(session.spec.meta.roles)
    write_seats(session.autosave, [(seat.role, seat.model_dump_json()) for seat, _ in codes])
    return Hosted(session, tuple(seat for seat, _ in codes), codes)


def kept_seats(session: Session, words: Translator = ENGLISH) -> tuple[Seat, ...]:
    assert session.autosave is not None
    try:
        return tuple(Seat.model_validate_json(text) for text in read_seats(session.autosave))
    except ValidationError:
        raise SessionFileError(
            words(
                "{file}: the seats kept in the exercise database are damaged; host the exercise "
                "anew."
            ).format(file=session.autosave)
        ) from None


def resolve_exercise(given: str, words: Translator = ENGLISH) -> Path:
    """An exercise's store from `--resume ID`: a path, or an ID in the sessions folder."""
    path = Path(given)
    if is_file(path):
        return path
    named = sessions_folder() / f"{given}{STORE_SUFFIX}"
    if is_file(named):
        return named
    raise SessionFileError(
        words(
            "--resume {given}: no such exercise; give the exercise ID `stormdrill host` printed "
            "(a file in {folder}) or the path of its .sqlite file."
        ).format(given=given, folder=sessions_folder())
    )


async def run_host(
    hosted: Hosted,
    address: str,
    port: int,
    announce: Callable[[str], None],
    locale: str | None = None,
) -> None:
    """Serve until cancelled (Ctrl+C); `announce` gets the URL once listening. The seats are
    told to speak `locale` (default: the scenario's)."""
    host = Host(hosted.session, hosted.seats, locale=locale)
    runner, bound = await serve(host, address, port)
    try:
        announce(public_url(address, bound))
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def public_url(address: str, port: int) -> str:
    """The URL to print: the machine's name when listening on every address."""
    if address in EVERY_ADDRESS:
        address = socket.gethostname()
    if ":" in address:
        address = f"[{address}]"
    return f"http://{address}:{port}"
