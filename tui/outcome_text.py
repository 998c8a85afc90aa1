"""Outcome metrics as people read them, shared by the debrief screen and the exported summary."""

from __future__ import annotations

from sim.clock import hours_text
from sim.outcome import Outcome


def outcome_rows(outcome: Outcome) -> tuple[tuple[str, str], ...]:
    return (
        (
            "Reputation index",
            f"{outcome.reputation_index_start:.1f} → {outcome.reputation_index_final:.1f}",
        ),
        (
            "Lowest point",
            f"{outcome.reputation_index_min:.1f} (drop {outcome.reputation_index_drop:.1f})",
        ),
        ("Recovery", hours_text(outcome.recovery_time_h, "not within the run", places=1)),
        ("Negative reach", f"{outcome.negative_reach:,} users aware"),
        ("Spreaders", f"{outcome.spreaders_total:,}"),
        ("Detection", hours_text(outcome.time_to_detection_h, "never", places=1)),
        ("First response", hours_text(outcome.time_to_first_response_h, "none", places=1)),
        ("Spoke before media", "yes" if outcome.spoke_before_media else "no"),
        ("Response coverage", f"{outcome.response_coverage:.0%} of aware users"),
        ("Media pickups", str(outcome.media_pickups)),
        ("Contradictions", str(outcome.inconsistencies)),
    )


COMPARISON_COLUMNS = ("answers", "lowest RI", "final RI", "reach", "first response", "recovery")


def comparison_row(description: str, outcome: Outcome) -> tuple[str, ...]:
    return (
        description,
        f"{outcome.reputation_index_min:.1f}",
        f"{outcome.reputation_index_final:.1f}",
        f"{outcome.negative_reach:,}",
        hours_text(outcome.time_to_first_response_h, "none", places=1),
        hours_text(outcome.recovery_time_h, "no", places=1),
    )
