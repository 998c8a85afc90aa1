"""StormdrillApp: owns the Session, runs the slow work in thread workers, moves between screens.

Attributes go down (the App gives screens frozen snapshots), messages come up (screens send the
team's decisions, workers report `TurnCompleted` and friends). Only workers touch the Session
while they run; `busy` keeps the team's keys off it until they are done.

Every view of ground truth, the facilitator's console and the debrief, opens with the
facilitator's passphrase when the exercise has one (it is kept hashed in the session file, so
it holds across a resume); an exercise started without one has no facilitator's console.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from sim.clock import clock
from sim.errors import UserError
from sim.i18n import LOCALES_FOLDER, N_, Translator, interface_locale, translator
from sim.session import Session, WhatIf
from sim.session.passphrase import PassphraseHash
from sim.spec.loader import list_bundled_scenarios, load_scenario
from sim.spec.schema import ScenarioSpec
from tui.commands import BindingCommands, exercise_bindings
from tui.debrief import DebriefState, debrief_state
from tui.export import export_session
from tui.i18n import translate_bindings, translated_commands
from tui.messages import (
    ExerciseFinished,
    GroundTruthMeasured,
    SessionExported,
    SessionOpened,
    TurnCompleted,
    WhatIfComputed,
)
from tui.plain import visible
from tui.screens.briefing import BriefingScreen, TeamSetup
from tui.screens.debrief import DebriefScreen
from tui.screens.facilitator import (
    AddNote,
    FacilitatorOrder,
    FacilitatorScreen,
    ReleaseInject,
    SetPaused,
)
from tui.screens.help import HelpScreen
from tui.screens.modals import ConfirmScreen, PassphraseScreen
from tui.screens.picker import PickerScreen
from tui.screens.war_room import WarRoomScreen
from tui.snapshot import (
    WarRoomState,
    facilitator_state,
    newly_lapsed,
    war_room_state,
)
from tui.storage import autosave_candidates, exports_folder, sweep_killed_saves
from tui.widgets.composer import Composer


class StormdrillApp(App[None]):
    """`stormdrill play`: one exercise from the scenario picker to the debrief."""

    CSS_PATH = "stormdrill.tcss"
    TITLE = "stormdrill"
    COMMANDS: ClassVar = {BindingCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark,f1",
            "help",
            N_("Help"),
            tooltip=N_("How the exercise works, and every key"),
        ),
        Binding(
            "q", "quit", N_("Quit"), tooltip=N_("Quit; the exercise is saved after every change")
        ),
    ]

    busy: reactive[bool] = reactive(False)

    def __init__(
        self,
        scenario: str | None = None,
        *,
        seed: int = 1,
        team: str = "",
        resume: Session | None = None,
        lang: str | None = None,
        locales: Path = LOCALES_FOLDER,
    ) -> None:
        super().__init__()
        self.lang = lang
        self.locales = locales
        self.words: Translator = translator(interface_locale("en_US", lang), locales)
        """The exercise's language: `lang` (or STORMDRILL_LANG) if given, else the scenario's
        once it is known (`speak`); English on the picker."""
        self.scenario_ref = scenario
        self.seed = seed
        self.team = team
        self.resume = resume
        self.session: Session | None = None
        self.debrief: DebriefState | None = None
        self.what_ifs: tuple[WhatIf, ...] = ()

    # ------------------------------------------------------------------ opening an exercise

    def speak(self, spec: ScenarioSpec) -> None:
        """Speak the scenario's language from now on, unless `lang` chose one."""
        self.words = translator(interface_locale(spec.meta.locale, self.lang), self.locales)
        translate_bindings(self, self.words)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands in the palette, in the exercise's language."""
        return translated_commands(super().get_system_commands(screen), self.words)

    def on_mount(self) -> None:
        translate_bindings(self, self.words)
        sweep_killed_saves(None if self.resume is None else self.resume.autosave)
        if self.resume is not None:
            self.speak(self.resume.spec)
            self.show_session(self.resume, war_room_state(self.resume, words=self.words))
        elif self.scenario_ref is not None:
            self.brief(self.scenario_ref)
        else:
            self.push_screen(PickerScreen(list_bundled_scenarios()), self.brief)

    def brief(self, scenario: str | None) -> None:
        if scenario is None:
            return
        spec = load_scenario(scenario)
        self.scenario_ref = scenario
        self.speak(spec)

        def start(setup: TeamSetup | None) -> None:
            if setup is not None:
                self.start(spec, scenario, setup)

        self.push_screen(BriefingScreen(spec, self.team, self.seed), start)

    def start(self, spec: ScenarioSpec, scenario: str, setup: TeamSetup) -> None:
        def build() -> Session:
            facilitator = PassphraseHash.of(setup.passphrase) if setup.passphrase else None
            session = Session(
                spec, setup.seed, team=setup.team, scenario_ref=scenario, facilitator=facilitator
            )
            session.claim_autosave(autosave_candidates(scenario, setup.team, setup.seed))
            return session

        self.open_session(build)

    @work(thread=True, exclusive=True, exit_on_error=False, group="turn")
    def open_session(self, build: Callable[[], Session]) -> None:
        """Building a model (and replaying a saved log) can take a while on a big graph; the
        new session is saved at once, in a file no other exercise has."""
        session = build()
        self.post_message(SessionOpened(session, war_room_state(session, words=self.words)))

    @on(SessionOpened)
    def _session_opened(self, opened: SessionOpened) -> None:
        self.show_session(opened.session, opened.state)

    def show_session(self, session: Session, state: WarRoomState) -> None:
        self.session = session
        session.words = self.words  # its refusals, shown in the war room's language
        _ = self.words
        if session.finished:
            self.as_facilitator(
                lambda: self.show_debrief(debrief_state(session, self.words)),
                otherwise=lambda: self.exit(
                    message=_(
                        "The debrief of this exercise opens with the facilitator's passphrase."
                    )
                ),
            )
            return
        self.replace_screen(WarRoomScreen(session.spec, state))

    def replace_screen(self, screen: Screen) -> None:
        """Show `screen` in place of the current one (the first screen is pushed)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # ------------------------------------------------------------------ turns

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"end_turn", "finish", "facilitator", "pause_or_resume"}:
            return self.session is not None and not self.exercise.finished and not self.busy
        if action == "export":
            return self.debrief is not None
        return True

    def watch_busy(self, busy: bool) -> None:
        if isinstance(self.screen, WarRoomScreen):
            self.screen.busy = busy
        self.refresh_bindings()

    @property
    def exercise(self) -> Session:
        """The session in play. The actions that need one are enabled only once it is open
        (check_action), so reaching for it before is a bug, not a user's mistake."""
        if self.session is None:
            raise LookupError("no exercise is open yet")
        return self.session

    @property
    def paused(self) -> bool:
        """Whether the facilitator has paused the exercise (it is in the session's log)."""
        return self.session is not None and self.exercise.paused

    def action_end_turn(self) -> None:
        _ = self.words
        if self.paused:
            self.notify(_("The facilitator has paused the exercise."), severity="warning")
            return
        if self.exercise.turn >= self.exercise.turns_total:
            self.notify(_("All turns are played: press d for the debrief."), severity="warning")
            return
        self.busy = True
        self.play_turn()

    @work(thread=True, exclusive=True, exit_on_error=False, group="turn")
    def play_turn(self) -> None:
        record = self.exercise.end_turn()
        self.post_message(
            TurnCompleted(record.number, war_room_state(self.exercise, words=self.words))
        )

    @on(TurnCompleted)
    def _turn_completed(self, completed: TurnCompleted) -> None:
        self.busy = False
        _ = self.words
        war_room = self.query_war_room()
        lapsed = newly_lapsed(war_room.state, completed.state)
        war_room.state = completed.state
        if lapsed:
            titles = "; ".join(item.event.title for item in lapsed)
            self.notify(
                visible(_("Deadline lapsed unanswered: {titles}.").format(titles=titles)),
                severity="warning",
                timeout=8,
                markup=False,
            )
        else:
            self.notify(_("Turn {turn} played.").format(turn=completed.turn))

    def query_war_room(self) -> WarRoomScreen:
        for screen in self.screen_stack:
            if isinstance(screen, WarRoomScreen):
                return screen
        raise LookupError("no war room open")

    @on(Composer.Submitted)
    def _send(self, submitted: Composer.Submitted) -> None:
        session = self.session
        _ = self.words
        if self.busy or session is None:
            self.notify(_("Wait for the turn to finish."), severity="warning")
            return
        if self.paused:
            self.notify(_("The facilitator has paused the exercise."), severity="warning")
            return
        draft = submitted.draft
        if not draft.text and (draft.template is None or draft.private):
            self.notify(_("Write the message first."), severity="warning")
            return
        try:
            if draft.private and draft.answers is not None:
                session.answer_inject(draft.answers, draft.text)
                done = _("Answer to {target} sent (in private, never published).").format(
                    target=draft.answers
                )
            else:
                sent = session.queue(session.make_action(**draft.action_fields()))
                done = _("Queued: goes out at {time}.").format(time=clock(sent.at_h))
        except UserError as error:
            self.notify(visible(str(error)), severity="error", timeout=8, markup=False)
            return
        war_room = self.query_war_room()
        war_room.query_one(Composer).clear()
        war_room.action_leave_message()
        war_room.state = war_room_state(session, words=self.words)
        self.notify(visible(done), markup=False)

    # ------------------------------------------------------------------ the facilitator

    def action_facilitator(self) -> None:
        if self.exercise.facilitator is None:
            self.notify(
                self.words(
                    "This exercise was started without a facilitator passphrase, so it has no "
                    "facilitator's console; set one in the briefing of a new exercise."
                ),
                severity="warning",
                timeout=8,
            )
            return
        self.as_facilitator(self.open_facilitator)

    def action_pause_or_resume(self) -> None:
        """The facilitator pauses a running exercise or resumes a paused one (passphrase)."""
        if self.exercise.facilitator is None:
            self.notify(
                self.words(
                    "This exercise was started without a facilitator passphrase, so nobody can "
                    "pause it; set one in the briefing of a new exercise."
                ),
                severity="warning",
                timeout=8,
            )
            return
        self.as_facilitator(lambda: self._facilitator_order(SetPaused(not self.exercise.paused)))

    def as_facilitator(
        self, then: Callable[[], None], otherwise: Callable[[], None] | None = None
    ) -> None:
        """Do `then` once the facilitator has given the passphrase (at once if the exercise has
        none); `otherwise` when the question is cancelled or answered wrong."""
        lock = self.exercise.facilitator
        if lock is None:
            then()
            return

        def answered(passphrase: str | None) -> None:
            if passphrase is not None and lock.matches(passphrase):
                then()
                return
            if passphrase is not None:
                self.notify(self.words("Wrong passphrase."), severity="error")
            if otherwise is not None:
                otherwise()

        self.push_screen(PassphraseScreen(self.words("Facilitator passphrase:")), answered)

    def open_facilitator(self) -> None:
        self.busy = True
        self.measure_ground_truth()

    @work(thread=True, exclusive=True, exit_on_error=False, group="turn")
    def measure_ground_truth(self) -> None:
        """Damage avoided so far steps the unanswered run over the hours since the facilitator
        last looked: slow work, off the screen's thread."""
        self.post_message(GroundTruthMeasured(facilitator_state(self.exercise, words=self.words)))

    @on(GroundTruthMeasured)
    def _ground_truth_measured(self, measured: GroundTruthMeasured) -> None:
        self.busy = False
        self.push_screen(FacilitatorScreen(measured.state), self._facilitator_order)

    def _facilitator_order(self, order: FacilitatorOrder | None) -> None:
        session = self.exercise
        _ = self.words
        try:
            if isinstance(order, ReleaseInject):
                session.release_inject(order.inject_id)
                released = _("Inject {inject} released.").format(inject=order.inject_id)
                self.notify(visible(released), markup=False)
            elif isinstance(order, AddNote):
                session.add_note(order.text, order.objective)
                self.notify(_("Note added to the log."))
            elif isinstance(order, SetPaused):
                if order.paused:
                    session.pause()
                    self.notify(_("Exercise paused: no turn ends and no statement goes out."))
                else:
                    session.resume()
                    self.notify(_("Exercise resumed."))
        except UserError as error:
            self.notify(visible(str(error)), severity="error", timeout=8, markup=False)
        if order is not None and not session.finished:
            self.query_war_room().state = war_room_state(session, words=self.words)

    # ------------------------------------------------------------------ the end

    def action_finish(self) -> None:
        """The debrief shows ground truth: with a facilitator, the facilitator opens it."""
        self.as_facilitator(self._ask_to_finish)

    def _ask_to_finish(self) -> None:
        if self.exercise.turn < self.exercise.turns_total:
            left = self.exercise.turns_total - self.exercise.turn
            question = self.words.ngettext(
                "{left} turn is left. Finish now? The crowd runs on to the horizon with no new "
                "statements.",
                "{left} turns are left. Finish now? The crowd runs on to the horizon with no "
                "new statements.",
                left,
            ).format(left=left)
            self.push_screen(ConfirmScreen(question), self._confirm_finish)
        else:
            self._confirm_finish(True)

    def _confirm_finish(self, confirmed: bool | None) -> None:
        if confirmed:
            self.busy = True
            self.finish_exercise()

    @work(thread=True, exclusive=True, exit_on_error=False, group="turn")
    def finish_exercise(self) -> None:
        self.exercise.finish()
        self.post_message(ExerciseFinished(debrief_state(self.exercise, self.words)))

    @on(ExerciseFinished)
    def _finished(self, finished: ExerciseFinished) -> None:
        self.busy = False
        self.show_debrief(finished.debrief)

    def show_debrief(self, debrief: DebriefState) -> None:
        self.debrief = debrief
        self.replace_screen(DebriefScreen(debrief))
        self.compute_what_ifs()

    @work(thread=True, exclusive=True, exit_on_error=False, group="counterfactuals")
    def compute_what_ifs(self) -> None:
        for what_if in self.exercise.what_ifs():
            self.post_message(WhatIfComputed(what_if))

    @on(WhatIfComputed)
    def _what_if_computed(self, computed: WhatIfComputed) -> None:
        self.what_ifs += (computed.what_if,)
        if isinstance(self.screen, DebriefScreen):
            self.screen.what_ifs = self.what_ifs

    def action_export(self) -> None:
        self.notify(self.words("Writing the session log and the after-action report..."))
        self.export()

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def export(self) -> None:
        log_path, report_path = export_session(self.exercise, exports_folder())
        self.post_message(SessionExported(log_path, report_path))

    @on(SessionExported)
    def _exported(self, exported: SessionExported) -> None:
        self.notify(
            visible(
                self.words("Saved {log} and {report}").format(
                    log=exported.log_path, report=exported.report_path
                )
            ),
            timeout=10,
            markup=False,
        )

    # ------------------------------------------------------------------ help and errors

    def action_help(self) -> None:
        """The keys of the screen in use and the app's, as the footer writes them ("?", not
        "question_mark"), one row per command; a focused widget's own keys (scrolling) are
        left out."""
        keys: dict[str, tuple[list[str], str, str]] = {}
        for key, active in exercise_bindings(self.screen):
            binding = active.binding
            shown = self.get_key_display(binding.with_key(key))
            row = keys.setdefault(binding.action, ([], binding.description, active.tooltip))
            row[0].append(shown)
        self.push_screen(
            HelpScreen([(" / ".join(shown), what, tip) for shown, what, tip in keys.values()])
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a worker's failure reaches the team."""
        if event.state is not WorkerState.ERROR:
            return
        self.busy = False
        error = event.worker.error
        if isinstance(error, UserError):
            message = str(error)
        else:
            message = self.words("Unexpected error in {worker}: {error}").format(
                worker=event.worker.name, error=repr(error)
            )
        self.notify(visible(message), severity="error", timeout=10, markup=False)
