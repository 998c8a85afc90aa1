"""The host: one exercise, one process, a websocket per seat (aiohttp).

Every command goes through one lock to the Session in a worker thread (a turn takes a while on a
big graph); the Session commits its entry to the store before it applies it, and only then is
every seat sent its new view and the seat that asked acknowledged (its view already shows what
was acknowledged). A seat that connects, or reconnects
after a drop, gets its whole view at once, so it never misses what was acknowledged meanwhile.
Views are built once per role and serialised once, then sent to every seat of that role.

Once the exercise is finished every seat's view carries its debrief; the what-ifs (the same
seed replayed with other answers, one full run each) are computed after the finish, one at a
time in a worker thread outside the lock (so notes and ratings at the hot wash go in
meanwhile), and every seat is sent its view again as each arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web
from pydantic import ValidationError

from sim.errors import ActionError, UserError
from sim.host.chain import Step, first_step, next_step
from sim.host.seats import Command, Seat, seat_for, wrong_code_delay_s
from sim.host.visibility import view_for
from sim.host.wire import (
    TO_SERVER,
    Acknowledged,
    Denied,
    Do,
    Hello,
    Message,
    Refused,
    SeatView,
    View,
    Welcome,
)
from sim.i18n import ENGLISH, Translator, translator
from sim.session import Session, WhatIf
from sim.session.record import given_name

WEBSOCKET_PATH = "/ws"
HELLO_TIMEOUT_S = 30.0
MAX_MESSAGE_BYTES = 64 * 1024
"""A statement, a note or a code is a few kilobytes at most."""


@dataclass(eq=False)
class Connection:
    seat: Seat
    socket: web.WebSocketResponse


class Host:
    """The server's state: the session, its seats, who is connected, wrong codes by address."""

    def __init__(
        self,
        session: Session,
        seats: Iterable[Seat],
        sleep: Callable[[float], Any] = asyncio.sleep,
        locale: str | None = None,
    ) -> None:
        self.session = session
        self.locale = locale or session.spec.meta.locale
        """The language the seats are told to speak (sim.i18n.interface_locale at the host)."""
        self.words = translator(self.locale)
        """The host's sentences to a seat it turns away, in that language."""
        session.words = self.words  # the session's refusals, passed on to the seats as they are
        self.seats = tuple(seats)
        self._sleep = sleep
        self._lock = asyncio.Lock()
        self._connections: set[Connection] = set()
        self._failures: defaultdict[str, int] = defaultdict(int)
        self._what_ifs: tuple[WhatIf, ...] = ()
        self._debriefing: asyncio.Task[None] | None = None

    def application(self) -> web.Application:
        app = web.Application()
        app.router.add_get(WEBSOCKET_PATH, self._websocket)
        app.router.add_get("/", self._index)
        app.on_startup.append(self._resumed_finished)
        app.on_cleanup.append(self._stop_debriefing)
        return app

    @property
    def what_ifs(self) -> tuple[WhatIf, ...]:
        """The debrief's what-ifs computed so far."""
        return self._what_ifs

    def _view(self, seat: Seat) -> SeatView:
        return view_for(seat.kind, seat.role, self.session, self._what_ifs, self.locale)

    async def _resumed_finished(self, app: web.Application) -> None:
        """A finished exercise hosted again (`host --resume`) shows its debrief, what-ifs
        and all."""
        if self.session.finished:
            self._start_debriefing()

    def _start_debriefing(self) -> None:
        if self._debriefing is None:
            self._debriefing = asyncio.create_task(self._debrief())

    async def _debrief(self) -> None:
        runs = self.session.what_ifs()
        while (what_if := await asyncio.to_thread(next, runs, None)) is not None:
            self._what_ifs += (what_if,)
            async with self._lock:
                await self._broadcast()

    async def _stop_debriefing(self, app: web.Application) -> None:
        """The server stops: no more what-ifs (the one running ends in its thread)."""
        if self._debriefing is not None:
            self._debriefing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._debriefing

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(
            text=f"stormdrill is hosting '{self.session.spec.meta.title}' here; join with "
            "`stormdrill join URL --code CODE`.\n"
        )

    async def _websocket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(max_msg_size=MAX_MESSAGE_BYTES, heartbeat=20.0)
        await socket.prepare(request)
        seat = await self._admitted(socket, request.remote or "?")
        if seat is None:
            await socket.close()
            return socket
        connection = Connection(seat, socket)
        async with self._lock:
            view = await asyncio.to_thread(self._view, seat)
            await socket.send_str(Welcome(view=view).model_dump_json())
            self._connections.add(connection)
        try:
            async for message in socket:
                if message.type is not WSMsgType.TEXT:
                    break
                await self._handle(connection, message.data)
        finally:
            self._connections.discard(connection)
        return socket

    async def _admitted(self, socket: web.WebSocketResponse, address: str) -> Seat | None:
        """The seat the first message's code opens; a wrong code waits longer each time in a
        row from one address, then is denied."""
        try:
            first = await socket.receive(timeout=HELLO_TIMEOUT_S)
            hello = TO_SERVER.validate_json(first.data) if first.type is WSMsgType.TEXT else None
        except (TimeoutError, ValidationError, TypeError):
            hello = None
        seat = seat_for(hello.code, self.seats) if isinstance(hello, Hello) else None
        if seat is not None and isinstance(hello, Hello):
            self._failures.pop(address, None)
            return await self._named(socket, seat, hello.name)
        self._failures[address] += 1
        await self._sleep(wrong_code_delay_s(self._failures[address]))
        with contextlib.suppress(ConnectionError):
            await socket.send_str(
                Denied(
                    message=self.words(
                        "that join code opens no seat of this exercise; check it with the "
                        "facilitator, who was shown every seat's code when the exercise was hosted."
                    )
                ).model_dump_json()
            )
        return None

    async def _named(self, socket: web.WebSocketResponse, seat: Seat, name: str) -> Seat | None:
        """The seat, once the name its person gave (if any) is in the log, which every other
        seat that may see it is sent; a name that cannot be one is denied in one sentence."""
        if not name:
            return seat
        async with self._lock:
            try:
                name = given_name(name, self.words)
                joined = await asyncio.to_thread(self.session.seat_taken, seat.role, name)
            except UserError as error:
                with contextlib.suppress(ConnectionError):
                    denied = Denied(message=str(error), option="--name")
                    await socket.send_str(denied.model_dump_json())
                return None
            if joined is not None:
                await self._broadcast()
        return seat

    async def _handle(self, connection: Connection, text: str) -> None:
        try:
            request = TO_SERVER.validate_json(text)
        except ValidationError:
            await self._send(
                connection, Refused(id=None, message=self.words("not a stormdrill message."))
            )
            return
        if not isinstance(request, Do):
            await self._send(connection, Refused(id=None, message=self.words("already joined.")))
            return
        if not connection.seat.may(request.command):
            await self._send(
                connection,
                Refused(
                    id=request.id,
                    message=self.words(
                        "the {role} seat cannot {command}; ask the seat whose role it is."
                    ).format(role=connection.seat.role, command=request.command.value),
                ),
            )
            return
        async with self._lock:
            try:
                await asyncio.to_thread(
                    perform,
                    self.session,
                    connection.seat,
                    request.command,
                    request.fields,
                    self._seated_roles(),
                    self.words,
                )
            except (UserError, ValidationError, TypeError, ValueError) as error:
                await self._send(connection, Refused(id=request.id, message=_sentence(error)))
                return
            await self._broadcast()
            await self._send(connection, Acknowledged(id=request.id, entries=len(self.session.log)))
            if self.session.finished:
                self._start_debriefing()

    def _seated_roles(self) -> set[str]:
        return {connection.seat.role for connection in self._connections}

    async def _broadcast(self) -> None:
        """Every connected seat's new view: built once per role, serialised once."""
        texts: dict[tuple[str, str], str] = {}
        for connection in list(self._connections):
            key = (connection.seat.kind.value, connection.seat.role)
            if key not in texts:
                view = await asyncio.to_thread(self._view, connection.seat)
                texts[key] = View(view=view).model_dump_json()
        await asyncio.gather(
            *(
                self._send_text(
                    connection, texts[(connection.seat.kind.value, connection.seat.role)]
                )
                for connection in list(self._connections)
            )
        )

    async def _send(self, connection: Connection, message: Message) -> None:
        await self._send_text(connection, message.model_dump_json())

    async def _send_text(self, connection: Connection, text: str) -> None:
        try:
            await connection.socket.send_str(text)
        except ConnectionError:
            self._connections.discard(connection)


