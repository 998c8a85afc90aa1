"""Outcome metrics as the debrief shows them: the headline first (docs/model.md section 10),
then the rest, in the words of `sim.headline`."""

from __future__ import annotations

from sim.clock import hours_text
from sim.headline import avoided_text, aware_damage_text, percent, points
from sim.outcome import Outcome


def outcome_rows(outcome: Outcome) -> tuple[tuple[str, str], ...]:
    return (
        ("Damage avoided", avoided_text(outcome)),
        ("Aware damage (RI)", aware_damage_text(outcome, unit="")),
        ("  at its peak", points(outcome.aware_damage_peak)),
        ("Stakeholders (RI)", points(outcome.stakeholder_damage)),
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


COMPARISON_COLUMNS = (
    "answers",
    "damage avoided",
    "aware damage",
    "reach",
    "first response",
    "lowest RI",
    "final RI",
    "recovery",
)


def comparison_row(description: str, outcome: Outcome) -> tuple[str, ...]:
    return (
        description,
        percent(outcome.damage_avoided),
        points(outcome.aware_damage),
        f"{outcome.negative_reach:,}",
        hours_text(outcome.time_to_first_response_h, "none", places=1),
        f"{outcome.reputation_index_min:.1f}",
        f"{outcome.reputation_index_final:.1f}",
        hours_text(outcome.recovery_time_h, "no", places=1),
    )
