"""How the lab reads each metric it shows: the label of its column, its unit, its scale and the
words of its sentence, declared once as data for the tables, the verdicts, the timing sentence
and the plots.

The lab leads with the headline measure (docs/model.md section 10): damage avoided, the share of
the same seed's unanswered damage that the answers avoided, shown in percent (so a difference of
two protocols or a cost of waiting is in percentage points), and the damage among the users who
heard of the crisis, in RI points. Whole-population RI and the rest follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.i18n import ENGLISH, N_, Translator
from sim.numbers import readable


@dataclass(frozen=True)
class Reading:
    """One metric as the lab's tables and sentences say it. Its words are catalog messages
    (`N_`), translated where they are shown; its sentences are whole, so that a language can
    put the subject, the figure and the baseline where it needs them."""

    label: str
    unit: str
    scale: float = 1.0
    """What a stored value is multiplied by to be shown: 100 for a share shown in percent."""
    decimals: int = 2
    """Decimals in a table; a sentence adds more rather than print a non-zero effect as 0."""
    more: str = N_("{subject} ends {size} {unit} higher than {baseline}")
    """The verdict when the difference is positive: "B avoids 23 percentage points more of the
    damage silence would do than A"."""
    less: str = N_("{subject} ends {size} {unit} lower than {baseline}")

    def shown(self, value: float) -> float:
        return value * self.scale

    def number(self, value: float, words: Translator = ENGLISH) -> str:
        """A stored value as the table shows it, with its fixed decimals, in the locale's
        symbols."""
        return words.figure(f"{self.shown(value):.{self.decimals}f}")

    def effect(self, value: float, words: Translator = ENGLISH) -> str:
        """A stored difference or slope in a sentence: never a rounded zero unless it is zero."""
        return words.figure(readable(self.shown(value), self.decimals))


DAMAGE_AVOIDED = "damage_avoided"
AWARE_DAMAGE = "aware_damage"

READINGS = {
    DAMAGE_AVOIDED: Reading(
        N_("damage avoided (%)"),
        N_("percentage points"),
        scale=100.0,
        decimals=1,
        more=N_(
            "{subject} avoids {size} percentage points more of the damage silence would do than "
            "{baseline}"
        ),
        less=N_(
            "{subject} avoids {size} percentage points less of the damage silence would do than "
            "{baseline}"
        ),
    ),
    AWARE_DAMAGE: Reading(
        N_("aware damage"),
        N_("RI points"),
        more=N_("{subject} leaves {size} RI points more damage among the aware than {baseline}"),
        less=N_("{subject} leaves {size} RI points less damage among the aware than {baseline}"),
    ),
    "stakeholder_damage": Reading(
        N_("stakeholder damage"),
        N_("RI points"),
        more=N_(
            "{subject} leaves {size} RI points more damage among the stakeholders than {baseline}"
        ),
        less=N_(
            "{subject} leaves {size} RI points less damage among the stakeholders than {baseline}"
        ),
    ),
    "reputation_index_final": Reading(N_("final RI"), N_("RI points")),
    "reputation_index_min": Reading(N_("lowest RI"), N_("RI points")),
    "negative_reach": Reading(
        N_("negative reach"),
        N_("users"),
        decimals=0,
        more=N_("{subject} reaches {size} users more than {baseline}"),
        less=N_("{subject} reaches {size} users fewer than {baseline}"),
    ),
    "time_to_first_response_h": Reading(N_("first response (h)"), N_("h"), decimals=1),
}

HEADLINE = (DAMAGE_AVOIDED, AWARE_DAMAGE)
"""What the verdicts and the paired-difference plots are about, the headline first."""
