"""The briefing read before the exercise: situation, objectives, roles, the team's resources;
then the team names itself, picks the seed and the facilitator sets a passphrase."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Markdown

from sim.clock import span_text
from sim.i18n import ENGLISH, N_, Translator
from sim.labels import label
from sim.seed import seed_problem
from sim.spec.schema import ScenarioSpec
from tui.i18n import SpeaksTheExercise, words_of
from tui.keys import KeepsKeysToFields
from tui.plain import plain_markdown as md
from tui.plain import visible


@dataclass(frozen=True)
class TeamSetup:
    team: str
    seed: int
    passphrase: str


def briefing_markdown(spec: ScenarioSpec, words: Translator = ENGLISH) -> str:
    _ = words
    meta, team, turns = spec.meta, spec.team, spec.turns
    turn_minutes = round(turns.turn_ticks * turns.tick_minutes)
    lines = [f"# {md(meta.title)}", "", md(meta.summary), ""]
    if meta.situation.strip():
        lines += ["## " + _("Situation"), "", md(meta.situation.strip()), ""]
    if meta.objectives:
        lines += ["## " + _("Exercise objectives"), ""]
        lines += [f"- **{md(item.id)}** {md(item.text)}" for item in meta.objectives]
        lines.append("")
    lines += ["## " + _("Roles"), "", md(", ".join(meta.roles)), ""]
    delays = team.approval
    staffing = _.ngettext(
        "{people} person on the team, {replies} direct replies each per hour",
        "{people} people on the team, {replies} direct replies each per hour",
        team.staffing,
    ).format(people=team.staffing, replies=_.figure(f"{team.replies_per_person_h}"))
    approval = _(
        "Approval takes {holding} for a holding statement, {correction} for a correction, "
        "{apology} for an apology, {compensation} for compensation, {other} otherwise"
    ).format(
        holding=_.figure(span_text(delays.holding_statement, _)),
        correction=_.figure(span_text(delays.correction, _)),
        apology=_.figure(span_text(delays.apology, _)),
        compensation=_.figure(span_text(delays.compensation, _)),
        other=_.figure(span_text(delays.other, _)),
    )
    schedule = _.ngettext(
        "{turns} turn of {minutes} minutes; the crowd keeps going after the last turn, to day "
        "{day}",
        "{turns} turns of {minutes} minutes; the crowd keeps going after the last turn, to day "
        "{day}",
        turns.turns,
    ).format(turns=turns.turns, minutes=turn_minutes, day=_.figure(f"{turns.horizon_days:g}"))
    lines += ["## " + _("Your resources"), "", f"- {staffing}", f"- {approval}", f"- {schedule}"]
    if team.templates:
        lines += ["", _("Pre-approved templates (they go out at once):"), ""]
        lines += [
            f"- **{md(t.id)}** ({label(t.strategy, _)}): {md(t.text)}" for t in team.templates
        ]
    return "\n".join(lines)


class BriefingScreen(SpeaksTheExercise, KeepsKeysToFields, Screen[TeamSetup]):
    """Dismissed with the team's setup when the team starts the exercise."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s", "start", N_("Start"), tooltip=N_("Start the exercise with this team and seed")
        ),
        Binding(
            "pagedown",
            "scroll_briefing(1)",
            N_("Read on"),
            tooltip=N_("Scroll the briefing down, also while typing in a field"),
        ),
        Binding(
            "pageup",
            "scroll_briefing(-1)",
            N_("Read back"),
            tooltip=N_("Scroll the briefing up, also while typing in a field"),
            show=False,
        ),
    ]

    def __init__(self, spec: ScenarioSpec, team: str, seed: int) -> None:
        super().__init__()
        self.spec = spec
        self.team = team
        self.seed = seed

    def compose(self) -> ComposeResult:
        _ = words_of(self)
        with VerticalScroll(id="briefing-text"):
            yield Markdown(briefing_markdown(self.spec, _))
        with Horizontal(id="briefing-form"):
            yield Label(_("Team"))
            yield Input(visible(self.team), placeholder=_("team name"), id="team", compact=True)
            yield Label(_("Seed"))
            yield Input(str(self.seed), type="integer", id="seed", compact=True)
            yield Label(_("Passphrase"))
            yield Input(
                password=True,
                placeholder=_("facilitator's"),
                id="passphrase",
                compact=True,
                tooltip=_(
                    "Protects the facilitator's console and the debrief (ground truth); "
                    "left empty, the exercise has no facilitator"
                ),
            )
            yield Button(_("Start"), variant="primary", id="start", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        """The keyboard starts on the briefing, to read it (arrows, page keys) and to press
        `?` for the keys; Tab moves to the team's fields."""
        self.query_one("#briefing-text", VerticalScroll).focus()

    def action_scroll_briefing(self, pages: int) -> None:
        text = self.query_one("#briefing-text", VerticalScroll)
        if pages > 0:
            text.scroll_page_down()
        else:
            text.scroll_page_up()

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)
    def _start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        seed = self.query_one("#seed", Input).value.strip() or str(self.seed)
        problem = seed_problem(seed, words_of(self))
        if problem is not None:
            self.notify(
                words_of(self).gettext("Seed {problem}.").format(problem=problem),
                severity="error",
                markup=False,
            )
            return
        self.dismiss(
            TeamSetup(
                team=visible(self.query_one("#team", Input).value.strip()) or "Team",
                seed=int(seed),
                passphrase=self.query_one("#passphrase", Input).value,
            )
        )
