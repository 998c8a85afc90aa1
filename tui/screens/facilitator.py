"""The facilitator's console: ground truth the players never see, unscheduled injects, the pause,
and evaluator notes against the objectives. Each choice is returned to the App as an order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Select, Static

from sim.clock import clock
from sim.headline import percent, points
from sim.session.views import AgainstSilence, GroundTruth
from sim.vocabulary import STATE_LABELS, STATE_NAMES
from tui.keys import KeepsKeysToFields
from tui.plain import plain
from tui.snapshot import FacilitatorState

GENERAL_NOTE = "general"


@dataclass(frozen=True)
class ReleaseInject:
    inject_id: str


@dataclass(frozen=True)
class AddNote:
    text: str
    objective: str | None


def objective_select(objectives: tuple[tuple[str, str], ...]) -> Select[str]:
    """The `#objective` field of a note form: general, or one of the exercise's objectives."""
    return Select(
        [(Content(GENERAL_NOTE), GENERAL_NOTE)]
        + [(plain(f"{item_id}: {text}"), item_id) for item_id, text in objectives],
        value=GENERAL_NOTE,
        allow_blank=False,
        compact=True,
        id="objective",
    )


def note_in_form(screen: Screen[Any]) -> AddNote | None:
    """The note written in a form's `#note` and `#objective` fields (the facilitator's console,
    an evaluator's note), or None, having said so, when nothing is written."""
    text = screen.query_one("#note", Input).value.strip()
    if not text:
        screen.notify("Write the note first.", severity="warning")
        return None
    objective = screen.query_one("#objective", Select).value
    return AddNote(text, None if objective == GENERAL_NOTE else str(objective))


@dataclass(frozen=True)
class SetPaused:
    paused: bool


FacilitatorOrder = ReleaseInject | AddNote | SetPaused


def ground_truth_text(truth: GroundTruth, so_far: AgainstSilence) -> str:
    """The headline first (docs/model.md section 10): the damage among the aware and how much
    of silence's the answers have avoided by now; then reach, whole-population RI and states."""
    counts = "  ".join(
        f"{label} {truth.state_counts[STATE_NAMES[state]]:,}"
        for state, label in STATE_LABELS.items()
    )
    return (
        f"[b]Ground truth at {clock(truth.now_h)}[/b]\n"
        f"Damage among the aware [b]{points(truth.aware_damage)}[/b] RI points, "
        f"stakeholders {points(truth.stakeholder_damage)}\n"
        f"Damage avoided so far: {avoided_so_far_text(so_far)}\n"
        f"True reach: [b]{truth.aware:,}[/b] users aware, {truth.spreaders:,} ever spread it\n"
        f"Reputation index {truth.reputation_index:.1f} "
        f"(before the crisis {truth.reputation_index_start:.1f})\n"
        f"Users now: {counts}"
    )


def avoided_so_far_text(so_far: AgainstSilence) -> str:
    if so_far.damage_avoided is None:
        return "none to avoid yet (silence has done no damage by now)"
    return (
        f"[b]{percent(so_far.damage_avoided)}[/b] of silence's by now (silence: "
        f"{points(so_far.unanswered_aware_damage)} among {so_far.unanswered_aware:,} aware)"
    )


class FacilitatorScreen(KeepsKeysToFields, ModalScreen[FacilitatorOrder | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Back to the war room"),
    ]

    def __init__(self, state: FacilitatorState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        state = self.state
        injects, objectives = state.pending_injects, state.objectives
        with Vertical(classes="dialog", id="facilitator"):
            yield Static(ground_truth_text(state.truth, state.against_silence), id="ground-truth")
            with Grid(id="facilitator-form"):
                yield Label("Inject")
                yield Select(
                    [(plain(f"{inject_id}: {what}"), inject_id) for inject_id, what in injects],
                    prompt="none pending" if not state.pending_injects else "pick an inject",
                    compact=True,
                    id="inject",
                )
                yield Button(
                    "Release now",
                    id="release",
                    compact=True,
                    disabled=not state.pending_injects,
                    tooltip="Release this MSEL inject now, ahead of its time",
                )
                yield Label("Note on")
                yield objective_select(objectives)
                yield Button("Add note", id="add-note", compact=True)
                yield Label("Note")
                yield Input(placeholder="what the evaluator observed", id="note", compact=True)
                yield Button(
                    "Resume exercise" if state.paused else "Pause exercise",
                    id="pause",
                    variant="warning",
                    compact=True,
                )
            yield Static("Tab moves between fields · Enter chooses · Esc closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#inject" if self.state.pending_injects else "#note").focus()

    @on(Button.Pressed, "#release")
    def _release(self) -> None:
        inject = self.query_one("#inject", Select)
        if inject.value is Select.NULL:
            self.notify("Pick an inject to release first.", severity="warning")
            return
        self.dismiss(ReleaseInject(str(inject.value)))

    @on(Button.Pressed, "#add-note")
    @on(Input.Submitted, "#note")
    def _add_note(self) -> None:
        note = note_in_form(self)
        if note is not None:
            self.dismiss(note)

    @on(Button.Pressed, "#pause")
    def _pause(self) -> None:
        self.dismiss(SetPaused(not self.state.paused))

    def action_close(self) -> None:
        self.dismiss(None)
