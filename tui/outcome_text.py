"""Outcome metrics as the debrief shows them: the headline first (docs/model.md section 10),
then the rest, in the words of `sim.headline`, in the language of a `Translator`."""

from __future__ import annotations

from sim.clock import hours_text
from sim.headline import avoided_text, aware_damage_text, percent, points
from sim.i18n import ENGLISH, N_, Translator
from sim.outcome import Outcome


def hours(value: float | None, missing: str, words: Translator = ENGLISH) -> str:
    """Hours with one decimal, "1.5 h", in the locale's figures; `missing` when undefined."""
    return missing if value is None else words.figure(hours_text(value, places=1))


def outcome_rows(outcome: Outcome, words: Translator = ENGLISH) -> tuple[tuple[str, str], ...]:
    _, figure = words, words.figure
    ri_change = figure(
        f"{outcome.reputation_index_start:.1f} → {outcome.reputation_index_final:.1f}"
    )
    lowest = _("{lowest} (drop {drop})").format(
        lowest=figure(f"{outcome.reputation_index_min:.1f}"),
        drop=figure(f"{outcome.reputation_index_drop:.1f}"),
    )
    reach = _("{count} users aware").format(count=figure(f"{outcome.negative_reach:,}"))
    coverage = _("{share} of aware users").format(share=figure(f"{outcome.response_coverage:.0%}"))
    return (
        (_("Damage avoided"), avoided_text(outcome, _)),
        (_("Aware damage (RI)"), aware_damage_text(outcome, unit="", words=_)),
        ("  " + _("at its peak"), figure(points(outcome.aware_damage_peak))),
        (_("Stakeholders (RI)"), figure(points(outcome.stakeholder_damage))),
        (_("Reputation index"), ri_change),
        (_("Lowest point"), lowest),
        (_("Recovery"), hours(outcome.recovery_time_h, _("not within the run"), _)),
        (_("Negative reach"), reach),
        (_("Spreaders"), figure(f"{outcome.spreaders_total:,}")),
        (_("Detection"), hours(outcome.time_to_detection_h, _("never"), _)),
        (_("First response"), hours(outcome.time_to_first_response_h, _("none"), _)),
        (_("Spoke before media"), _("yes") if outcome.spoke_before_media else _("no")),
        (_("Response coverage"), coverage),
        (_("Media pickups"), str(outcome.media_pickups)),
        (_("Contradictions"), str(outcome.inconsistencies)),
    )


COMPARISON_COLUMNS = (
    N_("answers"),
    N_("damage avoided"),
    N_("aware damage"),
    N_("reach"),
    N_("first response"),
    N_("lowest RI"),
    N_("final RI"),
    N_("recovery"),
)
"""The what-if table's columns (in English; the debrief shows them translated)."""


def comparison_row(
    description: str, outcome: Outcome, words: Translator = ENGLISH
) -> tuple[str, ...]:
    figure = words.figure
    return (
        description,
        figure(percent(outcome.damage_avoided)),
        figure(points(outcome.aware_damage)),
        figure(f"{outcome.negative_reach:,}"),
        hours(outcome.time_to_first_response_h, words("none"), words),
        figure(f"{outcome.reputation_index_min:.1f}"),
        figure(f"{outcome.reputation_index_final:.1f}"),
        hours(outcome.recovery_time_h, words("no"), words),
    )
