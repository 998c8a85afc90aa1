"""Sessions: the one loop that humans (the TUI) and scripts (protocols) play through, with the
log that saves, resumes, replays and answers "what if" questions."""

from sim.session.counterfactual import (
    APOLOGY_INSTEAD_OF_DENIAL,
    AS_PLAYED,
    EVERY_WHAT_IF,
    FULLY_TRANSPARENT,
    NO_RESPONSE,
    REFERENCE,
    TIMING,
    TIMING_SHIFTS_H,
    WHAT_IFS,
    Counterfactual,
    Variant,
    WhatIf,
    played_actions,
    shifted,
    what_if,
)
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
from sim.session.views import AgainstSilence, GroundTruth, RunRecord, Statement, UserTimeline

__all__ = [
    "APOLOGY_INSTEAD_OF_DENIAL",
    "AS_PLAYED",
    "EVERY_WHAT_IF",
    "FEED_LIMIT",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "FULLY_TRANSPARENT",
    "GRAPH_EXPORT_SUFFIXES",
    "NO_RESPONSE",
    "REFERENCE",
    "TIMING",
    "TIMING_SHIFTS_H",
    "WHAT_IFS",
    "AgainstSilence",
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
    "UserTimeline",
    "Variant",
    "WhatIf",
    "played_actions",
    "replay",
    "shifted",
    "what_if",
]
