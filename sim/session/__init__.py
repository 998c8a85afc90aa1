"""Sessions: the one loop that humans (the TUI) and scripts (protocols) play through, with the
log that saves, resumes, replays and answers "what if" questions."""

from sim.session.counterfactual import Counterfactual, counterfactual, outcome_of_plan
from sim.session.persistence import FORMAT_NAME, FORMAT_VERSION, SessionFile
from sim.session.record import (
    Finished,
    InjectReleased,
    LogEntry,
    Note,
    Paused,
    Queued,
    Resumed,
    TurnEnded,
    TurnRecord,
)
from sim.session.session import Session, replay

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "Counterfactual",
    "Finished",
    "InjectReleased",
    "LogEntry",
    "Note",
    "Paused",
    "Queued",
    "Resumed",
    "Session",
    "SessionFile",
    "TurnEnded",
    "TurnRecord",
    "counterfactual",
    "outcome_of_plan",
    "replay",
]
