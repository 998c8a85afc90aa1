"""The Session: queueing rules, turns, the log, saving and loading, replay, counterfactuals and
determinism across processes."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from sim.engine.model import CrisisModel
from sim.errors import ActionError, SessionFileError, UserError
from sim.events import EventKind
from sim.feed import FeedItem
from sim.observation import Observation
from sim.outcome import share_avoided
from sim.rubric import score_message
from sim.session import (
    APOLOGY_INSTEAD_OF_DENIAL,
    AS_PLAYED,
    EVERY_WHAT_IF,
    FULLY_TRANSPARENT,
    NO_RESPONSE,
    REFERENCE,
    TIMING,
    TIMING_SHIFTS_H,
    WHAT_IFS,
    AgainstSilence,
    GroundTruth,
    Queued,
    RunRecord,
    Session,
    TurnEnded,
    TurnRecord,
    Variant,
    replay,
    shifted,
)
from sim.session.store import read_store
from sim.spec.loader import load_scenario
from sim.spec.schema import Strategy
from sim.vocabulary import STATE_NAMES
from tests.tiny import TINY

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tiny():
    """200 users, two days, 4 turns of an hour; one template 'outage-holding'."""
    return load_scenario(TINY)


def played(
    spec, seed: int = 1, between_turns: Callable[[Session], object] | None = None
) -> Session:
    """A session with a bit of everything: actions, a template, an inject release, a note.
    `between_turns` is called after each turn, as a facilitator looking in would be."""
    session = Session(spec, seed, team="Blue", scenario_ref="tiny")
    look = between_turns or (lambda session: None)
    session.queue(session.make_action(strategy="holding_statement", at_h=0.5, transparency=0.6))
    session.end_turn()
    look(session)
    session.queue(session.make_action(template="outage-holding"))
    session.release_inject("I5")
    session.add_note("Status update was clear.", objective="O1")
    session.end_turn()
    look(session)
    session.queue(session.make_action(strategy="apology", transparency=0.9, spokesperson="ceo"))
    session.queue(session.make_action(strategy="sympathy", channel="direct_reply", replies=5))
    session.end_turn()
    return session


# --------------------------------------------------------------------------- turns


def test_end_turn_advances_one_turn_and_records_it(tiny):
    session = Session(tiny, seed=1)
    action = session.queue(session.make_action(strategy="holding_statement"))
    record = session.end_turn()
    turn_h = tiny.turns.turn_ticks * tiny.turns.tick_h
    assert isinstance(record, TurnRecord)
    assert (record.number, record.start_h, record.end_h) == (1, 0.0, pytest.approx(turn_h))
    assert record.actions == (action,)
    assert session.turn == 1 and session.turns_total == tiny.turns.turns
    assert session.now_h == pytest.approx(turn_h)
    assert session.observe().at_h == pytest.approx(turn_h)
    assert session.history == (record,)
    assert any(event.kind is EventKind.TRIGGER for event in record.events)
    assert all(event.visible_to_team for event in session.inbox)
    assert EventKind.TRIGGER not in {event.kind for event in session.inbox}
    assert session.run_record().statement_hours == (action.at_h,)


def test_the_last_turn_then_finish(tiny):
    session = Session(tiny, seed=1)
    for _ in range(tiny.turns.turns):
        session.end_turn()
    with pytest.raises(ActionError, match=r"all 4 turns have been played; finish the exercise"):
        session.end_turn()
    outcome = session.finish()
    assert session.finished and session.outcome == outcome
    assert session.finish() is outcome
    assert session.now_h == pytest.approx(session.horizon_h)
    with pytest.raises(ActionError, match="the exercise is finished"):
        session.queue(session.make_action(strategy="apology"))


# --------------------------------------------------------------------------- queueing rules


def test_approval_delay_by_strategy(tiny):
    session = Session(tiny, seed=1)
    delays = tiny.team.approval
    apology = session.queue(session.make_action(strategy="apology", at_h=0.5))
    holding = session.queue(session.make_action(strategy="holding_statement"))
    assert apology.at_h == pytest.approx(0.5 + delays.apology)
    assert holding.at_h == pytest.approx(0.0 + delays.holding_statement)


def test_template_goes_out_at_once_with_its_approved_wording(tiny):
    session = Session(tiny, seed=1)
    session.end_turn()
    sent = session.queue(session.make_action(template="outage-holding", text="my own words"))
    template = tiny.team.templates[0]
    assert sent.at_h == pytest.approx(session.now_h)
    assert (sent.strategy, sent.transparency, sent.text) == (
        template.strategy,
        template.transparency,
        template.text,
    )


def test_unknown_template_names_the_known_ones(tiny):
    session = Session(tiny, seed=1)
    with pytest.raises(ActionError) as error:
        session.queue(session.make_action(strategy="apology", template="outage-holdin"))
    assert str(error.value) == (
        "template 'outage-holdin' is not one of the team's pre-approved templates "
        "(outage-holding); pick one of those, or send the message without a template to go "
        "through approval."
    )


def test_an_action_in_the_past_is_refused(tiny):
    session = Session(tiny, seed=1)
    session.end_turn()
    with pytest.raises(ActionError) as error:
        session.queue(session.make_action(strategy="apology", at_h=0.5))
    assert str(error.value) == (
        "the action at hour 0.5 is in the past (it is now hour 1); send it at hour 1 or later."
    )


def test_direct_replies_beyond_capacity_are_refused_with_numbers(tiny):
    session = Session(tiny, seed=1)  # 2 people x 10 replies an hour
    first = session.make_action(strategy="sympathy", at_h=2.0, channel="direct_reply", replies=15)
    session.queue(first)  # out at 2.5 (sympathy takes 0.5 h to approve)
    with pytest.raises(ActionError) as error:
        session.queue(first.model_copy(update={"replies": 6, "at_h": 2.2}))
    assert str(error.value) == (
        "6 direct replies in hour 2 (hours 2-3) exceed the team's capacity of 20 per hour "
        "(2 people x 10 replies), with 15 already planned in that hour; send at most 5 then, or "
        "spread them over later hours."
    )
    session.queue(first.model_copy(update={"replies": 5}))
    session.queue(first.model_copy(update={"replies": 20, "at_h": 3.0}))


def test_unknown_strategy_lists_the_allowed_ones(tiny):
    session = Session(tiny, seed=1)
    with pytest.raises(ActionError) as error:
        session.make_action(strategy="apologise")
    assert str(error.value) == (
        'action: strategy = "apologise" is not allowed; use one of attack_accuser, denial, '
        "scapegoat, no_comment, excuse, justification, holding_statement, correction, sympathy, "
        "apology, compensation (did you mean apology?)."
    )
    with pytest.raises(ActionError, match=r"^action: transparency = 2 is out of range"):
        session.make_action(strategy="apology", transparency=2)


def test_the_words_of_every_queued_statement_set_what_it_leaves_open(tiny):
    session = Session(tiny, seed=1)
    text = "We are sorry. The booking app was down for 2 hours; it is back since 21:00."
    reading = score_message(text, tiny.meta.locale)
    read = session.queue(session.make_action(strategy="apology", text=text))
    assert (read.transparency, read.voice, read.concrete) == (
        reading.transparency,
        reading.voice,
        reading.concrete,
    )
    fixed = session.queue(session.make_action(strategy="apology", text=text, transparency=1.0))
    assert fixed.transparency == 1.0 and fixed.voice is reading.voice
    template = session.queue(session.make_action(template="outage-holding"))
    assert template.transparency == tiny.team.templates[0].transparency


def test_a_note_names_a_known_objective(tiny):
    session = Session(tiny, seed=1)
    note = session.add_note("Good first update.", objective="O1")
    assert session.notes == (note,)
    with pytest.raises(UserError, match=r"objective 'O9' is not one of .* \(O1, O2, O3\)"):
        session.add_note("?", objective="O9")


# --------------------------------------------------------------------------- views


def test_every_view_round_trips_through_json(tiny):
    session = played(tiny)
    views = {
        GroundTruth: session.ground_truth(),
        AgainstSilence: session.against_silence(),
        RunRecord: session.run_record(),
        Observation: session.observe(),
        tuple[FeedItem, ...]: session.feed(),
    }
    assert views[tuple[FeedItem, ...]], "the played session has posts to show"
    for kind, view in views.items():
        adapter = TypeAdapter(kind)
        assert adapter.validate_json(adapter.dump_json(view)) == view


def test_ground_truth_counts_every_user_by_state_name(tiny):
    session = played(tiny)
    truth = session.ground_truth()
    assert list(truth.state_counts) == list(STATE_NAMES.values())
    assert sum(truth.state_counts.values()) == tiny.graph.users
    series = session.run_record().series
    assert truth.state_counts["spreading"] == series["spreading"][-1]
    assert truth.aware_damage == series["aware_damage"][-1]
    # I6 is due at T+3:00 only if nothing was said by T+2:30; the team spoke, so at T+3:00
    # it is dropped: neither pending nor released.
    assert truth.pending_inject_ids == tuple(
        inject.id
        for inject in tiny.injects
        if inject.id not in truth.released_inject_ids and inject.id != "I6"
    )
    assert "I5" in truth.released_inject_ids
    assert "I6" not in truth.released_inject_ids


def test_the_record_holds_what_the_brand_said_and_when(tiny):
    session = played(tiny)
    record = session.run_record()
    assert record.now_h == session.now_h
    assert [s.action.strategy.value for s in record.statements][:2] == [
        "holding_statement",
        "holding_statement",
    ]
    assert record.statement_hours == tuple(sorted(record.statement_hours))
    assert record.first_statement_h == record.statement_hours[0]
    assert len(record.series["hour"]) == round(session.now_h / tiny.turns.tick_h)


# --------------------------------------------------------------------------- the headline so far


def test_damage_avoided_so_far_is_against_the_same_seed_unanswered_at_the_same_hour(tiny):
    session = played(tiny)
    silent = Session(tiny, 1)
    silent.end_turn()
    silent.release_inject("I5")  # the facilitator's release is the story, not an answer
    silent.end_turn()
    silent.end_turn()
    so_far, truth, silence = (
        session.against_silence(),
        session.ground_truth(),
        silent.ground_truth(),
    )
    assert so_far.now_h == silence.now_h == 3.0
    assert (so_far.unanswered_aware, so_far.unanswered_aware_damage) == (
        silence.aware,
        silence.aware_damage,
    )
    lost = truth.reputation_index_start - truth.reputation_index
    lost_silent = silence.reputation_index_start - silence.reputation_index
    assert so_far.damage_avoided == share_avoided(lost, lost_silent)
    assert so_far.damage_avoided is not None and so_far.damage_avoided > 0


def test_asking_every_turn_or_once_meets_the_same_silence(tiny):
    once = played(tiny)
    every_turn = played(tiny, between_turns=Session.against_silence)
    assert every_turn.against_silence() == once.against_silence()
    assert every_turn.run_record() == once.run_record(), "asking never moves the session"


def test_nothing_is_avoided_before_an_answer_goes_out(tiny):
    session = Session(tiny, 1)
    session.queue(session.make_action(strategy="apology", at_h=3.0, text="We are sorry."))
    session.end_turn()
    session.end_turn()
    so_far, truth = session.against_silence(), session.ground_truth()
    assert so_far.damage_avoided == 0.0, "until it goes out, the run is silence, bit for bit"
    assert (so_far.unanswered_aware, so_far.unanswered_aware_damage) == (
        truth.aware,
        truth.aware_damage,
    )


def test_a_finished_run_is_compared_by_its_outcome(tiny):
    session = played(tiny)
    session.finish()
    with pytest.raises(ActionError, match="finished"):
        session.against_silence()


# --------------------------------------------------------------------------- save, load, replay


def assert_same_state(one: Session, other: Session) -> None:
    assert one.run_record() == other.run_record()
    assert one.history == other.history
    assert one.log == other.log
    assert one.outcome == other.outcome


def test_save_then_load_gives_the_same_session(tiny, tmp_path):
    session = played(tiny)
    path = tmp_path / "exercise.json"
    session.save(path)
    data = json.loads(path.read_text())
    assert (data["format"], data["format_version"]) == ("stormdrill-session", 1)
    assert data["spec"] == tiny.model_dump(mode="json")
    assert (data["seed"], data["team"], data["scenario_ref"]) == (1, "Blue", "tiny")
    kinds = [entry["kind"] for entry in data["log"]]
    assert kinds == [
        "queue",
        "end_turn",
        "queue",
        "release_inject",
        "note",
        "end_turn",
        "queue",
        "queue",
        "end_turn",
    ]

    loaded = Session.load(path)
    assert_same_state(session, loaded)
    assert loaded.team == "Blue" and loaded.turn == 3
    assert loaded.finish() == session.finish()
    assert_same_state(session, loaded)

    session.save(path)
    assert_same_state(session, Session.load(path))


def test_a_damaged_session_file_is_one_sentence(tiny, tmp_path):
    path = tmp_path / "exercise.json"
    played(tiny).save(path)
    path.write_text(path.read_text()[:500])
    with pytest.raises(SessionFileError) as error:
        Session.load(path)
    assert str(error.value).startswith(f"{path}: the session file is damaged or truncated")

    path.write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(SessionFileError, match="not a stormdrill session file"):
        Session.load(path)
    with pytest.raises(SessionFileError, match="no such session file"):
        Session.load(tmp_path / "missing.json")


def test_autosave_after_every_turn(tiny, tmp_path):
    path = tmp_path / "autosave.sqlite"
    session = Session(tiny, seed=2, autosave=path)
    assert not path.exists()
    for turn in (1, 2):
        session.end_turn()
        log = read_store(path).log
        assert [entry.kind for entry in log].count("end_turn") == turn
    session.close()
    assert [p.name for p in tmp_path.iterdir()] == ["autosave.sqlite"]  # WAL checkpointed


def test_what_the_team_or_the_facilitator_writes_is_saved_at_once(tiny, tmp_path):
    path = tmp_path / "autosave.sqlite"
    session = Session(tiny, seed=2, autosave=path)

    def kinds() -> list[str]:
        return [entry.kind for entry in read_store(path).log]

    session.queue(session.make_action(strategy="holding_statement"))
    assert kinds() == ["queue"]
    session.add_note("Quick first answer.")
    session.release_inject("I5")
    session.pause()
    session.resume()
    assert kinds() == ["queue", "note", "release_inject", "pause", "resume"]


# --------------------------------------------------------------------------- the pause


def test_while_paused_no_turn_ends_and_no_statement_is_queued(tiny):
    session = Session(tiny, seed=1)
    session.pause()
    assert session.paused
    with pytest.raises(ActionError, match="paused the exercise; it must be resumed to end"):
        session.end_turn()
    with pytest.raises(ActionError, match="resumed to queue a statement"):
        session.queue(session.make_action(strategy="apology"))
    session.add_note("Hot wash: who speaks for us?")
    session.release_inject("I5")
    assert session.turn == 0 and session.now_h == 0.0
    session.resume()
    assert not session.paused
    session.end_turn()
    assert session.turn == 1


def test_pause_and_resume_are_refused_twice_and_after_the_end(tiny):
    session = Session(tiny, seed=1)
    with pytest.raises(ActionError, match="not paused"):
        session.resume()
    session.pause()
    with pytest.raises(ActionError, match="already paused"):
        session.pause()
    session.resume()
    session.finish()
    with pytest.raises(ActionError, match="finished"):
        session.pause()


def test_a_pause_is_in_the_log_and_survives_saving_and_loading(tiny, tmp_path):
    session = Session(tiny, seed=3)
    session.end_turn()
    session.pause()
    path = tmp_path / "paused.json"
    session.save(path)
    loaded = Session.load(path)
    assert loaded.paused and loaded.turn == 1
    assert [entry.kind for entry in loaded.log] == ["end_turn", "pause"]
    assert loaded.log[1].at_h == pytest.approx(session.now_h) and loaded.log[1].turn == 2
    loaded.resume()
    loaded.end_turn()
    session.resume()
    session.end_turn()
    assert_same_state(session, loaded)


def test_a_log_that_plays_on_while_paused_does_not_replay(tiny):
    session = Session(tiny, seed=3)
    session.pause()
    log = list(session.log)
    session.resume()
    session.end_turn()
    tampered = [log[0], session.log[-1]]  # the turn ends with no resume
    with pytest.raises(ActionError, match="'end_turn' entry comes while the exercise is paused"):
        replay(tiny, 3, tampered)
    with pytest.raises(ActionError, match="'resume' entry comes while the exercise is not paused"):
        replay(tiny, 3, [session.log[1]])


def test_replay_rebuilds_the_session_from_its_log(tiny):
    session = played(tiny, seed=4)
    again = replay(tiny, 4, session.log, team="Blue", scenario_ref="tiny")
    assert_same_state(session, again)
    assert isinstance(session.log[1], TurnEnded) and isinstance(session.log[0], Queued)


# --------------------------------------------------------------------------- counterfactuals


def test_shifting_every_response_moves_the_first_one_by_the_shift(tiny):
    session = Session(tiny, seed=1)
    session.queue(session.make_action(strategy="holding_statement", at_h=2.75))  # out at 3.0
    session.end_turn()
    now = session.now_h
    result = session.counterfactual(shifted(-1.0))
    assert session.now_h == now and not session.finished
    assert result.actual.time_to_first_response_h == pytest.approx(3.0)
    assert result.alternative.time_to_first_response_h == pytest.approx(2.0)
    assert result.description == "every response 1 h earlier"
    assert result.actual == session.finish()


def test_no_response_counterfactual_has_no_statement(tiny):
    session = played(tiny)
    result = session.counterfactual(NO_RESPONSE)
    assert result.actual.time_to_first_response_h is not None
    assert result.alternative.time_to_first_response_h is None
    assert result.alternative.response_coverage == 0.0
    assert result.description == "no response at all"


def test_transparency_and_strategy_counterfactuals(tiny):
    session = Session(tiny, seed=1)
    session.queue(session.make_action(strategy="denial", at_h=1.0, transparency=0.1))
    variant = Variant(label="open apology", transparency=0.9, strategy="apology")
    result = session.counterfactual(variant)
    assert result.description == "open apology"
    assert result.alternative != result.actual
    with pytest.raises(ValidationError, match="strategy"):
        Variant(label="?", strategy="sorry")
    with pytest.raises(ValidationError, match="no response and a protocol's answers"):
        Variant(label="?", no_response=True, shift_h=1.0)


def test_every_response_fully_transparent_changes_what_was_not(tiny):
    """The team's own words, read by the rubric, go out less than fully transparent; the
    variant's transparency reaches the model (the logged actions are not read again)."""
    session = Session(tiny, seed=1)
    text = "We are looking into reports of a problem with the app."
    sent = session.queue(session.make_action(strategy="holding_statement", at_h=1.0, text=text))
    assert sent.transparency < 1.0
    session.finish()
    as_played, transparent = session.what_ifs((AS_PLAYED, FULLY_TRANSPARENT))
    assert transparent.outcome != as_played.outcome == session.outcome

    already = Session(tiny, seed=1)
    already.queue(already.make_action(strategy="holding_statement", at_h=1.0, transparency=1.0))
    result = already.counterfactual(FULLY_TRANSPARENT)
    assert result.alternative == result.actual


