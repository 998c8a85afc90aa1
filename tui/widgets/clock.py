"""The war room's top line: scenario, scenario clock, turn, and whether the exercise is paused."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tui.plain import visible
from tui.snapshot import WarRoomState


class ClockBar(Static):
    """Shows scenario time, never wall-clock time, so the same exercise always looks the same."""

    state: reactive[WarRoomState | None] = reactive(None)

    def render(self) -> Content:
        if self.state is None:
            return Content()
        state = self.state
        parts = [
            Content.styled(visible(state.title), "bold"),
            Content.styled(state.time(state.now_h), "bold $accent"),
            Content(f"turn {state.turn} of {state.turns_total} played"),
        ]
        if state.finished:
            parts.append(Content.styled("exercise finished", "bold $success"))
        elif state.all_turns_played:
            parts.append(
                Content.styled("all turns played: press d for the debrief", "bold $warning")
            )
        if state.paused:
            parts.append(Content.styled("PAUSED by the facilitator", "bold $error"))
        return Content("  ·  ").join(parts)
