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

from sim.numbers import readable


@dataclass(frozen=True)
class Reading:
    """One metric as the lab's tables and sentences say it."""

    label: str
    unit: str
    scale: float = 1.0
    """What a stored value is multiplied by to be shown: 100 for a share shown in percent."""
    decimals: int = 2
    """Decimals in a table; a sentence adds more rather than print a non-zero effect as 0."""
    verb: str = "ends"
    more: str = "higher"
    less: str = "lower"
    what: str = ""
    """What the difference is of, after more/less: "B avoids 23 percentage points more [of the
    damage silence would do] than A"."""

    def shown(self, value: float) -> float:
        return value * self.scale

    def number(self, value: float) -> str:
        """A stored value as the table shows it, with its fixed decimals."""
        return f"{self.shown(value):.{self.decimals}f}"

    def effect(self, value: float) -> str:
        """A stored difference or slope in a sentence: never a rounded zero unless it is zero."""
        return readable(self.shown(value), self.decimals)


DAMAGE_AVOIDED = "damage_avoided"
AWARE_DAMAGE = "aware_damage"

READINGS = {
    DAMAGE_AVOIDED: Reading(
        "damage avoided (%)",
        "percentage points",
        scale=100.0,
        decimals=1,
        verb="avoids",
        more="more",
        less="less",
        what=" of the damage silence would do",
    ),
    AWARE_DAMAGE: Reading(
        "aware damage",
        "RI points",
        verb="leaves",
        more="more",
        less="less",
        what=" damage among the aware",
    ),
    "stakeholder_damage": Reading(
        "stakeholder damage",
        "RI points",
        verb="leaves",
        more="more",
        less="less",
        what=" damage among the stakeholders",
    ),
    "reputation_index_final": Reading("final RI", "RI points"),
    "reputation_index_min": Reading("lowest RI", "RI points"),
    "negative_reach": Reading(
        "negative reach", "users", decimals=0, verb="reaches", more="more", less="fewer"
    ),
    "time_to_first_response_h": Reading("first response (h)", "h", decimals=1),
}

HEADLINE = (DAMAGE_AVOIDED, AWARE_DAMAGE)
"""What the verdicts and the paired-difference plots are about, the headline first."""
