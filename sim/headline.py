"""The headline measure as people read it (docs/model.md section 10), in one voice for the
debrief, the after-action report, `stormdrill compare` and `stormdrill run`: the share of the
damage silence would have done that the answers avoided, and the damage among the people who
heard about the crisis.

Whole-population RI moves by tenths of a point when a crisis reaches a tenth of the population,
so it cannot tell a fast, transparent team from a slow, denying one; these figures can, and
every screen and report leads with them.
"""

from __future__ import annotations

from sim.i18n import ENGLISH, Translator
from sim.numbers import readable
from sim.outcome import Outcome

POINTS_DECIMALS = 2
"""Damage in RI points: among the aware a crisis costs tenths to a few points."""


def percent(share: float | None, missing: str = "-") -> str:
    """A share as a percentage, "38%", "-12%" (negative: the answers added to the damage), with
    a decimal or more when it is small so that it never rounds to 0%; `missing` for None."""
    if share is None:
        return missing
    return f"{readable(100.0 * share)}%"


def points(damage: float | None, missing: str = "-") -> str:
    """Damage in RI points with two decimals (more if that would print a non-zero as 0.00)."""
    if damage is None:
        return missing
    return readable(damage, POINTS_DECIMALS)


def headline_sentence(
    outcome: Outcome, subject: str = "your answers", words: Translator = ENGLISH
) -> str:
    """The sentence of docs/model.md section 10: "Your answers avoided 38% of the damage that
    silence would have done to the 4,870 people who heard about it." `subject` says whose the
    answers were ("the team's answers", "Blue's answers"); `words` the language (the subject is
    given in it)."""
    _ = words
    heard = outcome.unanswered_negative_reach
    share = outcome.damage_avoided
    if heard is None:
        return _(
            "Damage among the {reach} people who heard about it: {damage} RI points (not "
            "compared with silence)."
        ).format(
            reach=_.figure(f"{outcome.negative_reach:,}"),
            damage=_.figure(points(outcome.aware_damage)),
        )
    if share is None:
        return _(
            "Silence would have done no lasting damage to the {heard} people who heard about it, "
            "so there was no damage to avoid."
        ).format(heard=_.figure(f"{heard:,}"))
    if share == 0 and outcome.time_to_first_response_h is None:
        return _(
            "Nothing was said: this is the damage silence does, {damage} RI points among the "
            "{heard} people who heard about it."
        ).format(damage=_.figure(points(outcome.aware_damage)), heard=_.figure(f"{heard:,}"))
    whose = subject[:1].upper() + subject[1:]
    if share < 0:
        return _(
            "{whose} added {share} to the damage that silence would have done to the {heard} "
            "people who heard about it."
        ).format(whose=whose, share=_.figure(percent(-share)), heard=_.figure(f"{heard:,}"))
    return _(
        "{whose} avoided {share} of the damage that silence would have done to the {heard} "
        "people who heard about it."
    ).format(whose=whose, share=_.figure(percent(share)), heard=_.figure(f"{heard:,}"))


def aware_damage_text(
    outcome: Outcome, unit: str = " RI points", words: Translator = ENGLISH
) -> str:
    """Damage among the aware at the horizon, beside silence's: "0.32 RI points (silence 0.79)"
    (a narrow table puts the unit in its label instead: `unit=""`)."""
    text = words.figure(points(outcome.aware_damage)) + unit
    if outcome.unanswered_aware_damage is None:
        return text
    return words("{damage} (silence {silence})").format(
        damage=text, silence=words.figure(points(outcome.unanswered_aware_damage))
    )


def avoided_text(outcome: Outcome, words: Translator = ENGLISH) -> str:
    """Damage avoided for a table row: "38% of silence's", or why there is no share."""
    if outcome.unanswered_negative_reach is None:
        return words("not compared")
    if outcome.damage_avoided is None:
        return words("silence did none")
    share = words.figure(percent(outcome.damage_avoided))
    return words("{share} of silence's").format(share=share)