def test_a_journalists_quote_carries_the_answers_transparency():
    """The path of docs/screens/11: data-breach, seed 1, a holding statement answering the
    journalist's inquiry I3 after two turns."""
    session = Session(load_scenario("data-breach"), seed=1)
    session.end_turn()
    session.end_turn()
    answer = session.make_action(strategy="holding_statement", answers="I3", transparency=0.5)
    session.queue(answer)
    session.finish()
    result = session.counterfactual(FULLY_TRANSPARENT)
    assert result.alternative != result.actual


def test_an_apology_instead_of_every_denial_changes_only_the_denials(tiny):
    session = Session(tiny, seed=1)
    denial = session.queue(session.make_action(strategy="denial", at_h=1.0))
    update = session.queue(session.make_action(strategy="sympathy", at_h=1.5))
    assert APOLOGY_INSTEAD_OF_DENIAL.plan([denial, update]) == (
        denial.model_copy(update={"strategy": Strategy.APOLOGY}),
        update,
    )
    result = session.counterfactual(APOLOGY_INSTEAD_OF_DENIAL)
    assert (result.actual.inconsistencies, result.alternative.inconsistencies) == (1, 0)


def test_what_ifs_run_each_distinct_plan_once_and_keep_the_order_asked(tiny):
    session = Session(tiny, seed=1)
    session.finish()  # no actions: every variant but the protocol's is the run as played
    results = list(session.what_ifs((*WHAT_IFS, *TIMING)))
    assert [result.variant for result in results] == list(EVERY_WHAT_IF)
    for result in results:
        if result.variant is not REFERENCE:
            assert result.outcome is session.outcome
    assert [variant.timing_shift_h for variant in TIMING] == list(TIMING_SHIFTS_H)
    assert FULLY_TRANSPARENT.timing_shift_h is None


