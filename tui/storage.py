"""Where the war room keeps exercises: the sessions folder of `sim.storage`."""

from sim.storage import (
    HOME_VARIABLE,
    autosave_candidates,
    exports_folder,
    open_to_resume,
    sessions_folder,
    stormdrill_home,
    sweep_killed_saves,
)

__all__ = [
    "HOME_VARIABLE",
    "autosave_candidates",
    "exports_folder",
    "open_to_resume",
    "sessions_folder",
    "stormdrill_home",
    "sweep_killed_saves",
]
