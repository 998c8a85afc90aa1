"""The war room's words: each app holds the `Translator` of its exercise (`App.words`), and every
screen and widget asks its app for it, so two apps in one process may speak two languages.

Key bindings are declared once per class with their English words marked (`N_`); a screen's or
the app's own bindings are given their translated words when it mounts, so the footer, the help
screen and the command palette all read them in the exercise's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from sim.i18n import ENGLISH, N_, Translator


def words_of(node: DOMNode) -> Translator:
    """The translator of the app `node` belongs to (English before an app has one)."""
    words = getattr(node.app, "words", ENGLISH)
    return words if isinstance(words, Translator) else ENGLISH


def translated(binding: Binding, words: Translator) -> Binding:
    return replace(binding, description=words(binding.description), tooltip=words(binding.tooltip))


ENGLISH_BINDINGS = "_english_bindings"
"""Where a node keeps its bindings as declared, the first time they are translated."""

TEXTUAL_WORDS = (
    N_("palette"),
    N_("Quit the app and return to the command prompt."),
    N_("Open the command palette"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual's own words that the war room shows (the footer's palette key, the palette's system
commands, App.get_system_commands), so that they are in the catalogs too."""


def translate_bindings(node: DOMNode, words: Translator) -> None:
    """Give `node`'s bindings their words in `words`' language, from the English they were
    declared with each time, so that an app can change language once it knows the scenario.
    Textual keeps a node's bindings in `_bindings`, built when the node is; Textual is pinned
    exactly (pyproject.toml), and tests/tui_tests/test_i18n.py fails if this stops reaching the
    footer."""
    english = getattr(node, ENGLISH_BINDINGS, None)
    if english is None:
        english = {key: list(bindings) for key, bindings in node._bindings.key_to_bindings.items()}
        setattr(node, ENGLISH_BINDINGS, english)
    keys = {
        key: [translated(binding, words) for binding in bindings]
        for key, bindings in english.items()
    }
    node._bindings = BindingsMap.from_keys(keys)
    node.refresh_bindings()


def translated_commands(
    commands: Iterable[SystemCommand], words: Translator
) -> Iterator[SystemCommand]:
    """Textual's system commands (theme, keys, screenshot) with their words translated."""
    for command in commands:
        yield command._replace(title=words(command.title), help=words(command.help))


class SpeaksTheExercise:
    """Mixed into a screen (before `Screen` or `ModalScreen`): its key bindings speak the app's
    language once it is mounted (Textual runs each class's mount handler along the MRO)."""

    def _on_mount(self, event: events.Mount) -> None:
        assert isinstance(self, DOMNode), "SpeaksTheExercise is mixed into screens"
        translate_bindings(self, words_of(self))
