"""`stormdrill join`: one seat of a hosted exercise in the terminal.

The same war room and facilitator's console as `stormdrill play`, fed from the server
(sim.host.client) instead of a local Session: every view the server sends becomes the screen's
state, and the seat's decisions go to the server as commands, shown once acknowledged. The keys
a seat's role cannot use say whose they are. The connection comes back by itself after a drop.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from sim.clock import clock
from sim.errors import UserError
from sim.host.client import SeatClient
from sim.host.seats import Command, SeatKind
from sim.host.wire import SeatView
from sim.i18n import LOCALES_FOLDER, N_, Translator, interface_locale, translator
from sim.session import Approved, Drafted, WhatIf, played_actions
from sim.session.record import NAME_MAX, given_name
from tui.debrief import DebriefState
from tui.i18n import translate_bindings, translated_commands
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
    "end_turn": N_("The facilitator ends the turns."),
    "finish": N_("The facilitator ends the exercise."),
    "facilitator": N_("The facilitator's console opens at the facilitator's seat."),
}


class SeatApp(App[None]):
    """A seat of a hosted exercise, joined with its code."""

    CSS_PATH = "stormdrill.tcss"
    TITLE = "stormdrill"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark", "help", N_("Help"), tooltip=N_("How the exercise works, and every key")
        ),
        Binding("n", "note", N_("Note"), tooltip=N_("An evaluator's note, against an objective")),
        Binding(
            "g",
            "rate",
            N_("Rate"),
            tooltip=N_("An evaluator's own P/S/M/U rating of an objective"),
        ),
        Binding("a", "approvals", N_("Approvals"), tooltip=N_("Drafts waiting for your approval")),
        Binding(
            "q",
            "quit",
            N_("Quit"),
            tooltip=N_("Leave the seat; the exercise goes on at the host"),
        ),
    ]

    def __init__(
        self,
        client: SeatClient,
        *,
        ask_code: bool = False,
        lang: str | None = None,
        locales: Path = LOCALES_FOLDER,
    ) -> None:
        super().__init__()
        self.client = client
        self.lang = lang
        """`join --lang`: the seat's language instead of the host's."""
        self.locales = locales
        self.words: Translator = translator(interface_locale("en_US", lang), locales)
        """The seat's words: `--lang`, else $STORMDRILL_LANG, else (once the first view has
        come) the language the host gives."""
        self.ask_code = ask_code
        """Ask for the join code on the screen (a browser tab of `serve --join`), and again
        after a wrong one, instead of leaving."""
        self.view: SeatView | None = None
        self.war_room: WarRoomScreen | None = None
        self.debrief_screen: DebriefScreen | None = None
        self.name_asked = bool(client.name)
        """Asked for the person's name already (asked once, after the first code typed)."""
        self.evaluator_name = ""
        """The name this evaluator gave with their last rating, offered with the next."""

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands in the palette, in the seat's language."""
        return translated_commands(super().get_system_commands(screen), self.words)

    async def on_mount(self) -> None:
        translate_bindings(self, self.words)
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
        self.push_screen(PassphraseScreen(self.words("Your seat's join code:")), self._code_given)

    def _code_given(self, code: str | None) -> None:
        if code is None:
            self.exit()
            return
        self.client.code = code.strip()
        if self.name_asked:
            self._join_asked()
            return
        self.name_asked = True
        prompt = self.words("Your name, as the report should show it (Esc: join unnamed):")
        self.push_screen(PassphraseScreen(prompt, secret=False), self._name_given)

    def _name_given(self, name: str | None) -> None:
        if name is not None and name.strip():
            try:
                self.client.name = given_name(name)
            except UserError:
                too_long = self.words("Give your name in at most {count} characters.")
                self.notify(too_long.format(count=NAME_MAX), severity="error")
                self.name_asked = False
                self._code_given(self.client.code)
                return
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

    def _speak(self, view: SeatView) -> None:
        """Speak the language the host gives, unless `--lang` or $STORMDRILL_LANG says
        otherwise (the same precedence as `stormdrill play`)."""
        self.words = translator(interface_locale(view.locale, self.lang), self.locales)
        self.client.words = self.words  # its own sentences (a dropped connection) too
        translate_bindings(self, self.words)

    def _view_arrived(self, view: SeatView) -> None:
        if self.view is None:
            self._speak(view)
        _ = self.words
        state = seat_war_room_state(view, _)
        debrief = seat_debrief_state(view, _)
        waiting_before = {draft.draft for draft in self.waiting_for_me()}
        self.view = view
        new = [draft for draft in self.waiting_for_me() if draft.draft not in waiting_before]
        if new:
            self.notify(
                _.ngettext(
                    "{n} draft waits for your approval: press a.",
                    "{n} drafts wait for your approval: press a.",
                    len(new),
                ).format(n=len(new)),
                severity="warning",
                timeout=8,
            )
        if self.war_room is None:
            self.war_room = WarRoomScreen(view, state)
            self.sub_title = _("{role} seat").format(role=view.role)
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
            lapsed_text = self.words("Deadline lapsed unanswered: {titles}.")
            self.notify(visible(lapsed_text.format(titles=titles)), markup=False)

    def waiting_for_me(self) -> tuple[Drafted, ...]:
        """The drafts waiting for this seat's approval."""
        if self.view is None:
            return ()
        return tuple(draft for draft in self.view.drafts if draft.approver == self.view.role)

    def _status(self, text: str) -> None:
        self.notify(self.words(text), severity="warning" if "lost" in text else "information")

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
            self.send(Command.END_TURN, self.words("Turn played."))

    def action_finish(self) -> None:
        if self._facilitator_only("finish"):
            self.send(Command.FINISH, self.words("Exercise finished: every seat sees the debrief."))

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
                self.words("Notes are taken at the evaluators' and the facilitator's seats."),
                severity="warning",
            )
            return
        objectives = tuple((item.id, item.text) for item in self.view.meta.objectives)
        self.push_screen(NoteScreen(objectives), self._facilitator_order)

    def action_rate(self) -> None:
        if self.view is None:
            return
        if self.kind is not SeatKind.EVALUATOR:
            self.notify(
                self.words("The objectives are rated at the evaluators' seat."), severity="warning"
            )
            return
        objectives = tuple((item.id, item.text) for item in self.view.meta.objectives)
        if not objectives:
            self.notify(
                self.words("This scenario states no objectives to rate."), severity="warning"
            )
            return

        def rated(rating: RateObjective | None) -> None:
            if rating is None:
                return
            self.evaluator_name = rating.by
            self.send(
                Command.RATE,
                self.words("{objective} rated {rating}.").format(
                    objective=rating.objective, rating=rating.rating
                ),
                objective=rating.objective,
                rating=rating.rating,
                reason=rating.reason,
                by=rating.by,
            )

        self.push_screen(RatingScreen(objectives, self.evaluator_name), rated)

    def action_approvals(self) -> None:
        drafts = self.waiting_for_me()
        if not drafts:
            self.notify(self.words("No draft is waiting for your approval."))
            return

        def decided(verdict: Verdict | None) -> None:
            if verdict is None:
                return
            command = Command.APPROVE if verdict.verdict == "approve" else Command.REJECT
            done = "" if command is Command.APPROVE else self.words("Rejected.")
            self.send(command, done, draft=verdict.draft)

        self.push_screen(ApprovalScreen(drafts), decided)

    def _facilitator_only(self, action: str) -> bool:
        if self.kind is SeatKind.FACILITATOR:
            return True
        self.notify(self.words(FACILITATOR_ONLY[action]), severity="warning")
        return False

    def _facilitator_order(self, order: FacilitatorOrder | None) -> None:
        _ = self.words
        if isinstance(order, ReleaseInject):
            self.send(
                Command.RELEASE_INJECT,
                _("Inject {inject} released.").format(inject=order.inject_id),
                inject_id=order.inject_id,
            )
        elif isinstance(order, AddNote):
            self.send(
                Command.NOTE,
                _("Note added to the log."),
                text=order.text,
                objective=order.objective,
            )
        elif isinstance(order, SetPaused):
            command = Command.PAUSE if order.paused else Command.RESUME
            self.send(command, _("Exercise paused.") if order.paused else _("Exercise resumed."))

    @on(Composer.Submitted)
    def _submitted(self, submitted: Composer.Submitted) -> None:
        _ = self.words
        if self.kind is not SeatKind.PLAYER:
            self.notify(_("Statements are drafted at the players' seats."), severity="warning")
            return
        draft = submitted.draft
        if not draft.text and (draft.template is None or draft.private):
            self.notify(_("Write the message first."), severity="warning")
            return
        if draft.private and draft.answers is not None:
            self.send(
                Command.ANSWER_INJECT,
                _("Answer to {inject} sent (in private, never published).").format(
                    inject=draft.answers
                ),
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
        _ = self.words
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
            done = (
                _("Queued: goes out at {time}.").format(time=clock(queued[-1].at_h))
                if queued
                else _("Queued.")
            )
            if log and isinstance(log[-1], Drafted):
                done = _("Drafted: it waits for the {role} seat's approval.").format(
                    role=log[-1].approver
                )
        if done:
            self.notify(visible(done), markup=False)

    def _approved(self, number: int) -> str:
        """Where an approved draft went: to the chain's next seat, or out (when)."""
        _ = self.words
        if self.view is None:
            return _("Approved.")
        waiting = {draft.draft: draft for draft in self.view.drafts}.get(number)
        if waiting is not None:
            return _("Approved: it now waits for the {role} seat's approval.").format(
                role=waiting.approver
            )
        log = self.view.log
        passed = [
            role
            for entry in log
            if isinstance(entry, Drafted | Approved) and entry.draft == number
            for role in entry.passed_over
        ]
        queued = played_actions(log)
        if not queued:
            return _("Approved.")
        time = clock(queued[-1].at_h)
        if passed:
            return _(
                "Approved: it goes out at {time}, after the approval delay, since nobody holds "
                "the {roles} seat of the approval chain."
            ).format(time=time, roles=", ".join(passed))
        return _("Approved: it goes out at {time}.").format(time=time)

    # ------------------------------------------------------------------ help

    def action_help(self) -> None:
        keys = [
            (key, active.binding.description, active.tooltip)
            for key, active in self.screen.active_bindings.items()
            if active.binding.description and not active.binding.system
        ]
        self.push_screen(HelpScreen(keys))
