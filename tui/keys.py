"""Single-key commands stay out of the way of typing: while a text field or a select has focus,
a printable key bound to a command of the screen or the app (e: end turn, f: facilitator, ?:
help...) does nothing. Text fields take such keys themselves; a select would let them through
to the screen, so a stray key would end the turn or open a dialog. Keys with a modifier (ctrl+s,
ctrl+p), Escape, F1 and the select's own keys keep working everywhere."""

from __future__ import annotations

from textual import events
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

FORM_CONTROLS: tuple[type[Widget], ...] = (Input, TextArea, Select)


def in_form_control(widget: Widget | None) -> bool:
    """Whether the keyboard is in a text field or a select (or a select's open list)."""
    node: DOMNode | None = widget
    while node is not None:
        if isinstance(node, FORM_CONTROLS):
            return True
        node = node.parent
    return False


def is_single_key(event: events.Key) -> bool:
    """A key that types a character: no modifier, one printable character."""
    return event.is_printable and event.character is not None and len(event.character) == 1


def blocks_command(screen: Screen, event: events.Key) -> bool:
    """The key would run a single-key command of the screen or the app while the keyboard is in
    a form control: it must not."""
    if not is_single_key(event) or not in_form_control(screen.focused):
        return False
    active = screen.active_bindings.get(event.key)
    return active is not None and active.node in (screen, screen.app)


class KeepsKeysToFields:
    """Mixed into a screen (first, before `Screen` or `ModalScreen`): its single-key commands,
    and the app's, never fire while a field or a select of it has focus."""

    def on_key(self, event: events.Key) -> None:
        assert isinstance(self, Screen), "KeepsKeysToFields is mixed into screens"
        if blocks_command(self, event):
            event.stop()
            event.prevent_default()
