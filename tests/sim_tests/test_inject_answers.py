"""Answers to internal, executive and regulator injects: the team answers them from the inbox,
the answer is a log entry like any other (saved, replayed), never reaches the public, and the
evaluation rates it against the inject's objective."""

from __future__ import annotations

from datetime import date

import pytest

from sim.errors import ActionError, UserError
from sim.evaluation import rate_objectives
from sim.report.content import session_document
from sim.report.markdown import render_markdown
from sim.session import InjectAnswered, Session, replay
from sim.spec.loader import load_scenario
from sim.spec.schema import Inject, Objective
from tests.tiny import TINY

ADVICE = "Disclose what we know now; you speak on video at 10:00, we draft it with legal."


@pytest.fixture(scope="module")
def advised():
    """tiny with an objective tested only by the CEO's call at T+0:30, due within the hour."""
    tiny = load_scenario(TINY)
    call = Inject(
        id="CEO1",
        time_h=0.5,
        type="executive_call",
        sender="CEO",
        message="What do you recommend?",
        objective="O9",
        deadline_h=1.0,
    )
    objective = Objective(id="O9", text="Advise the CEO on the first call before the hour is out.")
    meta = tiny.meta.model_copy(update={"objectives": (*tiny.meta.objectives, objective)})
    return tiny.model_copy(update={"injects": (*tiny.injects, call), "meta": meta})


def _rating(session: Session, objective_id: str = "O9"):
    return next(r for r in rate_objectives(session) if r.objective_id == objective_id)


def test_an_answer_is_logged_saved_and_replayed(advised, tmp_path):
    session = Session(advised, 1)
    session.end_turn()
    assert "CEO1" in session.answerable_inject_ids
    entry = session.answer_inject("CEO1", ADVICE)
    assert session.log[-1] == entry == session.inject_answers[-1]
    assert (entry.kind, entry.inject_id, entry.text, entry.at_h) == (
        "answer_inject",
        "CEO1",
        ADVICE,
        1.0,
    )
    session.save(tmp_path / "s.json")
    loaded = Session.load(tmp_path / "s.json")
    assert loaded.log == session.log
    assert loaded.inject_answers == (entry,)


def test_an_answer_in_private_changes_nothing_in_the_crowd(advised):
    quiet, answered = Session(advised, 1), Session(advised, 1)
    for session in (quiet, answered):
        session.end_turn()
    answered.answer_inject("CEO1", ADVICE)
    for session in (quiet, answered):
        session.end_turn()
    assert quiet.run_record().series == answered.run_record().series
    assert not answered.run_record().statements


def test_answered_in_time_is_rated_p_and_quoted_in_the_evidence(advised):
    session = Session(advised, 1)
    session.end_turn()
    session.answer_inject("CEO1", ADVICE)
    session.end_turn()
    rating = _rating(session)
    assert (rating.rule, rating.rating) == ("deadlines", "P")
    assert any("CEO1 from CEO" in line and "answered in time" in line for line in rating.evidence)
    assert any(line.startswith("Answer to CEO1 (CEO) at T+1:00") for line in rating.evidence)


def test_unanswered_it_lapses_and_is_rated_u(advised):
    session = Session(advised, 1)
    session.end_turn()
    session.end_turn()
    assert _rating(session).rating == "U"


def test_an_answer_that_contradicts_the_public_statement_counts_against_consistency():
    spec = load_scenario("data-breach").model_copy(
        update={"graph": load_scenario("data-breach").graph.model_copy(update={"users": 800})}
    )
    session = Session(spec, 1)
    session.queue(session.make_action(template="breach-protect"))
    for _ in range(3):
        session.end_turn()
    session.answer_inject("I5", "No customer data was taken; there was no breach.")
    session.end_turn()
    o3 = _rating(session, "O3")
    assert o3.rule == "consistency"
    assert any("in answers to injects (I5)" in line for line in o3.evidence)
    assert o3.rating != "P"


def test_what_cannot_be_answered_in_private_is_one_sentence(advised):
    session = Session(advised, 1)
    with pytest.raises(ActionError, match="not one the team can answer"):
        session.answer_inject("CEO1", ADVICE)  # not arrived yet
    session.end_turn()
    with pytest.raises(ActionError, match="answer a journalist with a statement"):
        session.answer_inject("I3", ADVICE)  # a journalist's inquiry
    with pytest.raises(ActionError, match="empty"):
        session.answer_inject("CEO1", "   ")
    session.pause()
    with pytest.raises(ActionError, match="paused"):
        session.answer_inject("CEO1", ADVICE)


def test_a_log_that_answers_what_never_arrived_does_not_replay(advised, tmp_path):
    session = Session(advised, 1)
    session.end_turn()
    session.answer_inject("CEO1", ADVICE)
    forged = session.log[-1].model_copy(update={"inject_id": "I2"})
    assert isinstance(forged, InjectAnswered)
    with pytest.raises(ActionError, match="not one the team can answer"):
        replay(advised, 1, (*session.log[:-1], forged))


def test_the_after_action_report_shows_the_answer_as_written(advised, tmp_path):
    session = Session(advised, 1)
    session.end_turn()
    session.answer_inject("CEO1", ADVICE)
    session.end_turn()
    report = tmp_path / "aar.md"
    text = render_markdown(session_document(session, date(2026, 12, 1), "test"), report)
    section = text.split("## Answers to internal, executive and regulator injects")[1]
    assert "| T+1:00 | CEO1 | CEO |" in section.split("\n## ")[0]
    assert "Answered CEO1 in private" in text.split("## Incident timeline")[1]
    assert "Disclose what we know now" in section


async def test_a_hosted_player_answers_from_the_inbox_and_sees_it_rated(advised, tmp_path):
    from sim.host.client import SeatClient
    from sim.host.seats import Command, new_seats
    from sim.host.server import Host, serve

    session = Session(advised, 1, team="Blue", scenario_ref="tiny")
    session.claim_autosave([tmp_path / "hosted.sqlite"])
    made = new_seats(session.spec.meta.roles)
    codes = {seat.role: code for seat, code in made}
    runner, port = await serve(Host(session, [seat for seat, _ in made]), "127.0.0.1", 0)
    url = f"http://127.0.0.1:{port}"
    player = SeatClient(url, codes[session.spec.meta.roles[0]])
    observer = SeatClient(url, codes["observer"])
    facilitator = SeatClient(url, codes["facilitator"])
    for seat in (player, observer, facilitator):
        await seat.join()
    try:
        await facilitator.do(Command.END_TURN)
        view = await player.wait_for_view(lambda view: "CEO1" in view.answerable)
        assert [item.status for item in view.rated if item.inject_id == "CEO1"] == ["open"]
        with pytest.raises(UserError):
            await observer.do(Command.ANSWER_INJECT, inject_id="CEO1", text=ADVICE)
        await player.do(Command.ANSWER_INJECT, inject_id="CEO1", text=ADVICE)
        view = await player.wait_for_view(
            lambda view: any(item.status == "answered" for item in view.rated)
        )
        assert isinstance(session.log[-1], InjectAnswered)
        assert session.log[-1].text == ADVICE
        assert session.run_record().statements == ()  # never published
    finally:
        for seat in (player, observer, facilitator):
            await seat.close()
        await runner.cleanup()
        session.close()
