"""An evaluator's own rating of an objective, at a hosted evaluator's seat: P/S/M/U with the
reason and the evaluator's name, returned to the App as an order for the server."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from sim.evaluation import RATING_NAMES, Rating
from sim.i18n import N_
from tui.i18n import SpeaksTheExercise, words_of
from tui.plain import plain

GRADES: tuple[Rating, ...] = ("P", "S", "M", "U")


@dataclass(frozen=True)
class RateObjective:
    objective: str
    rating: str
    reason: str
    by: str


class RatingScreen(SpeaksTheExercise, ModalScreen[RateObjective | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), tooltip=N_("Back to the war room")),
    ]

    def __init__(self, objectives: tuple[tuple[str, str], ...], by: str = "") -> None:
        super().__init__()
        self.objectives = objectives
        self.by = by
        """The name the evaluator gave with their last rating, offered again."""

    def compose(self) -> ComposeResult:
        _ = words_of(self)
        with Vertical(classes="dialog", id="evaluator-rating"):
            with Grid(id="rating-form"):
                yield Label(_("Objective"))
                yield Select(
                    [(plain(f"{item_id}: {text}"), item_id) for item_id, text in self.objectives],
                    prompt=_("pick an objective"),
                    compact=True,
                    id="objective",
                )
                yield Label(_("Rating"))
                yield Select(
                    [(Content(f"{grade}: {_(RATING_NAMES[grade])}"), grade) for grade in GRADES],
                    prompt=_("P, S, M or U"),
                    compact=True,
                    id="grade",
                )
                yield Label(_("Because"))
                yield Input(placeholder=_("the reason, as you saw it"), id="reason", compact=True)
                yield Label(_("Your name"))
                yield Input(
                    self.by, placeholder=_("as the report names you"), id="by", compact=True
                )
            yield Button(_("Rate"), id="rate", compact=True)
            yield Static(_("Tab moves between fields · Enter rates · Esc closes"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#objective").focus()

    @on(Button.Pressed, "#rate")
    @on(Input.Submitted)
    def _rate(self) -> None:
        _ = words_of(self)
        objective = self.query_one("#objective", Select).value
        grade = self.query_one("#grade", Select).value
        reason = self.query_one("#reason", Input).value.strip()
        by = self.query_one("#by", Input).value.strip()
        missing = [
            what
            for what, absent in (
                (_("the objective"), objective is Select.NULL),
                (_("the rating"), grade is Select.NULL),
                (_("the reason"), not reason),
                (_("your name"), not by),
            )
            if absent
        ]
        if missing:
            self.notify(
                _("Give {missing} first.").format(missing=", ".join(missing)), severity="warning"
            )
            return
        self.dismiss(RateObjective(str(objective), str(grade), reason, by))

    def action_close(self) -> None:
        self.dismiss(None)
