"""An evaluator's note, at a hosted evaluator's seat: against an objective or general, returned
to the App as the same order the facilitator's console gives."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from sim.i18n import N_
from tui.i18n import SpeaksTheExercise, words_of
from tui.screens.facilitator import AddNote, note_in_form, objective_select


class NoteScreen(SpeaksTheExercise, ModalScreen[AddNote | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), tooltip=N_("Back to the war room")),
    ]

    def __init__(self, objectives: tuple[tuple[str, str], ...]) -> None:
        super().__init__()
        self.objectives = objectives

    def compose(self) -> ComposeResult:
        _ = words_of(self)
        with Vertical(classes="dialog", id="evaluator-note"):
            with Grid(id="facilitator-form"):
                yield Label(_("Note on"))
                yield objective_select(self.objectives, _)
                yield Button(_("Add note"), id="add-note", compact=True)
                yield Label(_("Note"))
                yield Input(placeholder=_("what you observed"), id="note", compact=True)
            yield Static(_("Tab moves between fields · Enter adds · Esc closes"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#note").focus()

    @on(Button.Pressed, "#add-note")
    @on(Input.Submitted, "#note")
    def _add_note(self) -> None:
        note = note_in_form(self)
        if note is not None:
            self.dismiss(note)

    def action_close(self) -> None:
        self.dismiss(None)
