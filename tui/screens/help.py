"""`?`: how the exercise works and every key of the screen it was opened from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from sim.i18n import ENGLISH, N_, Translator
from tui.i18n import SpeaksTheExercise, words_of

HOW_IT_WORKS = N_("""\
# How the exercise works

A crisis spreads through a simulated follower network. Each **turn** the clock moves on
(press **e**); between turns the team reads the **inbox**, watches the **monitor** (what its
listening tools estimate: late and noisy) and **composes** statements.

A statement waits for its **approval delay** before going out; a pre-approved **template** goes out
at once. The **rubric** reads your words as you type: specific facts, an apology that owns the
problem, instructions and next steps raise the statement's transparency; denial, legalese and
"sorry if anyone was offended" lower it. Journalists wait until their **deadline**, then quote
your answer or print that you did not comment.

When the turns are played (or earlier), the **debrief** shows the outcome and replays the same
crisis, on the same seed, with other answers: none at all, an hour earlier, an hour later, fully
transparent, and a reference protocol.

The session is saved after every turn; `stormdrill play --resume FILE` continues it.
""")


def keys_markdown(keys: Sequence[tuple[str, str, str]], words: Translator = ENGLISH) -> str:
    rows = [f"| `{key}` | {description} | {tooltip} |" for key, description, tooltip in keys]
    header = "| {key} | {action} | |".format(key=words("key"), action=words("action"))
    return "\n".join(["# " + words("Keys"), "", header, "|---|---|---|", *rows])


class HelpScreen(SpeaksTheExercise, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,f1,q", "close", N_("Close"), tooltip=N_("Back to the exercise")
        )
    ]

    def __init__(self, keys: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            words = words_of(self)
            yield Markdown(words(HOW_IT_WORKS) + "\n" + keys_markdown(self.keys, words))

    def action_close(self) -> None:
        self.dismiss(None)
