"""Calibration against the targets of docs/model.md sections 8 and 9: one module per family of
checks, `run_calibration` to run them all, `stormdrill calibrate` to print the report.

`run_calibration` loads the engine on first use, so the CLI can read the sizes and the result
type here without paying for it at start-up.
"""

from __future__ import annotations

from typing import Any

from sim.calibration.check import CalibrationConfig, CheckResult

__all__ = ["CalibrationConfig", "CheckResult", "run_calibration"]


def __getattr__(name: str) -> Any:
    if name == "run_calibration":
        from sim.calibration.runner import run_calibration

        return run_calibration
    raise AttributeError(f"module 'sim.calibration' has no attribute {name!r}")
