"""The war room's top line: scenario, scenario clock, turn, and whether the exercise is paused."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tui.i18n import words_of
from tui.plain import visible
from tui.snapshot import WarRoomState


class ClockBar(Static):
    """Shows scenario time, never wall-clock time, so the same exercise always looks the same."""

    state: reactive[WarRoomState | None] = reactive(None)

    def render(self) -> Content:
        if self.state is None:
            return Content()
        state = self.state
        _ = words_of(self)
        played = _("turn {turn} of {total} played").format(turn=state.turn, total=state.turns_total)
        parts = [
            Content.styled(visible(state.title), "bold"),
            Content.styled(state.time(state.now_h), "bold $accent"),
            Content(played),
        ]
        if state.finished:
            parts.append(Content.styled(_("exercise finished"), "bold $success"))
        elif state.all_turns_played:
            parts.append(
                Content.styled(_("all turns played: press d for the debrief"), "bold $warning")
            )
        if state.paused:
            parts.append(Content.styled(_("PAUSED by the facilitator"), "bold $error"))
        return Content("  ·  ").join(parts)
