"""What happens around the crowd, as messages: the team's inbox and the facilitator's ground
truth (an event not visible to the team)."""

from __future__ import annotations

from typing import Any

from sim.events import EventKind, TeamEvent


class Inbox:
    def __init__(self) -> None:
        self.events: list[TeamEvent] = []

    def announce(
        self, at_h: float, kind: EventKind, title: str, body: str = "", **fields: Any
    ) -> None:
        """Add a message at scenario hour `at_h`."""
        self.events.append(TeamEvent(at_h=at_h, kind=kind, title=title, body=body, **fields))