def live_models() -> int:
    gc.collect()
    return sum(isinstance(thing, CrisisModel) for thing in gc.get_objects())


def test_models_are_freed_after_use(tiny):
    before = live_models()
    session = played(tiny)
    session.counterfactual(shifted(1.0))
    assert live_models() == before + 1
    session.finish()
    del session
    assert live_models() == before


# --------------------------------------------------------------------------- determinism

_SCRIPT = """
import hashlib, json, sys
from sim.session import Session
from sim.spec.loader import load_scenario
session = Session(load_scenario(SCENARIO), int(sys.argv[1]))
session.queue(session.make_action(strategy="holding_statement", at_h=0.5))
session.end_turn()
session.queue(session.make_action(strategy="apology", transparency=0.9))
session.finish()
series = json.dumps(session.run_record().series, sort_keys=True)
print(hashlib.sha256(series.encode()).hexdigest())
""".replace("SCENARIO", repr(TINY))


def series_hash_in_a_new_process(seed: int, hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(seed)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_same_seed_and_actions_give_the_same_series_in_separate_processes():
    first = series_hash_in_a_new_process(7, hash_seed="1")
    assert first == series_hash_in_a_new_process(7, hash_seed="2")
    assert first != series_hash_in_a_new_process(8, hash_seed="1")
