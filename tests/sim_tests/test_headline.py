"""The headline measure as people read it: the sentence of docs/model.md section 10 on outcomes
written out by hand, and figures that never round an effect away."""

from __future__ import annotations

import pytest

from sim.headline import avoided_text, aware_damage_text, headline_sentence, percent, points
from sim.numbers import fixed, places, readable
from tests.sim_tests.conftest import hand_made_outcome


def test_answers_that_avoided_damage_say_how_much_of_silences_and_to_how_many():
    assert headline_sentence(hand_made_outcome()) == (
        "Your answers avoided 38% of the damage that silence would have done to the 4,870 "
        "people who heard about it."
    )


def test_answers_that_made_it_worse_say_what_they_added():
    worse = hand_made_outcome(damage_avoided=-0.12)
    assert headline_sentence(worse, "the team's answers") == (
        "The team's answers added 12% to the damage that silence would have done to the 4,870 "
        "people who heard about it."
    )


def test_a_small_share_keeps_its_digits():
    small = hand_made_outcome(damage_avoided=0.004)
    assert "avoided 0.40% of the damage" in headline_sentence(small)


def test_saying_nothing_is_the_damage_silence_does():
    silent = hand_made_outcome(damage_avoided=0.0, time_to_first_response_h=None)
    assert headline_sentence(silent) == (
        "Nothing was said: this is the damage silence does, 0.42 RI points among the 4,870 "
        "people who heard about it."
    )


def test_answers_that_changed_nothing_avoided_none():
    assert "avoided 0% of the damage" in headline_sentence(hand_made_outcome(damage_avoided=0.0))


def test_when_silence_did_no_damage_there_is_no_share_to_give():
    harmless = hand_made_outcome(damage_avoided=None)
    assert headline_sentence(harmless) == (
        "Silence would have done no lasting damage to the 4,870 people who heard about it, so "
        "there was no damage to avoid."
    )
    assert avoided_text(harmless) == "silence did none"


def test_an_outcome_never_compared_with_silence_still_leads_with_the_damage_among_the_aware():
    alone = hand_made_outcome(
        damage_avoided=None, unanswered_aware_damage=None, unanswered_negative_reach=None
    )
    assert headline_sentence(alone) == (
        "Damage among the 4,102 people who heard about it: 0.42 RI points (not compared with "
        "silence)."
    )
    assert avoided_text(alone) == "not compared"
    assert aware_damage_text(alone) == "0.42 RI points"


def test_table_cells_of_the_headline():
    outcome = hand_made_outcome()
    assert avoided_text(outcome) == "38% of silence's"
    assert aware_damage_text(outcome) == "0.42 RI points (silence 0.79)"
    assert aware_damage_text(outcome, unit="") == "0.42 (silence 0.79)"
    assert percent(-0.12) == "-12%"
    assert percent(None) == "-" and points(None, "none") == "none"
    assert points(0.0043) == "0.0043"


@pytest.mark.parametrize(
    ("value", "least", "text"),
    [
        (60.08, 0, "60"),
        (4.37, 0, "4.4"),
        (0.31, 2, "0.31"),
        (0.0043, 2, "0.0043"),
        (-0.0004, 2, "-0.00040"),
        (0.0, 2, "0.00"),
    ],
)
def test_a_figure_that_is_not_zero_never_prints_as_zero(value, least, text):
    assert readable(value, least) == text


def test_no_negative_zero_and_no_places_for_what_is_not_a_number():
    assert fixed(-0.001, 2) == "0.00"
    assert places(float("nan"), 2) == 2
