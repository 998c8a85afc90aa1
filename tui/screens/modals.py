"""Small modal questions that return a typed answer: a passphrase, a yes or no."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from sim.i18n import N_
from tui.i18n import SpeaksTheExercise, words_of


class PassphraseScreen(SpeaksTheExercise, ModalScreen[str | None]):
    """Dismissed with what was typed, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Back without the facilitator's view"))
    ]

    def __init__(self, prompt: str, *, secret: bool = True) -> None:
        super().__init__()
        self.prompt = prompt
        self.secret = secret
        """Hide what is typed (a passphrase, a join code; not a name)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.prompt)
            yield Input(password=self.secret, id="passphrase")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(SpeaksTheExercise, ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes"), tooltip=N_("Go ahead")),
        Binding("n,escape", "answer(False)", N_("No"), tooltip=N_("Back to where you were")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            with Horizontal(classes="dialog-buttons"):
                _ = words_of(self)
                yield Button(_("Yes (y)"), variant="primary", id="yes", compact=True)
                yield Button(_("No (n)"), id="no", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
