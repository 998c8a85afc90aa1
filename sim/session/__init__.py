"""Sessions: the one loop that humans (the TUI) and scripts (protocols) play through, with the
log that saves, resumes, replays and answers "what if" questions."""

from sim.session.counterfactual import Counterfactual, counterfactual, outcome_of_plan
from sim.session.persistence import FORMAT_NAME, FORMAT_VERSION, SessionFile
from sim.session.readout import GRAPH_EXPORT_SUFFIXES
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
from sim.session.session import FEED_LIMIT, Session, replay
from sim.session.views import GroundTruth, RunRecord, Statement

__all__ = [
    "FEED_LIMIT",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "GRAPH_EXPORT_SUFFIXES",
    "Counterfactual",
    "Finished",
    "GroundTruth",
    "InjectReleased",
    "LogEntry",
    "Note",
    "Paused",
    "Queued",
    "Resumed",
    "RunRecord",
    "Session",
    "SessionFile",
    "Statement",
    "TurnEnded",
    "TurnRecord",
    "counterfactual",
    "outcome_of_plan",
    "replay",
]