def perform(
    session: Session,
    seat: Seat,
    command: Command,
    fields: dict[str, Any],
    seated: Iterable[str] = (),
    words: Translator = ENGLISH,
) -> None:
    """Do one seat's command to the session (its entries are committed before they are
    applied). A statement that needs approval waits for the approvers' seats that someone holds,
    step by step along the chain (sim.host.chain), and goes through the scenario's approval
    delay when nobody holds one. `words`: the host's language, for its own refusals."""
    chain = session.spec.team.approval_chain
    if command is Command.QUEUE:
        action = session.make_action(**fields)
        needs = (
            action.template is None and session.spec.team.approval.for_strategy(action.strategy) > 0
        )
        step = (
            first_step(session.spec.meta.roles, chain, seated, seat.role) if needs else Step(None)
        )
        if step.approver is None:
            session.queue(action)
        else:
            session.draft(action, step.approver, by=seat.role, passed_over=step.passed_over)
    elif command is Command.ANSWER_INJECT:
        session.answer_inject(str(fields.get("inject_id", "")), str(fields.get("text", "")))
    elif command in (Command.APPROVE, Command.REJECT):
        number = int(fields.get("draft", 0))
        waiting = {draft.draft: draft for draft in session.drafts}.get(number)
        if waiting is not None and waiting.approver != seat.role:
            raise ActionError(
                words(
                    "draft #{number} waits for the {approver} seat's approval, not the "
                    "{role} seat's."
                ).format(number=number, approver=waiting.approver, role=seat.role)
            )
        if command is Command.APPROVE:
            then = (
                Step(None) if waiting is None else next_step(chain, seated, waiting.by, seat.role)
            )
            session.approve(number, seat.role, then=then.approver, passed_over=then.passed_over)
        else:
            session.reject(number, seat.role, str(fields.get("reason", "")))
    elif command is Command.END_TURN:
        session.end_turn()
    elif command is Command.RELEASE_INJECT:
        session.release_inject(str(fields.get("inject_id", "")))
    elif command is Command.PAUSE:
        session.pause()
    elif command is Command.RESUME:
        session.resume()
    elif command is Command.NOTE:
        objective = fields.get("objective")
        session.add_note(str(fields.get("text", "")), None if objective is None else str(objective))
    elif command is Command.RATE:
        session.rate(
            str(fields.get("objective", "")),
            str(fields.get("rating", "")),
            str(fields.get("reason", "")),
            str(fields.get("by", "")),
        )
    elif command is Command.FINISH:
        session.finish()


def _sentence(error: Exception) -> str:
    if isinstance(error, ValidationError):
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"]) or "the command"
        return f"{where}: {problem['msg'].lower()}."
    return str(error)


async def serve(host: Host, address: str, port: int) -> tuple[web.AppRunner, int]:
    """Start listening; return the runner (to clean up) and the port (the one chosen for 0)."""
    runner = web.AppRunner(host.application(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, address, port)
    await site.start()
    server = site._server
    sockets = getattr(server, "sockets", None) or ()
    bound = sockets[0].getsockname()[1] if sockets else port
    return runner, int(bound)
