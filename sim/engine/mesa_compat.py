"""Every difference between the Mesa versions we support (3.3.x on Python 3.11, 3.5.x on 3.12+)
lives here, with its own tests, so the rest of the engine is written once."""

from __future__ import annotations

import mesa

MESA_VERSION = tuple(int(part) for part in mesa.__version__.split(".")[:2])

# Names a Mesa 3.5 Model already uses for its own machinery (signals, event scheduling); our
# model must not define attributes or methods with these names.
RESERVED_MODEL_NAMES = frozenset(
    {"notify", "observe", "unobserve", "run_until", "run_for", "time", "scenario", "schedule_event"}
)


def model_init_kwargs(seed: int) -> dict[str, int]:
    """Seed Mesa's own generators with a plain Python int through `rng=` (the 3.5 spelling,
    accepted by 3.3; a numpy int would be treated differently by the two)."""
    return {"rng": int(seed)}


def release_model(model: mesa.Model) -> None:
    """Let a finished model be garbage-collected.

    Mesa 3.3 keeps an id counter per model in a class-level dict on `Agent` with a strong
    reference to the model, so a model is never freed until its entry goes.
    """
    ids = getattr(mesa.Agent, "_ids", None)
    if ids is not None and not hasattr(ids, "keyrefs"):
        ids.pop(model, None)
