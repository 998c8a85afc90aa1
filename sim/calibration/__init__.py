"""Calibration against the targets of docs/model.md section 8: one module per family of checks,
`run_calibration` to run them all, `stormdrill calibrate` to print the report."""

from sim.calibration.check import CalibrationConfig, CheckResult
from sim.calibration.runner import run_calibration

__all__ = ["CalibrationConfig", "CheckResult", "run_calibration"]
