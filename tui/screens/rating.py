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
from tui.plain import plain

GRADES: tuple[Rating, ...] = ("P", "S", "M", "U")


@dataclass(frozen=True)
class RateObjective:
    objective: str
    rating: str
    reason: str
    by: str


class RatingScreen(ModalScreen[RateObjective | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Back to the war room"),
    ]

    def __init__(self, objectives: tuple[tuple[str, str], ...], by: str = "") -> None:
        super().__init__()
        self.objectives = objectives
        self.by = by
        """The name the evaluator gave with their last rating, offered again."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="evaluator-rating"):
            with Grid(id="rating-form"):
                yield Label("Objective")
                yield Select(
                    [(plain(f"{item_id}: {text}"), item_id) for item_id, text in self.objectives],
                    prompt="pick an objective",
                    compact=True,
                    id="objective",
                )
                yield Label("Rating")
                yield Select(
                    [(Content(f"{grade}: {RATING_NAMES[grade]}"), grade) for grade in GRADES],
                    prompt="P, S, M or U",
                    compact=True,
                    id="grade",
                )
                yield Label("Because")
                yield Input(placeholder="the reason, as you saw it", id="reason", compact=True)
                yield Label("Your name")
                yield Input(self.by, placeholder="as the report names you", id="by", compact=True)
            yield Button("Rate", id="rate", compact=True)
            yield Static("Tab moves between fields · Enter rates · Esc closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#objective").focus()

    @on(Button.Pressed, "#rate")
    @on(Input.Submitted)
    def _rate(self) -> None:
        objective = self.query_one("#objective", Select).value
        grade = self.query_one("#grade", Select).value
        reason = self.query_one("#reason", Input).value.strip()
        by = self.query_one("#by", Input).value.strip()
        missing = [
            what
            for what, absent in (
                ("the objective", objective is Select.NULL),
                ("the rating", grade is Select.NULL),
                ("the reason", not reason),
                ("your name", not by),
            )
            if absent
        ]
        if missing:
            self.notify(f"Give {', '.join(missing)} first.", severity="warning")
            return
        self.dismiss(RateObjective(str(objective), str(grade), reason, by))

    def action_close(self) -> None:
        self.dismiss(None)
