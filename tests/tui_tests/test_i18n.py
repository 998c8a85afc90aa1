"""The war room speaks the exercise's language: an Italian session, played through Pilot from
the briefing to the debrief in a pseudo-locale (every message of the catalog template written
in look-alike letters, «Ëñđ ţúŕñ»), shows no word of ours that did not go through the catalog;
the real Italian catalog reaches the footer, the help and the palette; `lang` overrides the
scenario's locale; English sessions are unchanged (the snapshot tests)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from textual.app import App
from textual.widget import Widget
from textual.widgets import OptionList, Static

from sim.i18n import translator
from sim.rubric.score import COMPONENT_WEIGHTS, PENALTY_WEIGHTS
from sim.session import Session
from sim.session.counterfactual import REFERENCE_PROTOCOL
from sim.spec.loader import load_scenario
from sim.spec.schema import ScenarioSpec
from tests.catalogs import pseudo_locale
from tests.tiny import TINY
from tests.tui_tests.conftest import PASSPHRASE, settle, start_exercise, type_text
from tui.app import StormdrillApp
from tui.debrief import debrief_state
from tui.screens.debrief import DebriefScreen
from tui.screens.picker import PickerScreen
from tui.screens.war_room import WarRoomScreen
from tui.widgets.rubric_panel import COMPONENT_LABELS, component_label

OURS = re.compile(r"[A-Za-z]{3,}")
"""A word of three plain letters or more on screen: English, unless the scenario, the crowd or
the team wrote it."""
KEY_NAMES = {"esc", "tab", "enter", "ctrl", "shift", "pgup", "pgdn", "space", "stormdrill"}
"""Key names as Textual's footer writes them, and the product's name."""
MESSAGE = "Il servizio è tornato regolare alle 11:00, ci scusiamo con tutti i clienti."


def small_italian_scenario(folder: Path) -> Path:
    """`disservizio` (it_IT) on 300 users over three turns and three days: quick to play."""
    text = load_text("disservizio").replace("users = 5000", "users = 300")
    path = folder / "disservizio-piccolo.toml"
    path.write_text(text + "\n[turns]\nturns = 3\nhorizon_days = 3.0\n", encoding="utf-8")
    return path


def load_text(name: str) -> str:
    root = Path(__file__).resolve().parents[2]
    return (root / "scenarios" / f"{name}.toml").read_text(encoding="utf-8")


def words_in(texts: Iterable[str]) -> set[str]:
    return {word.casefold() for text in texts for word in OURS.findall(text)}


def theirs(spec: ScenarioSpec, app: StormdrillApp) -> set[str]:
    """The words the scenario, the simulated world and the team wrote: shown as written."""
    meta, session = spec.meta, app.session
    texts = [meta.title, meta.summary, meta.situation, meta.brand, *meta.roles, MESSAGE]
    texts += [f"{item.id} {item.text}" for item in meta.objectives]
    texts += [f"{t.id} {t.text}" for t in spec.team.templates]
    texts += [f"{i.id} {i.sender} {i.message}" for i in spec.injects]
    texts += [REFERENCE_PROTOCOL, "Blu"]
    if session is not None:
        texts += [f"{e.title} {e.body} {e.sender}" for e in session.inbox]
        texts += [
            f"{p.persona.name} {p.persona.handle} {p.persona.bio} {p.text}" for p in session.feed()
        ]
    return words_in(texts)


def untranslated(app: App, allowed: set[str]) -> set[str]:
    """The words of ours on the screen that no catalog message wrote."""
    shown = []
    widgets: list[Widget] = [app.screen, *app.screen.walk_children()]
    for widget in widgets:
        if widget.display and widget.size.area:
            for y in range(widget.size.height):
                shown.append("".join(segment.text for segment in widget.render_line(y)))
    return words_in(shown) - allowed - KEY_NAMES


async def test_an_italian_session_shows_no_english_word_of_ours(tmp_path: Path):
    scenario = small_italian_scenario(tmp_path)
    spec = load_scenario(str(scenario))
    app = StormdrillApp(str(scenario), seed=3, team="Blu", locales=pseudo_locale(tmp_path / "l"))
    leaks: dict[str, set[str]] = {}

    def look(where: str) -> None:
        found = untranslated(app, theirs(spec, app))
        if found:
            leaks[where] = found

    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        look("briefing")
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        look("briefing, read on")
        await start_exercise(pilot)
        assert isinstance(app.screen, WarRoomScreen)
        look("war room")
        await pilot.press("e")
        await settle(pilot)
        look("monitor after a turn")
        await pilot.press("i")
        await pilot.pause()
        look("inbox")
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#message").text = MESSAGE
        await pilot.pause()
        look("composer answering, with the rubric")
        await pilot.press("ctrl+s")
        await pilot.pause()
        look("statement sent")
        await pilot.press("escape", "t")
        await pilot.pause()
        look("timeline")
        await pilot.press("f")
        await pilot.pause()
        look("passphrase")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        look("facilitator's console")
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        look("help")
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        look("help, the keys")
        await pilot.press("escape", "d")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await pilot.pause()
        look("finish now?")
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        for tab in "owitv":
            await pilot.press(tab)
            await settle(pilot)
            look(f"debrief, tab {tab}")
    assert leaks == {}, repr(leaks)


async def test_the_italian_catalog_reaches_the_footer_the_help_and_the_palette(tmp_path: Path):
    app = StormdrillApp(str(small_italian_scenario(tmp_path)), seed=3, team="Blu")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        footer = {active.binding.description for active in app.screen.active_bindings.values()}
        assert {"Fine turno", "Facilitatore", "Debriefing", "Aiuto", "Esci"} <= footer
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = "".join(
            segment.text
            for widget in app.screen.walk_children()
            for y in range(widget.size.height)
            for segment in widget.render_line(y)
        )
        assert "Come funziona l'esercitazione" in help_text
        assert "Fa avanzare l'orologio di un turno" in help_text


def test_the_rubric_panel_names_every_component_and_penalty():
    for name in (*COMPONENT_WEIGHTS, *PENALTY_WEIGHTS):
        assert name in COMPONENT_LABELS
        assert component_label(name) == name.replace("_", " ")


async def test_the_picker_speaks_the_chosen_language():
    app = StormdrillApp(lang="it")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        title = app.screen.query_one(".screen-title", Static).render()
        assert "scegli una crisi su cui esercitarti" in str(title)
        first = app.screen.query_one(OptionList).get_option_at_index(0).prompt
        assert " utenti · " in str(first) and " turni" in str(first)


async def test_lang_overrides_the_scenarios_locale(tmp_path: Path):
    italian = str(small_italian_scenario(tmp_path))
    for scenario, lang, end_turn in [
        (italian, "en", "End turn"),
        (TINY, "it", "Fine turno"),
        (TINY, None, "End turn"),
    ]:
        app = StormdrillApp(scenario, seed=3, team="Blu", lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await start_exercise(pilot)
            described = {b.binding.description for b in app.screen.active_bindings.values()}
            assert end_turn in described, (scenario, lang)


def test_the_war_rooms_debrief_says_which_rating_is_used_in_the_exercises_language():
    session = Session(load_scenario(TINY, ["turns.horizon_days=1"]), seed=3)
    session.rate("O1", "S", "the silence was agreed with legal", by="Ada")
    session.end_turn()
    session.finish()
    (o1, *_others) = debrief_state(session, translator("it_IT")).judgements
    session.close()
    assert o1.sentence == (
        "Il valutatore lo ha valutato S dove la valutazione automatica è U; il rapporto usa la S "
        "dei valutatori."
    )
