"""First screen of `stormdrill play` with no scenario: pick one of the bundled scenarios."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from sim.i18n import ENGLISH, N_, Translator
from sim.spec.schema import ScenarioSpec
from tui.i18n import SpeaksTheExercise, words_of
from tui.plain import plain, visible


def scenario_prompt(name: str, spec: ScenarioSpec, words: Translator = ENGLISH) -> Content:
    size = words("{users} users · {turns} turns").format(
        users=words.figure(f"{spec.graph.users:,}"), turns=spec.turns.turns
    )
    return Content.assemble(
        (visible(spec.meta.title), "bold"),
        (f"  {name} · {size}\n", "$text-muted"),
        plain(spec.meta.summary),
    )


class PickerScreen(SpeaksTheExercise, Screen[str]):
    """Dismissed with the chosen scenario's name."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", N_("Choose"), tooltip=N_("Open the briefing of this scenario")),
    ]

    def __init__(self, scenarios: list[tuple[str, ScenarioSpec]]) -> None:
        super().__init__()
        self.scenarios = scenarios

    def compose(self) -> ComposeResult:
        words = words_of(self)
        title = words("choose a crisis to rehearse")
        yield Static(f"[b]stormdrill[/b] · {title}", classes="screen-title")
        options: list[Option | None] = []
        for name, spec in self.scenarios:
            options += [Option(scenario_prompt(name, spec, words), id=name), None]
        yield OptionList(*options[:-1], id="scenarios")
        yield Footer()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)
