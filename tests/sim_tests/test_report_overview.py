"""The HSEEP parts of the report's overview (sim.report.overview): each objective's core
capability, sponsor and point of contact, and the participants seat by seat from the log; and
the scenario fields behind them, refused in one sentence when wrong."""

from __future__ import annotations

import pytest

from sim.action import Action
from sim.errors import ScenarioError
from sim.report.overview import (
    Participant,
    capabilities,
    contacts,
    core_capability,
    participants,
)
from sim.session.record import Approved, Drafted, Note, Paused, Queued, Rejected, TurnEnded
from sim.spec.capability import CoreCapability
from sim.spec.loader import load_scenario
from sim.spec.schema import Objective, Strategy
from tests.tiny import TINY

SPEC = load_scenario(TINY)


def test_an_objective_names_its_capability_or_gets_its_rating_rule_s_default():
    named = Objective(id="O1", text="Keep the same message.", core_capability="Planning")
    timed = Objective(id="O2", text="Speak fast.", first_statement_within_h=1.0)
    consistent = Objective(id="O3", text="One consistent message across channels.")
    press = Objective(id="O4", text="Answer the journalist before the deadline.")
    assert core_capability(named) is CoreCapability.PLANNING
    assert core_capability(timed) is CoreCapability.PUBLIC_INFORMATION_AND_WARNING
    assert core_capability(consistent) is CoreCapability.OPERATIONAL_COORDINATION
    assert core_capability(press) is CoreCapability.OPERATIONAL_COORDINATION
    assert capabilities([timed, consistent, press]) == (
        CoreCapability.PUBLIC_INFORMATION_AND_WARNING,
        CoreCapability.OPERATIONAL_COORDINATION,
    )


def test_the_command_line_s_sponsor_and_contact_stand_for_the_scenario_s():
    meta = SPEC.meta.model_copy(update={"sponsor": "Tinyco", "point_of_contact": ""})
    assert contacts(meta).sponsor == "Tinyco"
    assert contacts(meta).point_of_contact == (
        "not stated (set meta.point_of_contact in the scenario, or give --poc)"
    )
    given = contacts(meta, sponsor="The  board\n", point_of_contact="Ana Ruiz")
    assert (given.sponsor, given.point_of_contact) == ("The board", "Ana Ruiz")


def test_the_participants_are_the_team_each_seat_and_what_the_log_shows_of_them():
    action = Action(at_h=1.0, strategy=Strategy.APOLOGY)
    log = (
        Queued(at_h=0.5, turn=1, action=action),
        Drafted(at_h=1.0, turn=1, draft=1, action=action, approver="legal"),
        Drafted(at_h=1.0, turn=1, draft=2, action=action, approver="legal"),
        Approved(at_h=1.5, turn=1, draft=1, by="legal"),
        Rejected(at_h=1.5, turn=1, draft=2, by="legal"),
        Queued(at_h=1.5, turn=1, action=action),
        Paused(at_h=1.6, turn=1),
        Note(at_h=1.7, turn=1, text="slow"),
        TurnEnded(at_h=2.0, turn=1),
    )
    assert participants("Blue", ("legal", "CEO"), log) == (
        Participant("Blue", "players (the team)", "2 statements queued"),
        Participant(
            "legal",
            "player role",
            "2 drafts sent for approval, 1 draft approved, 1 draft rejected",
        ),
        Participant("CEO", "player role", "no action of its own"),
        Participant("facilitator", "controller", "1 turn ended, 1 pause"),
        Participant("evaluators", "evaluators and observers", "1 note taken"),
    )


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("meta.mission_area=Respons", "use one of Prevention, Protection, Mitigation, Response"),
        ("meta.sponsor=" + "x" * 201, "string should have at most 200 characters"),
    ],
)
def test_a_wrong_overview_field_is_one_sentence_naming_the_field(setting, said):
    with pytest.raises(ScenarioError) as raised:
        load_scenario(TINY, [setting])
    message = str(raised.value)
    assert setting.split("=")[0] in message and said in message
    assert "\n" not in message
