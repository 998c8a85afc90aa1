"""The set-up every test of hosted play shares: a Session served on 127.0.0.1 at any free port,
with a join code per seat."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from sim.host.seats import new_seats
from sim.host.server import Host, serve
from sim.session import Session


async def no_wait(seconds: float) -> None:
    """Wrong codes are slowed down in earnest in tests/sim_tests/test_host.py."""


@asynccontextmanager
async def served(
    session: Session,
    sleep: Callable[[float], Any] = asyncio.sleep,
    locale: str | None = None,
) -> AsyncIterator[tuple[str, dict[str, str], Host]]:
    """The server's URL, each role's join code and the Host; the server stops on leaving (the
    session stays open: its owner closes it)."""
    codes = new_seats(session.spec.meta.roles)
    host = Host(session, [seat for seat, _ in codes], sleep=sleep, locale=locale)
    runner, port = await serve(host, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{port}", {seat.role: code for seat, code in codes}, host
    finally:
        await runner.cleanup()
