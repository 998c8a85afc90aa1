"""Response protocols: rules written before an incident, run through the same Session as a
human team so any protocol can be evaluated headless or watched in the TUI."""

from sim.protocol.loader import bundled_protocol_names, load_protocol
from sim.protocol.policy import DueAction, ProtocolPolicy, SessionView
from sim.protocol.schema import Protocol, Rule, When

__all__ = [
    "DueAction",
    "Protocol",
    "ProtocolPolicy",
    "Rule",
    "SessionView",
    "When",
    "bundled_protocol_names",
    "load_protocol",
]
