"""What the App's workers report when slow work is done (past tense: it has happened)."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from sim.session import Session, WhatIf
from tui.debrief import DebriefState
from tui.snapshot import FacilitatorState, WarRoomState


class SessionOpened(Message):
    """A new or resumed session is ready to play."""

    def __init__(self, session: Session, state: WarRoomState) -> None:
        super().__init__()
        self.session = session
        self.state = state


class TurnCompleted(Message):
    def __init__(self, turn: int, state: WarRoomState) -> None:
        super().__init__()
        self.turn = turn
        self.state = state


class GroundTruthMeasured(Message):
    """The facilitator's numbers, the run against silence so far included, are ready."""

    def __init__(self, state: FacilitatorState) -> None:
        super().__init__()
        self.state = state


class ExerciseFinished(Message):
    def __init__(self, debrief: DebriefState) -> None:
        super().__init__()
        self.debrief = debrief


class WhatIfComputed(Message):
    """One more what-if for the debrief's table and timing curve."""

    def __init__(self, what_if: WhatIf) -> None:
        super().__init__()
        self.what_if = what_if


class SessionExported(Message):
    def __init__(self, log_path: Path, report_path: Path) -> None:
        super().__init__()
        self.log_path = log_path
        self.report_path = report_path
