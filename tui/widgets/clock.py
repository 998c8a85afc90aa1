"""The war room's top line: scenario, scenario clock, turn, and whether the exercise is paused."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from sim.clock import clock
from tui.snapshot import WarRoomState


class ClockBar(Static):
    """Shows scenario time, never wall-clock time, so the same exercise always looks the same."""

    state: reactive[WarRoomState | None] = reactive(None)

    def render(self) -> str:
        if self.state is None:
            return ""
        state = self.state
        parts = [
            f"[b]{state.title}[/b]",
            f"[b $accent]{clock(state.now_h)}[/]",
            f"turn {state.turn} of {state.turns_total} played",
        ]
        if state.finished:
            parts.append("[b $success]exercise finished[/]")
        elif state.all_turns_played:
            parts.append("[b $warning]all turns played: press d for the debrief[/]")
        if state.paused:
            parts.append("[b $error]PAUSED by the facilitator[/]")
        return "  ·  ".join(parts)
