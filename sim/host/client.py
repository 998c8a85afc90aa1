"""A seat's end of the connection: joins with its code, keeps the latest view, sends commands
and waits for their acknowledgement, and reconnects by itself when the connection drops.

After a reconnect the server sends the seat's whole view again, so nothing acknowledged is ever
missing; a command whose acknowledgement never came fails with one sentence (it may or may not
have been done: the view says which) instead of being sent twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from pydantic import ValidationError

from sim.errors import UserError
from sim.host.seats import Command
from sim.host.wire import (
    TO_SEAT,
    Acknowledged,
    Denied,
    Do,
    Hello,
    Refused,
    SeatView,
    View,
    Welcome,
)
from sim.i18n import ENGLISH, N_, Translator

RECONNECT_FIRST_S = 0.2
RECONNECT_LONGEST_S = 5.0


class JoinError(UserError):
    """The server is unreachable or refused the code."""


class SeatClient:
    """One seat joined to a hosted exercise at `url` (http://host:port) with `code`."""

    def __init__(
        self,
        url: str,
        code: str,
        on_view: Callable[[SeatView], None] | None = None,
        on_status: Callable[[str], None] | None = None,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        name: str = "",
        words: Translator = ENGLISH,
    ) -> None:
        self.url = url.rstrip("/")
        self.words = words
        """The language of its own sentences (an unreachable host, a dropped connection): `join
        --lang` or $STORMDRILL_LANG until the first view, then the seat's (tui.remote.SeatApp
        sets it); the host's sentences come in the host's."""
        self.code = code
        self.name = name
        """Who takes the seat, recorded in the exercise's log when they join; empty: unnamed."""
        self.view: SeatView | None = None
        self.received: list[str] = []
        """Every message this seat received, as the text that came over the wire."""
        self.on_view = on_view
        self.on_status = on_status
        self._sleep = sleep
        """Waits between reconnect attempts (a test passes one that waits for its host)."""
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[int]] = {}
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._session: aiohttp.ClientSession | None = None
        self._task: asyncio.Task[None] | None = None
        self._joined = asyncio.Event()
        self._closing = False
        self.views = 0
        self._view_changed = asyncio.Condition()

    @property
    def websocket_url(self) -> str:
        base = self.url.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
        return f"{base}/ws"

    async def join(self) -> SeatView:
        """Connect and join; raise JoinError (one sentence) if that cannot be done at all.
        From then on the client stays connected, reconnecting by itself."""
        self._closing = False
        self._session = aiohttp.ClientSession()
        try:
            await self._connect()
        except BaseException:
            await self.close()
            raise
        self._task = asyncio.create_task(self._run())
        assert self.view is not None, "_connect waits for the welcome"
        return self.view

    async def do(self, command: Command, **fields: Any) -> int:
        """Send a command and wait until the server has committed it; return the number of
        log entries committed then. A refusal is a UserError with the server's sentence."""
        await self._joined.wait()
        request = Do(id=next(self._ids), command=command, fields=fields)
        waiting: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._waiting[request.id] = waiting
        socket = self._socket
        try:
            if socket is None or socket.closed:
                raise ConnectionError
            await socket.send_str(request.model_dump_json())
        except ConnectionError:
            self._waiting.pop(request.id, None)
            raise UserError(
                self.words(
                    "the connection to the host dropped before this was sent; it was not done, "
                    "send it again once the seat has reconnected."
                )
            ) from None
        return await waiting

    async def wait_for_view(self, predicate: Callable[[SeatView], bool]) -> SeatView:
        """Wait until the latest view satisfies `predicate` (an event, never a timer)."""
        async with self._view_changed:
            await self._view_changed.wait_for(
                lambda: self.view is not None and predicate(self.view)
            )
        assert self.view is not None
        return self.view

    async def close(self) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._socket is not None:
            await self._socket.close()
        if self._session is not None:
            await self._session.close()

    # ------------------------------------------------------------------ internals

    async def _connect(self) -> None:
        assert self._session is not None
        try:
            socket = await self._session.ws_connect(self.websocket_url, heartbeat=20.0)
        except (aiohttp.ClientError, OSError) as error:
            raise JoinError(
                self.words(
                    "{url}: cannot reach the host ({reason}); check the address the facilitator "
                    "gave and that `stormdrill host` is running."
                ).format(url=self.url, reason=error)
            ) from None
        await socket.send_str(Hello(code=self.code, name=self.name).model_dump_json())
        first = await socket.receive()
        if first.type is not aiohttp.WSMsgType.TEXT:
            await socket.close()
            raise JoinError(
                self.words("{url}: the host closed the connection before answering.").format(
                    url=self.url
                )
            )
        message = self._read(first.data)
        if isinstance(message, Denied):
            await socket.close()
            raise JoinError(f"{message.option}: {message.message}")
        if not isinstance(message, Welcome):
            await socket.close()
            raise JoinError(
                self.words("{url}: the host did not answer as a stormdrill host does.").format(
                    url=self.url
                )
            )
        self._socket = socket
        await self._show(message.view)
        self._joined.set()

    async def _run(self) -> None:
        delay = RECONNECT_FIRST_S
        while not self._closing:
            socket = self._socket
            assert socket is not None
            async for frame in socket:
                if frame.type is not aiohttp.WSMsgType.TEXT:
                    break
                await self._dispatch(self._read(frame.data))
            self._dropped()
            self._status(N_("Connection to the host lost; reconnecting..."))
            while not self._closing:
                await self._sleep(delay)
                try:
                    await self._connect()
                except JoinError:
                    delay = min(delay * 2, RECONNECT_LONGEST_S)
                    continue
                delay = RECONNECT_FIRST_S
                self._status(N_("Reconnected."))
                break

    def _read(self, text: str) -> Welcome | View | Acknowledged | Refused | Denied:
        self.received.append(text)
        try:
            return TO_SEAT.validate_json(text)
        except ValidationError:
            raise JoinError(
                self.words(
                    "{url}: the host sent a message this stormdrill cannot read; join with the "
                    "same stormdrill version as the host's."
                ).format(url=self.url)
            ) from None

    async def _dispatch(self, message: Welcome | View | Acknowledged | Refused | Denied) -> None:
        if isinstance(message, Welcome | View):
            await self._show(message.view)
        elif isinstance(message, Acknowledged):
            waiting = self._waiting.pop(message.id, None)
            if waiting is not None and not waiting.done():
                waiting.set_result(message.entries)
        elif isinstance(message, Refused) and message.id is not None:
            waiting = self._waiting.pop(message.id, None)
            if waiting is not None and not waiting.done():
                waiting.set_exception(UserError(message.message))

    async def _show(self, view: SeatView) -> None:
        async with self._view_changed:
            self.view = view
            self.views += 1
            self._view_changed.notify_all()
        if self.on_view is not None:
            self.on_view(view)

    def _dropped(self) -> None:
        self._joined.clear()
        self._socket = None
        for waiting in self._waiting.values():
            if not waiting.done():
                waiting.set_exception(
                    UserError(
                        self.words(
                            "the connection to the host dropped before it confirmed this; the "
                            "view shows whether it was done, send it again if not."
                        )
                    )
                )
        self._waiting.clear()

    def _status(self, text: str) -> None:
        if self.on_status is not None:
            self.on_status(text)
