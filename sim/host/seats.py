"""Seats: who may join a hosted exercise, with which code, and what each role may do.

There is a seat for each player role of the scenario (`meta.roles`) and one each for the
facilitator, the evaluators and the observers; everyone at a seat joins with its code (three
evaluators share the evaluators' code). Codes are 144 random bits from `secrets` (less a
hair: never a leading `-`, which `stormdrill join --code` would read as an option), kept only as a
SHA-256 digest (in the exercise's store, so they survive a resume) and compared in constant time.
A fast hash is enough here, unlike the facilitator's passphrase (sim.session.passphrase): a code
is random, not a word a person chose, so there is no dictionary to try; 2^144 guesses stay out
of reach however fast each one is. Repeated wrong codes from one address are slowed down
(`wrong_code_delay_s`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Final

from pydantic import BaseModel, ConfigDict, Field


class SeatKind(StrEnum):
    PLAYER = "player"
    FACILITATOR = "facilitator"
    EVALUATOR = "evaluator"
    OBSERVER = "observer"


CODE_BYTES: Final = 18
"""144 random bits, 24 characters of URL-safe base64."""
FIRST_DELAY_S: Final = 0.5
LONGEST_DELAY_S: Final = 30.0


class Command(StrEnum):
    """What a seat can ask the server to do to the exercise."""

    QUEUE = "queue"
    ANSWER_INJECT = "answer_inject"
    END_TURN = "end_turn"
    RELEASE_INJECT = "release_inject"
    PAUSE = "pause"
    RESUME = "resume"
    NOTE = "note"
    RATE = "rate"
    FINISH = "finish"
    APPROVE = "approve"
    REJECT = "reject"


ALLOWED: Final[dict[SeatKind, frozenset[Command]]] = {
    SeatKind.PLAYER: frozenset(
        {Command.QUEUE, Command.ANSWER_INJECT, Command.APPROVE, Command.REJECT}
    ),
    SeatKind.FACILITATOR: frozenset(
        {
            Command.END_TURN,
            Command.RELEASE_INJECT,
            Command.PAUSE,
            Command.RESUME,
            Command.NOTE,
            Command.FINISH,
        }
    ),
    SeatKind.EVALUATOR: frozenset({Command.NOTE, Command.RATE}),
    SeatKind.OBSERVER: frozenset(),
}
"""The players draft and send, and answer internal injects in private (and the approvers among
them approve or reject); the facilitator
runs the clock, the MSEL and the pause; the evaluators take notes and rate the objectives;
the observers watch."""


class Seat(BaseModel):
    """One seat as the store keeps it: its role, its kind and its code's digest."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str = Field(description="The role's name: a player role of the scenario, or a kind.")
    kind: SeatKind
    code_digest: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the code, hex.")

    def may(self, command: Command) -> bool:
        return command in ALLOWED[self.kind]


def roles_of(player_roles: Sequence[str]) -> tuple[tuple[str, SeatKind], ...]:
    """Every seat's role and kind: the scenario's player roles, then facilitator, evaluator and
    observer."""
    players = tuple((role, SeatKind.PLAYER) for role in dict.fromkeys(player_roles))
    others = tuple(
        (kind.value, kind)
        for kind in (SeatKind.FACILITATOR, SeatKind.EVALUATOR, SeatKind.OBSERVER)
        if kind.value not in dict(players)
    )
    return players + others


def new_seats(player_roles: Sequence[str]) -> tuple[tuple[Seat, str], ...]:
    """A fresh seat for each role with its code; the codes are shown once and kept hashed."""
    seats = []
    for role, kind in roles_of(player_roles):
        code = _new_code()
        seats.append((Seat(role=role, kind=kind, code_digest=digest_of(code)), code))
    return tuple(seats)


def _new_code() -> str:
    """A random code that does not begin with `-`: argparse reads `--code -x...` as a missing
    value followed by an option, so one code in 64 could not be typed the way the host prints
    it (`stormdrill join URL --code CODE`)."""
    while True:
        code = secrets.token_urlsafe(CODE_BYTES)
        if not code.startswith("-"):
            return code


def digest_of(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def seat_for(code: str, seats: Iterable[Seat]) -> Seat | None:
    """The seat `code` opens, or None. Every seat's digest is compared, in constant time, so
    the time taken says nothing about which seat came close."""
    given = bytes.fromhex(digest_of(code))
    found = None
    for seat in seats:
        if hmac.compare_digest(given, bytes.fromhex(seat.code_digest)):
            found = seat
    return found


def wrong_code_delay_s(failures: int) -> float:
    """How long to wait before answering the `failures`-th wrong code in a row from one
    address: 0.5 s, then doubling, at most 30 s; a person who mistyped waits half a second,
    a guesser gets about two tries a minute."""
    if failures <= 0:
        return 0.0
    return min(FIRST_DELAY_S * 2 ** (failures - 1), LONGEST_DELAY_S)


APPROVER_WORDS: Final = ("legal", "ceo", "chief executive")
"""A player role whose name holds one of these approves statements (legal counsel, the CEO)."""


def approver_for(
    roles: Sequence[str], seated: Iterable[str], drafter: str, needs_approval: bool
) -> str | None:
    """Who approves a statement drafted at `drafter`'s seat: the first of the scenario's
    approver roles (in `roles` order) that someone holds now, other than the drafter; None when
    the statement needs no approval or nobody holds such a seat (the scenario's approval delay
    applies then, as in one-seat play)."""
    if not needs_approval:
        return None
    held = set(seated)
    for role in roles:
        approves = any(word in role.lower() for word in APPROVER_WORDS)
        if approves and role in held and role != drafter:
            return role
    return None
