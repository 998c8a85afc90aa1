"""`stormdrill join`: one seat of a hosted exercise in the terminal.

The same war room and facilitator's console as `stormdrill play`, fed from the server
(sim.host.client) instead of a local Session: every view the server sends becomes the screen's
state, and the seat's decisions go to the server as commands, shown once acknowledged. The keys
a seat's role cannot use say whose they are. The connection comes back by itself after a drop.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType

from sim.clock import clock
from sim.errors import UserError
from sim.host.client import SeatClient
from sim.host.seats import Command, SeatKind
from sim.host.wire import SeatView
from sim.session import Approved, Drafted, WhatIf, played_actions
from tui.debrief import DebriefState
from tui.plain import visible
from tui.screens.approval import ApprovalScreen, Verdict
from tui.screens.debrief import DebriefScreen
from tui.screens.facilitator import (
    AddNote,
    FacilitatorOrder,
    FacilitatorScreen,
    ReleaseInject,
    SetPaused,
)
from tui.screens.help import HelpScreen
from tui.screens.modals import PassphraseScreen
from tui.screens.note import NoteScreen
from tui.screens.rating import RateObjective, RatingScreen
from tui.screens.war_room import WarRoomScreen
from tui.seat import seat_debrief_state, seat_facilitator_state, seat_war_room_state
from tui.snapshot import WarRoomState, newly_lapsed
from tui.widgets.composer import Composer

FACILITATOR_ONLY = {
    "end_turn": "The facilitator ends the turns.",
    "finish": "The facilitator ends the exercise.",
    "facilitator": "The facilitator's console opens at the facilitator's seat.",
}


class SeatApp(App[None]):
    """A seat of a hosted exercise, joined with its code."""

    CSS_PATH = "stormdrill.tcss"
    TITLE = "stormdrill"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", tooltip="How the exercise works, and every key"),
        Binding("n", "note", "Note", tooltip="An evaluator's note, against an objective"),
        Binding("g", "rate", "Rate", tooltip="An evaluator's own P/S/M/U rating of an objective"),
        Binding("a", "approvals", "Approvals", tooltip="Drafts waiting for your approval"),
        Binding("q", "quit", "Quit", tooltip="Leave the seat; the exercise goes on at the host"),
    ]

    def __init__(self, client: SeatClient, *, ask_code: bool = False) -> None:
        super().__init__()
        self.client = client
        self.ask_code = ask_code
        """Ask for the join code on the screen (a browser tab of `serve --join`), and again
        after a wrong one, instead of leaving."""
        self.view: SeatView | None = None
        self.war_room: WarRoomScreen | None = None
        self.debrief_screen: DebriefScreen | None = None
        self.evaluator_name = ""
        """The name this evaluator gave with their last rating, offered with the next."""

    async def on_mount(self) -> None:
        self.client.on_view = self._view_arrived
        self.client.on_status = self._status
        if self.ask_code:
            self._ask_for_code()
            return
        try:
            await self.client.join()
        except UserError as error:
            self.exit(return_code=2, message=f"stormdrill: {error}")

    def _ask_for_code(self) -> None:
        self.push_screen(PassphraseScreen("Your seat's join code:"), self._code_given)

    def _code_given(self, code: str | None) -> None:
        if code is None:
            self.exit()
            return
        self.client.code = code.strip()
        self._join_asked()

    @work(exclusive=True, exit_on_error=False, group="join")
    async def _join_asked(self) -> None:
        try:
            await self.client.join()
        except UserError as error:
            self.notify(visible(str(error)), severity="error", timeout=8, markup=False)
            self._ask_for_code()

    async def on_unmount(self) -> None:
        await self.client.close()

    # ------------------------------------------------------------------ the server's views

    def _view_arrived(self, view: SeatView) -> None:
        state = seat_war_room_state(view)
        debrief = seat_debrief_state(view)
        waiting_before = {draft.draft for draft in self.waiting_for_me()}
        self.view = view
        new = [draft for draft in self.waiting_for_me() if draft.draft not in waiting_before]
        if new:
            self.notify(
                f"{len(new)} draft(s) wait for your approval: press a.",
                severity="warning",
                timeout=8,
            )
        if self.war_room is None:
            self.war_room = WarRoomScreen(view, state)
            self.sub_title = f"{view.role} seat"
            self.push_screen(self.war_room)
        elif debrief is None:
            self._follow(state)
        if debrief is not None and view.debrief is not None:
            self._show_debrief(debrief, view.debrief.what_ifs)

    def _show_debrief(self, debrief: DebriefState, what_ifs: tuple[WhatIf, ...]) -> None:
        """The debrief the server sent, opened once, then kept up to date (the what-ifs as the
        server computes them, the hot wash's notes and ratings)."""
        screen = self.debrief_screen
        if screen is None:
            screen = self.debrief_screen = DebriefScreen(debrief)
            screen.set_reactive(DebriefScreen.what_ifs, what_ifs)
            self.push_screen(screen)
        elif not screen.is_mounted:  # pushed, not shown yet: it shows the latest
            screen.debrief = debrief
            screen.set_reactive(DebriefScreen.what_ifs, what_ifs)
        else:
            screen.show_after_the_end(debrief)
            screen.what_ifs = what_ifs

    def _follow(self, state: WarRoomState) -> None:
        assert self.war_room is not None
        lapsed = newly_lapsed(self.war_room.state, state)
        self.war_room.state = state
        if lapsed:
            titles = "; ".join(item.event.title for item in lapsed)
            self.notify(visible(f"Deadline lapsed unanswered: {titles}."), markup=False)

    def waiting_for_me(self) -> tuple[Drafted, ...]:
        """The drafts waiting for this seat's approval."""
        if self.view is None:
            return ()
        return tuple(draft for draft in self.view.drafts if draft.approver == self.view.role)

    def _status(self, text: str) -> None:
        self.notify(text, severity="warning" if "lost" in text else "information")

    # ------------------------------------------------------------------ the seat's decisions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return False  # the session and its report are written at the host
        if action in FACILITATOR_ONLY:
            return self.view is not None and not self.view.finished
        return True

    @property
    def kind(self) -> SeatKind | None:
        return None if self.view is None else self.view.kind

    def action_end_turn(self) -> None:
        if self._facilitator_only("end_turn"):
            self.send(Command.END_TURN, "Turn played.")

    def action_finish(self) -> None:
        if self._facilitator_only("finish"):
            self.send(Command.FINISH, "Exercise finished: every seat sees the debrief.")

    def action_facilitator(self) -> None:
        if not self._facilitator_only("facilitator") or self.view is None:
            return
        state = seat_facilitator_state(self.view)
        if state is not None:
            self.push_screen(FacilitatorScreen(state), self._facilitator_order)

    def action_note(self) -> None:
        if self.view is None:
            return
        if self.kind not in (SeatKind.EVALUATOR, SeatKind.FACILITATOR):
            self.notify(
                "Notes are taken at the evaluators' and the facilitator's seats.",
                severity="warning",
            )
            return
        objectives = tuple((item.id, item.text) for item in self.view.meta.objectives)
        self.push_screen(NoteScreen(objectives), self._facilitator_order)

    def action_rate(self) -> None:
        if self.view is None:
            return
        if self.kind is not SeatKind.EVALUATOR:
            self.notify("The objectives are rated at the evaluators' seat.", severity="warning")
            return
        objectives = tuple((item.id, item.text) for item in self.view.meta.objectives)
        if not objectives:
            self.notify("This scenario states no objectives to rate.", severity="warning")
            return

        def rated(rating: RateObjective | None) -> None:
            if rating is None:
                return
            self.evaluator_name = rating.by
            self.send(
                Command.RATE,
                f"{rating.objective} rated {rating.rating}.",
                objective=rating.objective,
                rating=rating.rating,
                reason=rating.reason,
                by=rating.by,
            )

        self.push_screen(RatingScreen(objectives, self.evaluator_name), rated)

    def action_approvals(self) -> None:
        drafts = self.waiting_for_me()
        if not drafts:
            self.notify("No draft is waiting for your approval.")
            return

        def decided(verdict: Verdict | None) -> None:
            if verdict is None:
                return
            command = Command.APPROVE if verdict.verdict == "approve" else Command.REJECT
            self.send(
                command, "" if command is Command.APPROVE else "Rejected.", draft=verdict.draft
            )

        self.push_screen(ApprovalScreen(drafts), decided)

    def _facilitator_only(self, action: str) -> bool:
        if self.kind is SeatKind.FACILITATOR:
            return True
        self.notify(FACILITATOR_ONLY[action], severity="warning")
        return False

    def _facilitator_order(self, order: FacilitatorOrder | None) -> None:
        if isinstance(order, ReleaseInject):
            self.send(
                Command.RELEASE_INJECT,
                f"Inject {order.inject_id} released.",
                inject_id=order.inject_id,
            )
        elif isinstance(order, AddNote):
            self.send(
                Command.NOTE, "Note added to the log.", text=order.text, objective=order.objective
            )
        elif isinstance(order, SetPaused):
            command = Command.PAUSE if order.paused else Command.RESUME
            self.send(command, "Exercise paused." if order.paused else "Exercise resumed.")

    @on(Composer.Submitted)
    def _submitted(self, submitted: Composer.Submitted) -> None:
        if self.kind is not SeatKind.PLAYER:
            self.notify("Statements are drafted at the players' seats.", severity="warning")
            return
        draft = submitted.draft
        if not draft.text and (draft.template is None or draft.private):
            self.notify("Write the message first.", severity="warning")
            return
        if draft.private and draft.answers is not None:
            self.send(
                Command.ANSWER_INJECT,
                f"Answer to {draft.answers} sent (in private, never published).",
                clear_composer=True,
                inject_id=draft.answers,
                text=draft.text,
            )
            return
        self.send(Command.QUEUE, "", clear_composer=True, **draft.action_fields())

    @work(exclusive=False, exit_on_error=False, group="commands")
    async def send(
        self, command: Command, done: str, *, clear_composer: bool = False, **fields: Any
    ) -> None:
        """Send a command; say so once the server has committed it, or say why it was not."""
        try:
            await self.client.do(command, **fields)
        except UserError as error:
            self.notify(visible(str(error)), severity="error", timeout=8, markup=False)
            return
        if clear_composer and self.war_room is not None:
            self.war_room.query_one(Composer).clear()
            self.war_room.action_leave_message()
        if command is Command.APPROVE:
            done = self._approved(int(fields["draft"]))
        if command is Command.QUEUE:
            log = self.view.log if self.view is not None else ()
            queued = played_actions(log)
            done = f"Queued: goes out at {clock(queued[-1].at_h)}." if queued else "Queued."
            if log and isinstance(log[-1], Drafted):
                done = f"Drafted: it waits for the {log[-1].approver} seat's approval."
        if done:
            self.notify(visible(done), markup=False)

    def _approved(self, number: int) -> str:
        """Where an approved draft went: to the chain's next seat, or out (when)."""
        if self.view is None:
            return "Approved."
        waiting = {draft.draft: draft for draft in self.view.drafts}.get(number)
        if waiting is not None:
            return f"Approved: it now waits for the {waiting.approver} seat's approval."
        log = self.view.log
        passed = [
            role
            for entry in log
            if isinstance(entry, Drafted | Approved) and entry.draft == number
            for role in entry.passed_over
        ]
        queued = played_actions(log)
        if not queued:
            return "Approved."
        if passed:
            return (
                f"Approved: it goes out at {clock(queued[-1].at_h)}, after the approval delay, "
                f"since nobody holds the {', '.join(passed)} seat of the approval chain."
            )
        return f"Approved: it goes out at {clock(queued[-1].at_h)}."

    # ------------------------------------------------------------------ help

    def action_help(self) -> None:
        keys = [
            (key, active.binding.description, active.tooltip)
            for key, active in self.screen.active_bindings.items()
            if active.binding.description and not active.binding.system
        ]
        self.push_screen(HelpScreen(keys))
