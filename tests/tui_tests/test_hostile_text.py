"""Text the app did not write is shown as written: markup in a scenario, an MSEL inject, the
team's name, a statement or a note is neither a style, nor a link, nor a button; an escape
sequence never reaches the terminal; and the facilitator's passphrase guards every view of
ground truth, across a resume.

Everything is driven through Pilot, screen by screen, and each screen's rendered lines are
read back: the payload must appear as plain characters, with no link and no action on them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.style import Style
from textual.app import App
from textual.widget import Widget

from sim.errors import ScenarioError
from sim.session import Session
from sim.session.store import read_store
from sim.spec.loader import load_scenario
from tests.tiny import TINY
from tests.tui_tests.conftest import PASSPHRASE, end_turn, settle, start_exercise, type_text
from tui.app import StormdrillApp
from tui.plain import plain_markdown, visible
from tui.screens.briefing import BriefingScreen
from tui.screens.debrief import DebriefScreen
from tui.screens.facilitator import FacilitatorScreen
from tui.screens.war_room import WarRoomScreen

CLOSE = "[/b]"
LINK = "[link='https://evil.example/phish']phish[/link]"
CLICK = "[@click=app.quit]quit[/]"
MARKUP = f"{CLOSE} {LINK} {CLICK}"
ESCAPE = "\x1b[2J"
TEAM = f"Team {MARKUP}{ESCAPE}"


def hostile_scenario(folder: Path) -> Path:
    """The tiny scenario's shape with markup in every text a screen shows."""

    def text(label: str) -> str:
        return json.dumps(f"{label} {MARKUP}")

    path = folder / "hostile.toml"
    path.write_text(
        f"""schema_version = 1

[meta]
title = {text("Title")}
summary = {text("Summary")}
situation = {text("Situation")}
roles = [{text("role")}]

[[meta.objectives]]
id = {text("O1")}
text = {text("Objective")}

[graph]
users = 200
mean_out_degree = 10.0

[crisis]
type = "service_outage"
cluster = "accidental"
seeds = 3

[media]
outlets = 1
journalists = 1

[team]
staffing = 2

[[team.templates]]
id = {text("template")}
strategy = "holding_statement"
text = {text("Template text")}

[turns]
turns = 3
horizon_days = 1.0

[[injects]]
id = {text("I1")}
time_h = 0.1
type = "journalist_inquiry"
sender = {text("Sender")}
message = {text("Inject message")}
deadline_h = 2.0
""",
        encoding="utf-8",
    )
    return path


def rendered(app: App) -> tuple[str, list[Style]]:
    """Every line every widget of the screen draws now: its characters and its styles."""
    characters, styles = [], []
    widgets: list[Widget] = [app.screen, *app.screen.walk_children()]
    for widget in widgets:
        if not widget.display or not widget.size.area:
            continue
        for y in range(widget.size.height):
            for segment in widget.render_line(y):
                characters.append(segment.text)
                if segment.style is not None:
                    styles.append(segment.style)
        characters.append("\n")
    return "".join(characters), styles


def assert_shown_as_written(app: App, *expected: str) -> None:
    text, styles = rendered(app)
    flat = " ".join(text.split())
    for words in expected:
        assert " ".join(words.split()) in flat, words
    assert ESCAPE not in text and "\x1b" not in text
    assert not [style for style in styles if style.link], "a link was made of foreign text"
    actions = [style.meta for style in styles if "@click" in style.meta]
    assert all(not meta["@click"].startswith("app.quit") for meta in actions), actions


