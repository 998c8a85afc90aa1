"""Protocols: the file format and its errors, when each kind of rule fires, the bundled protocols,
and the `run` command that runs them headless."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from pydantic import ValidationError

from sim.action import Action
from sim.cli.main import main
from sim.errors import ProtocolError
from sim.events import EventKind, TeamEvent
from sim.outcome import Outcome
from sim.protocol import (
    Protocol,
    ProtocolPolicy,
    Rule,
    SessionView,
    bundled_protocol_names,
    load_protocol,
)
from sim.rubric import score_message
from sim.session import Session
from sim.spec.loader import load_scenario
from sim.spec.schema import Inject, Voice
from tests.tiny import TINY


@pytest.fixture(scope="module")
def tiny():
    """200 users, two days; the alert fires at about hour 1 with seed 1."""
    return load_scenario(TINY)


def protocol_of(*rules: dict) -> Protocol:
    return Protocol(name="test", description="rules under test", rules=[Rule(**r) for r in rules])


def run(spec, protocol: Protocol, seed: int = 1) -> Session:
    session = Session(spec, seed, protocol=protocol)
    session.finish()
    return session


def released_hours(session: Session) -> list[float]:
    return [statement.at_h for statement in session.run_record().statements]


def detected_h(session: Session) -> float:
    detection = session.outcome.time_to_detection_h
    assert detection is not None, "the test needs a run in which the team's alert fires"
    return detection + session.spec.crisis.start_h


# --------------------------------------------------------------------------- when rules fire


def test_holding_statement_half_an_hour_after_detection(tiny):
    rule = {"when": "detection", "after_h": 0.5, "strategy": "holding_statement"}
    approved = run(tiny, protocol_of({**rule, "pre_approved": True}))
    assert released_hours(approved) == [pytest.approx(detected_h(approved) + 0.5)]
    [action] = [statement.action for statement in approved.run_record().statements]
    assert action.source == "test"

    delayed = run(tiny, protocol_of(rule))
    delay = tiny.team.approval.holding_statement
    assert released_hours(delayed) == [pytest.approx(detected_h(delayed) + 0.5 + delay)]


def test_trigger_rules_count_from_the_crisis_start(tiny):
    spec = load_scenario(TINY, ["crisis.start_h=2"])
    rule = {"when": "trigger", "after_h": 1.0, "strategy": "apology", "pre_approved": True}
    assert released_hours(run(spec, protocol_of(rule))) == [pytest.approx(3.0)]


def test_repetition_until_its_last_hour(tiny):
    rule = {
        "when": "detection",
        "after_h": 1.0,
        "repeat_every_h": 2.0,
        "repeat_until_h": 7.0,
        "strategy": "sympathy",
        "pre_approved": True,
    }
    session = run(tiny, protocol_of(rule))
    start = detected_h(session)
    assert released_hours(session) == [pytest.approx(start + h) for h in (1.0, 3.0, 5.0, 7.0)]


def test_every_inquiry_is_answered_once_before_its_deadline(tiny):
    rule = {
        "when": "inquiry",
        "strategy": "holding_statement",
        "channel": "traditional_media",
        "pre_approved": True,
    }
    session = run(tiny, protocol_of(rule))
    inquiries = {event.inquiry_id: event for event in session.inbox if event.inquiry_id}
    assert len(inquiries) >= 2
    answers = [(s.at_h, s.action.answers) for s in session.run_record().statements]
    assert sorted(answer for _, answer in answers) == sorted(inquiries)
    for at_h, answer in answers:
        # A pre-approved answer can go out at the very hour the inquiry arrived.
        assert inquiries[answer].at_h <= at_h <= inquiries[answer].deadline_h


def test_evidence_and_media_pickup_rules(tiny):
    leak = Inject(
        id="LEAK",
        time_h=3.0,
        type="leaked_document",
        sender="Whistleblower",
        message="Internal memo",
        effect="evidence",
    )
    spec = tiny.model_copy(update={"injects": (*tiny.injects, leak)})
    session = run(
        spec,
        protocol_of(
            {"when": "evidence", "after_h": 0.5, "strategy": "apology", "pre_approved": True},
            {"when": "media_pickup", "after_h": 1.0, "strategy": "sympathy", "pre_approved": True},
        ),
    )
    first_article = next(e.at_h for e in session.inbox if e.kind is EventKind.MEDIA_ARTICLE)
    by_strategy = {s.action.strategy.value: s.at_h for s in session.run_record().statements}
    assert by_strategy["apology"] == pytest.approx(3.5)
    assert by_strategy["sympathy"] == pytest.approx(first_article + 1.0)


def test_volume_rule_fires_when_the_observed_volume_first_passes(tiny):
    rule = {"when": "volume_above", "volume_above": 3.0, "strategy": "apology"}
    session = run(tiny, protocol_of({**rule, "pre_approved": True}))
    [fired_h] = released_hours(session)
    series = session.run_record().series
    # The row collected at the end of a tick is what the team sees at the start of the next.
    seen = dict(zip(series["hour"], series["observed_mentions_per_h"], strict=True))
    assert seen[fired_h] > 3.0
    assert all(value <= 3.0 for hour, value in seen.items() if hour < fired_h)


# --------------------------------------------------------------------------- a rule's words

WORDS = (
    "We are sorry: we got this wrong. 4,000 accounts were exposed at 09:00. Change your "
    "password now; our next update is at 16:00."
)


def test_the_rubric_reads_what_a_rule_leaves_out_and_the_rule_fixes_the_rest(tiny):
    reading = score_message(WORDS, tiny.meta.locale)
    rule = {"when": "trigger", "strategy": "apology", "pre_approved": True, "text": WORDS}
    [read] = run(tiny, protocol_of(rule)).run_record().statements
    assert (read.action.transparency, read.action.voice) == (reading.transparency, reading.voice)
    assert read.action.voice is Voice.HUMAN
    fixed = {**rule, "transparency": 0.1, "voice": "corporate"}
    [kept] = run(tiny, protocol_of(fixed)).run_record().statements
    assert (kept.action.transparency, kept.action.voice) == (0.1, Voice.CORPORATE)


def test_a_rule_without_text_keeps_the_action_defaults(tiny):
    rule = {"when": "trigger", "strategy": "holding_statement", "pre_approved": True}
    [statement] = run(tiny, protocol_of(rule)).run_record().statements
    defaults = Action(at_h=0.0, strategy="holding_statement")
    assert statement.action.transparency == defaults.transparency
    assert statement.action.voice is defaults.voice


# --------------------------------------------------------------------------- the policy alone


def view(now_h: float, detected_at_h: float | None = 0.0, inbox=()) -> SessionView:
    return SessionView(
        now_h=now_h, start_h=0.0, detected_at_h=detected_at_h, mentions_per_h=0.0, inbox=inbox
    )


def test_missed_repetitions_collapse_into_one_update():
    policy = ProtocolPolicy(
        protocol_of({"when": "detection", "repeat_every_h": 2.0, "strategy": "sympathy"})
    )
    assert policy.actions_due(view(now_h=0.0, detected_at_h=None)) == []
    assert len(policy.actions_due(view(now_h=9.0))) == 1
    assert policy.actions_due(view(now_h=9.5)) == []
    assert len(policy.actions_due(view(now_h=10.0))) == 1


def test_an_inquiry_past_its_deadline_is_not_answered():
    policy = ProtocolPolicy(protocol_of({"when": "inquiry", "strategy": "holding_statement"}))
    late = TeamEvent(at_h=1.0, kind=EventKind.INQUIRY, title="?", deadline_h=3.0, inquiry_id="Q1")
    fresh = late.model_copy(update={"inquiry_id": "Q2", "deadline_h": 6.0})
    [due] = policy.actions_due(view(now_h=4.0, inbox=(late, fresh)))
    assert due.action.answers == "Q2" and due.action.at_h == 4.0 and not due.pre_approved
    assert policy.actions_due(view(now_h=4.5, inbox=(late, fresh))) == []


def test_policy_state_survives_a_snapshot():
    protocol = protocol_of({"when": "detection", "repeat_every_h": 2.0, "strategy": "sympathy"})
    policy = ProtocolPolicy(protocol)
    policy.actions_due(view(now_h=3.0))
    resumed = ProtocolPolicy(protocol, json.loads(json.dumps(policy.snapshot())))
    assert resumed.actions_due(view(now_h=3.5)) == []
    assert len(resumed.actions_due(view(now_h=4.0))) == 1


def test_a_saved_protocol_session_resumes_where_it_was(tiny, tmp_path):
    session = Session(tiny, seed=1, protocol=load_protocol("fast-transparent"))
    session.end_turn()
    session.end_turn()
    session.save(tmp_path / "run.json")
    resumed = Session.load(tmp_path / "run.json")
    assert resumed.protocol == session.protocol
    assert resumed.finish() == session.finish()
    assert resumed.run_record().series == session.run_record().series


# --------------------------------------------------------------------------- bundled protocols


@pytest.mark.parametrize("name", bundled_protocol_names())
def test_every_bundled_protocol_loads_and_runs(tiny, name):
    protocol = load_protocol(name)
    assert protocol.name == name and protocol.description
    session = run(tiny, protocol)
    sources = {s.action.source for s in session.run_record().statements}
    assert sources == (set() if name == "silent" else {name})
    assert isinstance(session.outcome, Outcome)


def test_bundled_protocol_names():
    assert set(bundled_protocol_names()) >= {
        "silent",
        "deny-then-apologise",
        "fast-transparent",
        "slow-transparent",
        "holding-then-apology",
    }


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[rules]]\nwhen = "detection"\nstrategy = "apologise"\n',
            'rules[0].strategy = "apologise" is not allowed; use one of attack_accuser, denial, '
            "scapegoat, no_comment, excuse, justification, holding_statement, correction, "
            "sympathy, apology, compensation (did you mean apology?).",
        ),
        (
            '[[rules]]\nwhen = "detection"\nstrategy = "apology"\nafterh = 1\n',
            "unknown field rules[0].afterh; did you mean rules[0].after_h (allowed in [[rules]]: "
            "when, after_h, ",
        ),
        (
            '[[rules]]\nwhen = "volume_above"\nstrategy = "apology"\n',
            "rules[0]: volume_above goes with when = 'volume_above' and only with it; set both "
            "or neither.",
        ),
        (
            '[[rules]]\nwhen = "detection"\nstrategy = "apology"\nafter_h = -1\n',
            "rules[0].after_h = -1 is out of range; use a number from 0 to 720.",
        ),
        ("[[rules]\n", "mine.toml, line 2, column 8: invalid TOML"),
        (
            '[rules]\nwhen = "detection"\n',
            "rules = a table is not an array of tables; write each entry as a [[rules]] table.",
        ),
    ],
)
def test_a_bad_protocol_file_is_one_sentence(tmp_path, text, message):
    path = tmp_path / "mine.toml"
    path.write_text('description = "mine"\n' + text)
    with pytest.raises(ProtocolError) as error:
        load_protocol(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_a_missing_protocol_suggests_a_bundled_name():
    with pytest.raises(ProtocolError, match=r"^fast-transparant: no such protocol file; did you"):
        load_protocol("fast-transparant")


def test_rules_reject_repetition_without_a_period():
    with pytest.raises(ValidationError, match="repeat_until_h needs repeat_every_h"):
        Rule(when="detection", strategy="sympathy", repeat_until_h=4.0)


# --------------------------------------------------------------------------- the run command


def run_command(*argv: str) -> int:
    return main(["run", *argv])


def test_run_json_prints_one_object_and_nothing_else(capsys):
    assert run_command(TINY, "--protocol", "holding-then-apology", "--json", "--seed", "2") == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    result = json.loads(out)
    assert set(result) == set(Outcome.model_fields) | {"scenario", "protocol"}
    assert (result["scenario"], result["protocol"], result["seed"]) == (
        TINY,
        "holding-then-apology",
        2,
    )


def test_the_run_and_its_json_lead_with_the_headline_measure(capsys):
    assert run_command(TINY, "--protocol", "fast-transparent", "--json") == 0
    keys = list(json.loads(capsys.readouterr().out))
    assert keys[1:5] == [
        "aware_damage",
        "aware_damage_peak",
        "stakeholder_damage",
        "damage_avoided",
    ]
    assert run_command(TINY, "--protocol", "fast-transparent") == 0
    summary = " ".join(capsys.readouterr().out.split())
    assert re.search(r"The fast-transparent protocol's answers (avoided|added) \d+% ", summary)
    order = ["protocol's answers", "aware damage", "stakeholder damage", "reputation index"]
    assert [summary.index(words) for words in order] == sorted(summary.index(w) for w in order)


def test_run_writes_the_series_the_outcome_and_the_graph(tmp_path, capsys):
    graph = tmp_path / "graph.gexf"
    assert run_command(TINY, "--out", str(tmp_path / "out"), "--graph-out", str(graph)) == 0
    summary = capsys.readouterr().out
    assert summary.startswith("Tiny outage, protocol silent, seed 1")
    assert json.loads((tmp_path / "out" / "outcome.json").read_text())["protocol"] == "silent"
    header = (tmp_path / "out" / "series.csv").read_text().splitlines()[0]
    assert header.startswith("scenario,seed,tick,hour,")
    exported = nx.read_gexf(graph)
    assert exported.number_of_nodes() == 200
    attributes = next(iter(exported.nodes.values()))
    assert {"state", "attitude", "ever_aware", "ever_spread"} <= set(attributes)


def test_a_bad_graph_extension_stops_before_the_run(tmp_path, capsys):
    assert run_command(TINY, "--graph-out", str(Path(tmp_path / "graph.png"))) == 2
    error = capsys.readouterr().err
    assert re.search(r"extension '\.png' is not one of \.gexf, \.graphml", error)
    assert "Traceback" not in error


def test_a_tick_looks_only_at_the_rules_that_can_fire(tiny, monkeypatch):
    """300 one-off rules over the first day: each is looked at about once, not at every tick
    (which was 300 x 576 looks, and made 20,000 rules take minutes)."""
    rules = tuple(
        {"when": "trigger", "after_h": hour * 0.08, "strategy": "holding_statement"}
        for hour in range(300)
    )
    protocol = Protocol(name="many", description="one rule per 5 minutes", rules=rules)
    looks = []
    latest = ProtocolPolicy._latest_occurrence

    def counted(rule, reference, now_h):
        looks.append(rule)
        return latest(rule, reference, now_h)

    monkeypatch.setattr(ProtocolPolicy, "_latest_occurrence", staticmethod(counted))
    session = Session(tiny, 1, protocol=protocol)
    session.finish()
    assert len(session.run_record().statements) == 300
    assert len(looks) <= 2 * 300
