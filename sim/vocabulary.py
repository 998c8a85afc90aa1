"""The public words for what the engine simulates: the state a user is in and the kind of a post.

The engine stores them as small integer codes in its arrays; screens, reports and exports name
them through these enums, so nothing outside `sim.engine` depends on a code's position.
"""

from __future__ import annotations

from enum import IntEnum

from sim.i18n import N_


class State(IntEnum):
    """The SEIZ+R states a user moves through (MODEL.md section 2)."""

    SUSCEPTIBLE = 0  # unaware of the crisis
    EXPOSED = 1  # has seen negative content, undecided
    SPREADING = 2  # posts and reposts negative content
    SKEPTIC = 3  # counter-argues; defends the brand when favourable enough
    REMOVED = 4  # lost interest


STATE_LABELS = {
    State.SUSCEPTIBLE: N_("unaware"),
    State.EXPOSED: N_("exposed"),
    State.SPREADING: N_("spreading"),
    State.SKEPTIC: N_("skeptic"),
    State.REMOVED: N_("lost interest"),
}
"""Each state as a facilitator reads it on screen (in English; marked for the catalogs)."""

STATE_NAMES = {state: label.replace(" ", "_") for state, label in STATE_LABELS.items()}
"""Each state's name in files and views (`state_counts`, series.csv, graph exports): the war
room's word for it, in snake case: 'unaware', 'exposed', 'spreading', 'skeptic',
'lost_interest'."""


class PostKind(IntEnum):
    """What a post of the crisis says."""

    NEGATIVE = 0
    DEFENDING = 1
    NEWS = 2


NO_AUTHOR = -1
"""The author of a news item: written by an outlet, not by a user."""
NO_PARENT = -1
"""What an original post reshares: nothing."""