@pytest.mark.filterwarnings("ignore::ResourceWarning")
async def test_markup_and_escape_sequences_are_shown_as_written_on_every_screen(tmp_path: Path):
    scenario = hostile_scenario(tmp_path)
    app = StormdrillApp(str(scenario), seed=3, team=TEAM)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert_shown_as_written(app, f"Title {CLOSE}", f"Summary {CLOSE}", f"Objective {CLOSE}")
        await start_exercise(pilot)
        assert isinstance(app.screen, WarRoomScreen)
        assert_shown_as_written(app, f"Title {MARKUP}")
        await end_turn(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert_shown_as_written(app, f"Sender {MARKUP}", f"Inject message {MARKUP}")
        await pilot.press("r")
        await pilot.pause()
        assert_shown_as_written(app, f"Answering I1 {MARKUP}")
        await pilot.press("ctrl+l")
        app.screen.query_one("#message").text = f"We are on it {MARKUP}{ESCAPE}"
        await pilot.press("ctrl+s", "escape", "t")
        await pilot.pause()
        assert_shown_as_written(app, "holding statement")
        await pilot.press("f")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        app.screen.query_one("#note").value = f"Note {MARKUP}{ESCAPE}"
        await pilot.click("#add-note")
        await pilot.press("t")
        await pilot.pause()
        assert_shown_as_written(app, f"note: Note {MARKUP}{visible(ESCAPE)}")
        await pilot.press("d")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter", "y")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        assert_shown_as_written(app, f"team Team {CLOSE}")
        await pilot.press("v")
        await pilot.pause()
        assert_shown_as_written(app, f"Objective {CLOSE}")
        await pilot.press("t")
        await pilot.pause()
        assert_shown_as_written(app, f"note: Note {MARKUP}")
        saved = app.session.autosave
    resumed = StormdrillApp(resume=Session.load(saved, autosave=saved))
    async with resumed.run_test(size=(160, 60)) as pilot:
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(resumed.screen, DebriefScreen)
        assert_shown_as_written(resumed, f"team Team {CLOSE}")


def test_escape_sequences_in_a_scenario_file_are_refused(tmp_path: Path):
    path = hostile_scenario(tmp_path)
    path.write_text(path.read_text().replace("Title ", "Title \\u001b[2J"))
    with pytest.raises(ScenarioError, match=r"meta.title: .*control character U\+001B"):
        load_scenario(path)


def test_foreign_text_in_markdown_reads_as_the_same_words():
    assert plain_markdown("[x](https://e.example) # *b*") == (
        r"\[x\]\(https\:\/\/e\.example\) \# \*b\*"
    )
    assert visible("a\x1b[2J\x7f\x9b\tb\n") == "a\u241b[2J\u2421\ufffd\tb\n"


async def test_the_passphrase_guards_the_console_and_the_debrief_across_a_resume():
    app = StormdrillApp(TINY, seed=7, team="Blue")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot)
        await end_turn(pilot)
        saved = app.session.autosave
        assert PASSPHRASE.encode() not in saved.read_bytes()
        assert read_store(saved).facilitator.scheme == "scrypt"
    resumed = StormdrillApp(resume=Session.load(saved, autosave=saved))
    async with resumed.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in ("f", "d"):
            await pilot.press(key)
            await type_text(pilot, "my own choice")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(resumed.screen, WarRoomScreen), key
        await pilot.press("d")
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter", "y")
        await settle(pilot)
        assert isinstance(resumed.screen, DebriefScreen)


async def test_an_exercise_without_a_passphrase_has_no_console_to_claim():
    app = StormdrillApp(TINY, seed=7, team="Solo")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_exercise(pilot, passphrase="")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        assert app.session.facilitator is None
        await type_text(pilot, "mine")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        assert app.session.facilitator is None


async def test_two_exercises_started_at_once_keep_two_files(home: Path):
    first, second = StormdrillApp(TINY, seed=1), StormdrillApp(TINY, seed=1)
    async with first.run_test() as one, second.run_test() as two:
        await start_exercise(one)
        await start_exercise(two)
        await end_turn(one)
        await end_turn(two)
        await end_turn(two)
        files = sorted(path.name for path in (home / "sessions").glob("*.sqlite"))
        assert files == ["tiny-team-seed1-2.sqlite", "tiny-team-seed1.sqlite"]
        turns = sorted(Session.load(home / "sessions" / name).turn for name in files)
        assert turns == [1, 2]
