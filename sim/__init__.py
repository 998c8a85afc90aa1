"""stormdrill's headless engine: the crisis model, the exercise session and the protocol lab.

`sim.sweep(plan)` runs a protocol sweep (see `sim.lab`); it and its plan and result types load on
first use, so `import sim` stays light and never pulls in pandas, pyarrow or matplotlib.
"""

from __future__ import annotations

from typing import Any

_LAB_NAMES = frozenset({"sweep", "SweepPlan", "SweepResult", "Axis"})


def __getattr__(name: str) -> Any:
    if name in _LAB_NAMES:
        from sim import lab

        return getattr(lab, name)
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
