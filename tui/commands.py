"""The command palette: every key binding of the screen in use first, titled by what it does, so
each action is reachable by name as well as by key and no list of commands is kept twice; then
Textual's own commands (theme, keys, screenshot) after them, in one provider so the order holds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.binding import ActiveBinding, Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen


def _declared_actions(node: DOMNode) -> set[str]:
    """The actions stormdrill's own classes bind (not Textual's focus, copy or scroll keys)."""
    actions = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("tui."):
            for binding in cls.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding):
                    actions.add(binding.action)
    return actions


def exercise_bindings(screen: Screen) -> Iterator[tuple[str, ActiveBinding]]:
    """The keys of the screen's and the app's own commands, with a description: what the help
    screen and the command palette list (a focused widget's keys are its own business)."""
    owners = {screen: _declared_actions(screen), screen.app: _declared_actions(screen.app)}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        if active.node in owners and binding.action in owners[active.node]:
            yield key, active


class BindingCommands(Provider):
    """Each enabled binding with a description becomes a command titled by it."""

    def _bound(self) -> Iterator[tuple[str, str, ActiveBinding]]:
        seen = set()
        for key, active in exercise_bindings(self.screen):
            binding = active.binding
            if not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            help_text = binding.tooltip or binding.description
            shown = self.app.get_key_display(binding.with_key(key))
            yield binding.description, f"{help_text} (key: {shown})", active

    def _commands(self, discovering: bool) -> Iterator[tuple[str, str, Callable[[], object]]]:
        titles = set()
        for title, help_text, active in self._bound():
            titles.add(title.casefold())
            yield title, help_text, partial(self._run, active)
        for command in self.app.get_system_commands(self.screen):
            if command.title.casefold() in titles or (discovering and not command.discover):
                continue
            yield command.title, command.help, command.callback

    def _run(self, active: ActiveBinding) -> None:
        self.app.call_later(self.app.run_action, active.binding.action, active.node)

    async def discover(self) -> Hits:
        for title, help_text, run in self._commands(discovering=True):
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._commands(discovering=False):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
