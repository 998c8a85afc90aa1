"""The war room: the main screen of an exercise, refreshed at the end of every turn.

It renders the `WarRoomState` the App gives it and passes the team's decisions up as messages;
the App owns the Session and runs the turns.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane, TextArea

from sim.i18n import N_
from sim.rubric import score_message
from sim.spec.schema import Meta, Team
from tui.i18n import SpeaksTheExercise, words_of
from tui.keys import KeepsKeysToFields
from tui.snapshot import WarRoomState
from tui.widgets.charts import MonitorCharts
from tui.widgets.clock import ClockBar
from tui.widgets.composer import Answering, Composer
from tui.widgets.feed import Feed
from tui.widgets.inbox import Inbox
from tui.widgets.rubric_panel import RubricPanel
from tui.widgets.timeline import Timeline


class Setting(Protocol):
    """What the war room reads of the scenario: a ScenarioSpec, or a hosted seat's view
    (sim.host.wire.SeatView), which carries the briefing and the team's resources only."""

    @property
    def meta(self) -> Meta: ...

    @property
    def team(self) -> Team: ...


TAB_FOCUS = {"inbox": "#inbox-list", "compose": "#message", "timeline": "#timeline-table"}


class WarRoomScreen(SpeaksTheExercise, KeepsKeysToFields, Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "app.end_turn", N_("End turn"), tooltip=N_("Advance the clock by one turn")),
        Binding(
            "c", "show_tab('compose')", N_("Compose"), tooltip=N_("Write a statement"), show=False
        ),
        Binding(
            "i",
            "show_tab('inbox')",
            N_("Inbox"),
            tooltip=N_("Injects, journalists, alerts"),
            show=False,
        ),
        Binding(
            "m",
            "show_tab('monitor')",
            N_("Monitor"),
            tooltip=N_("Charts of what the team sees"),
            show=False,
        ),
        Binding(
            "t",
            "show_tab('timeline')",
            N_("Timeline"),
            tooltip=N_("The team's decisions"),
            show=False,
        ),
        Binding(
            "r",
            "answer",
            N_("Answer"),
            tooltip=N_("Answer the highlighted inquiry or inject"),
            show=False,
        ),
        Binding(
            "ctrl+s",
            "send",
            N_("Send"),
            tooltip=N_("Send the composed statement"),
            priority=True,
        ),
        Binding(
            "ctrl+l",
            "public_statement",
            N_("Public statement"),
            tooltip=N_("Stop answering an inquiry: the message becomes a public statement"),
            show=False,
        ),
        Binding(
            "escape",
            "leave_message",
            N_("Leave message box"),
            tooltip=N_("Back to the tabs, so single keys work again"),
            show=False,
        ),
        Binding(
            "f", "app.facilitator", N_("Facilitator"), tooltip=N_("Ground truth, injects, notes")
        ),
        Binding(
            "p",
            "app.pause_or_resume",
            N_("Pause or resume the exercise"),
            tooltip=N_("The facilitator pauses or resumes play (asks the passphrase)"),
            show=False,
        ),
        Binding(
            "d", "app.finish", N_("Debrief"), tooltip=N_("Finish the exercise and see the debrief")
        ),
    ]

    state: reactive[WarRoomState | None] = reactive(None, init=False)
    busy: reactive[bool] = reactive(False, init=False)

    def __init__(self, spec: Setting, state: WarRoomState) -> None:
        super().__init__()
        self.spec = spec
        self.set_reactive(WarRoomScreen.state, state)

    def compose(self) -> ComposeResult:
        _ = words_of(self)
        yield ClockBar(id="clock")
        with TabbedContent(id="tabs"):
            with TabPane(_("Monitor (m)"), id="monitor"):
                yield MonitorCharts(id="charts")
                yield Feed(id="feed")
            with TabPane(_("Inbox (i)"), id="inbox"):
                yield Inbox(id="inbox-view")
            with TabPane(_("Compose (c)"), id="compose"):
                yield Composer(id="composer")
            with TabPane(_("Timeline (t)"), id="timeline"):
                yield Timeline(id="timeline-table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Composer).templates = self.spec.team.templates
        self.watch_state(self.state)

    def watch_state(self, state: WarRoomState | None) -> None:
        if state is None:
            return
        self.query_one(ClockBar).state = state
        self.query_one(MonitorCharts).observation = state.observation
        self.query_one(Feed).items = state.feed
        inbox = self.query_one(Inbox)
        inbox.time = state.time
        inbox.items = state.inbox
        self.query_one(Timeline).entries = state.timeline
        self._score(self.query_one("#message", TextArea).text)

    def watch_busy(self, busy: bool) -> None:
        self.query_one(TabbedContent).loading = busy

    def action_show_tab(self, tab: str) -> None:
        """Show a tab and put the keyboard where the work is: the list, the message."""
        self.query_one(TabbedContent).active = tab
        focus = TAB_FOCUS.get(tab)
        if focus is not None:
            self.query_one(focus).focus()

    def action_answer(self) -> None:
        if not self.query_one(Inbox).request_answer():
            self.notify(
                words_of(self).gettext("Highlight an open message in the inbox to answer it."),
                severity="warning",
            )

    def action_send(self) -> None:
        self.query_one(Composer).submit()

    def action_public_statement(self) -> None:
        self.query_one(Composer).answering = None

    def action_leave_message(self) -> None:
        self.query_one(TabbedContent).query_one("Tabs").focus()

    @on(Inbox.AnswerRequested)
    def _answer(self, request: Inbox.AnswerRequested) -> None:
        composer = self.query_one(Composer)
        if request.answer_to is None:
            composer.answering = None
        else:
            composer.answering = Answering(request.answer_to, request.title, request.private)
        self.action_show_tab("compose")
        self.query_one("#message", TextArea).focus()

    @on(Composer.TextChanged)
    def _text_changed(self, changed: Composer.TextChanged) -> None:
        self._score(changed.text)

    def _score(self, text: str) -> None:
        earlier = self.state.earlier_statements if self.state else ()
        self.query_one(RubricPanel).score = score_message(text, self.spec.meta.locale, earlier)
