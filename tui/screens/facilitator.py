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
from sim.i18n import ENGLISH, N_, Translator
from sim.session.views import AgainstSilence, GroundTruth
from sim.vocabulary import STATE_LABELS, STATE_NAMES
from tui.i18n import SpeaksTheExercise, words_of
from tui.keys import KeepsKeysToFields
from tui.plain import plain
from tui.snapshot import FacilitatorState

GENERAL_NOTE = N_("general")


@dataclass(frozen=True)
class ReleaseInject:
    inject_id: str


@dataclass(frozen=True)
class AddNote:
    text: str
    objective: str | None


def objective_select(
    objectives: tuple[tuple[str, str], ...], words: Translator = ENGLISH
) -> Select[str]:
    """The `#objective` field of a note form: general, or one of the exercise's objectives."""
    return Select(
        [(Content(words(GENERAL_NOTE)), GENERAL_NOTE)]
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
        screen.notify(words_of(screen).gettext("Write the note first."), severity="warning")
        return None
    objective = screen.query_one("#objective", Select).value
    return AddNote(text, None if objective == GENERAL_NOTE else str(objective))


@dataclass(frozen=True)
class SetPaused:
    paused: bool


FacilitatorOrder = ReleaseInject | AddNote | SetPaused


def ground_truth_text(
    truth: GroundTruth, so_far: AgainstSilence, words: Translator = ENGLISH
) -> str:
    """The headline first (docs/model.md section 10): the damage among the aware and how much
    of silence's the answers have avoided by now; then reach, whole-population RI and states."""
    _ = words
    figure = words.figure
    counts = "  ".join(
        f"{_(label)} {figure(f'{truth.state_counts[STATE_NAMES[state]]:,}')}"
        for state, label in STATE_LABELS.items()
    )
    return _(
        "[b]Ground truth at {time}[/b]\n"
        "Damage among the aware [b]{aware_damage}[/b] RI points, "
        "stakeholders {stakeholder_damage}\n"
        "Damage avoided so far: {avoided}\n"
        "True reach: [b]{aware}[/b] users aware, {spreaders} ever spread it\n"
        "Reputation index {ri} (before the crisis {ri_start})\n"
        "Users now: {counts}"
    ).format(
        time=clock(truth.now_h),
        aware_damage=figure(points(truth.aware_damage)),
        stakeholder_damage=figure(points(truth.stakeholder_damage)),
        avoided=avoided_so_far_text(so_far, words),
        aware=figure(f"{truth.aware:,}"),
        spreaders=figure(f"{truth.spreaders:,}"),
        ri=figure(f"{truth.reputation_index:.1f}"),
        ri_start=figure(f"{truth.reputation_index_start:.1f}"),
        counts=counts,
    )


def avoided_so_far_text(so_far: AgainstSilence, words: Translator = ENGLISH) -> str:
    if so_far.damage_avoided is None:
        return words("none to avoid yet (silence has done no damage by now)")
    return words(
        "[b]{share}[/b] of silence's by now (silence: {damage} among {aware} aware)"
    ).format(
        share=words.figure(percent(so_far.damage_avoided)),
        damage=words.figure(points(so_far.unanswered_aware_damage)),
        aware=words.figure(f"{so_far.unanswered_aware:,}"),
    )


class FacilitatorScreen(SpeaksTheExercise, KeepsKeysToFields, ModalScreen[FacilitatorOrder | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), tooltip=N_("Back to the war room")),
    ]

    def __init__(self, state: FacilitatorState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        state = self.state
        _ = words_of(self)
        injects, objectives = state.pending_injects, state.objectives
        with Vertical(classes="dialog", id="facilitator"):
            yield Static(
                ground_truth_text(state.truth, state.against_silence, _), id="ground-truth"
            )
            with Grid(id="facilitator-form"):
                yield Label(_("Inject"))
                yield Select(
                    [(plain(f"{inject_id}: {what}"), inject_id) for inject_id, what in injects],
                    prompt=_("none pending") if not state.pending_injects else _("pick an inject"),
                    compact=True,
                    id="inject",
                )
                yield Button(
                    _("Release now"),
                    id="release",
                    compact=True,
                    disabled=not state.pending_injects,
                    tooltip=_("Release this MSEL inject now, ahead of its time"),
                )
                yield Label(_("Note on"))
                yield objective_select(objectives, _)
                yield Button(_("Add note"), id="add-note", compact=True)
                yield Label(_("Note"))
                yield Input(placeholder=_("what the evaluator observed"), id="note", compact=True)
                yield Button(
                    _("Resume exercise") if state.paused else _("Pause exercise"),
                    id="pause",
                    variant="warning",
                    compact=True,
                )
            yield Static(_("Tab moves between fields · Enter chooses · Esc closes"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#inject" if self.state.pending_injects else "#note").focus()

    @on(Button.Pressed, "#release")
    def _release(self) -> None:
        inject = self.query_one("#inject", Select)
        if inject.value is Select.NULL:
            self.notify(
                words_of(self).gettext("Pick an inject to release first."), severity="warning"
            )
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
