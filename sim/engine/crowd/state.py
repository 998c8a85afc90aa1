"""The SEIZ+R states a user moves through (docs/model.md section 2)."""

from enum import IntEnum


class State(IntEnum):
    SUSCEPTIBLE = 0  # unaware of the crisis
    EXPOSED = 1  # has seen negative content, undecided
    SPREADING = 2  # posts and reposts negative content
    SKEPTIC = 3  # counter-argues; defends the brand when favourable enough
    REMOVED = 4  # lost interest


STATE_NAMES = {state: state.name.lower() for state in State}
