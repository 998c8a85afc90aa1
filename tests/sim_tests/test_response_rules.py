"""Pure response rules, term by term as docs/model.md section 5 states them."""

from __future__ import annotations

import numpy as np
import pytest

from sim.action import Action
from sim.engine.response.effect import (
    acceptance,
    attitude_change,
    credibility,
    fit,
    is_contradiction,
    react,
    required_accommodation,
    sharing_damping,
    statement_terms,
)
from sim.spec.schema import Responses, Strategy

PARAMS = Responses()


def test_fit_is_full_when_accommodation_matches_responsibility():
    assert fit(0.8, np.array([0.8]), 2.0, 0.5)[0] == pytest.approx(1.0)


def test_under_accommodation_costs_four_times_over_accommodation():
    under = 1 - fit(0.5, np.array([0.7]), 2.0, 0.5)[0]
    over = 1 - fit(0.9, np.array([0.7]), 2.0, 0.5)[0]
    assert under / over == pytest.approx(4.0)


def test_over_apologising_for_a_victim_crisis_fits_worse_than_correcting():
    victim = np.array([0.2])
    assert fit(0.9, victim, 2.0, 0.5)[0] < fit(0.45, victim, 2.0, 0.5)[0] < 1.0
    assert fit(0.9, victim, 2.0, 0.5)[0] > 0


def test_denial_of_a_high_responsibility_crisis_backfires():
    value = fit(0.1, np.array([0.8]), 2.0, 0.5)[0]
    assert value < 0
    change = attitude_change(0.05, 2.25, np.array([0.6]), np.array([value]))[0]
    assert change == pytest.approx(0.05 * 0.6 * value * 2.25)


def test_disliked_brands_must_accommodate_more():
    r = np.array([0.4])
    assert required_accommodation(r, -0.2, 0.3)[0] == pytest.approx(0.7)
    assert required_accommodation(r, 0.3, 0.3)[0] == pytest.approx(0.4)


def test_each_contradiction_costs_credibility():
    base = np.array([0.8])
    assert credibility(base, 1.0, np.array([1.0]), 2, 0.3)[0] == pytest.approx(0.8 * 0.4)
    assert credibility(base, 1.0, np.array([1.0]), 5, 0.3)[0] == 0.0


def test_angry_users_discount_the_brand():
    accepted = acceptance(np.array([0.8, 0.8]), np.array([0.0, 1.0]), 0.5)
    assert accepted.tolist() == pytest.approx([0.8, 0.4])


def test_damping_only_follows_a_fitting_accepted_response():
    damp = sharing_damping(0.5, np.array([0.8, 0.8]), np.array([1.0, -0.5]), 1.0)
    assert damp.tolist() == pytest.approx([0.6, 1.0])


def test_ceo_human_transparent_statement_multiplies_credibility():
    action = Action(
        at_h=0,
        strategy="apology",
        transparency=1.0,
        spokesperson="ceo",
        voice="human",
        channel="traditional_media",
    )
    terms = statement_terms(action, PARAMS)
    assert terms.credibility_multiplier == pytest.approx(1.15 * 1.1 * 1.15 * 1.2)
    assert terms.accommodation == pytest.approx(0.9)


def test_human_voice_helps_only_concrete_messages():
    vague = Action(at_h=0, strategy="apology", voice="human", concrete=False, transparency=0.5)
    assert statement_terms(vague, PARAMS).credibility_multiplier == pytest.approx(1.0)


def test_empathic_dm_replies_damp_more_and_public_compensation_fuels():
    reply = Action(at_h=0, strategy="sympathy", channel="direct_reply", empathic=True, to_dm=True)
    assert statement_terms(reply, PARAMS).damping_factor == pytest.approx(1.5 * 1.3)
    public = Action(at_h=0, strategy="compensation")
    private = Action(at_h=0, strategy="compensation", channel="direct_reply")
    assert statement_terms(public, PARAMS).fuels_thread
    assert not statement_terms(private, PARAMS).fuels_thread


def test_bolstering_adds_a_little_accommodation():
    action = Action(at_h=0, strategy="excuse", bolstering=True)
    assert statement_terms(action, PARAMS).accommodation == pytest.approx(0.40)


def test_deny_then_apologise_is_a_contradiction():
    assert is_contradiction([Strategy.DENIAL], Strategy.APOLOGY)
    assert is_contradiction([Strategy.APOLOGY], Strategy.SCAPEGOAT)
    assert not is_contradiction([Strategy.HOLDING_STATEMENT], Strategy.APOLOGY)


def test_stealing_thunder_raises_credibility_and_softens_mismatch():
    terms = statement_terms(Action(at_h=0, strategy="holding_statement"), PARAMS)
    common = dict(
        learning_rate=0.05,
        loss_aversion=2.25,
        prior_reputation=0.3,
        responsibility=np.array([0.8, 0.8]),
        base_credibility=np.array([0.7, 0.7]),
        anger=np.array([0.0, 0.0]),
        inconsistencies=0,
    )
    reaction = react(terms, PARAMS, before_third_party=np.array([True, False]), **common)
    assert reaction.thunder.tolist() == [True, False]
    assert reaction.attitude_change[0] > reaction.attitude_change[1]
