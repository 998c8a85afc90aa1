"""Evaluators rate the objectives themselves: P/S/M/U with a reason, logged like notes, shown
in the AAR beside the automatic rating, and used where they disagree with it (the latest rating
of each evaluator; the most severe when the evaluators disagree among themselves), which the
report says in a sentence."""

from __future__ import annotations

import pytest

from sim.errors import UserError
from sim.evaluation import ObjectiveRating, judged
from sim.host.seats import SeatKind
from sim.host.visibility import debrief_for
from sim.i18n import translator
from sim.report import build_report, render_markdown
from sim.session import Rated, Session, replay
from sim.session.store import read_store
from sim.spec.loader import load_scenario
from tests.tiny import TINY

OVERRIDES = ["turns.horizon_days=1"]


def automatic(rating: str) -> ObjectiveRating:
    return ObjectiveRating(
        objective_id="O1", text="First statement within an hour.", rating=rating,
        rule="first_statement", evidence=("First statement at T+0:30.",),
    )  # fmt: skip


def rated(by: str, rating: str, reason: str = "as seen", objective: str = "O1") -> Rated:
    return Rated(at_h=1.0, turn=1, objective=objective, rating=rating, reason=reason, by=by)


def test_with_no_evaluator_rating_the_automatic_one_stands():
    (judgement,) = judged([automatic("S")], [rated("Ada", "U", objective="O2")])
    assert (judgement.rating, judgement.evaluators, judgement.sentence) == ("S", (), "")


def test_an_evaluator_who_agrees_is_shown_and_changes_nothing():
    (judgement,) = judged([automatic("S")], [rated("Ada", "S")])
    assert judgement.rating == "S"
    assert judgement.sentence == "The evaluator rated it S, as the automatic rating does."


def test_where_the_evaluators_disagree_with_the_automatic_rating_theirs_is_used():
    (judgement,) = judged([automatic("P")], [rated("Ada", "M"), rated("Bo", "M")])
    assert judgement.automatic == "P" and judgement.rating == "M"
    assert judgement.sentence == (
        "Both evaluators rated it M where the automatic rating is P; the report uses the "
        "evaluators' M."
    )
    (three,) = judged([automatic("P")], [rated(name, "S") for name in ("Ada", "Bo", "Cy")])
    assert three.sentence.startswith("All 3 evaluators rated it S where")


def test_an_evaluator_s_latest_rating_replaces_their_earlier_one():
    given = [rated("Ada", "U", "no statement yet"), rated("ada ", "S", "it came late")]
    (judgement,) = judged([automatic("P")], given)
    assert [entry.reason for entry in judgement.evaluators] == ["it came late"]
    assert judgement.rating == "S"


def test_evaluators_who_disagree_among_themselves_give_the_most_severe_and_it_is_said():
    (judgement,) = judged([automatic("P")], [rated("Ada", "S"), rated("Bo", "U"), rated("Cy", "P")])
    assert judgement.rating == "U"
    assert judgement.sentence == (
        "The evaluators disagree among themselves (Ada S, Bo U, Cy P); the report uses the most "
        "severe of their ratings, U over the automatic P."
    )
    (same,) = judged([automatic("U")], [rated("Ada", "S"), rated("Bo", "U")])
    assert same.rating == "U" and same.sentence.endswith("U, as the automatic rating is.")


def test_a_not_exercised_objective_takes_the_evaluators_rating():
    (judgement,) = judged([automatic("N")], [rated("Ada", "M")])
    assert judgement.rating == "M"


@pytest.fixture(scope="module")
def tiny():
    return load_scenario(TINY, OVERRIDES)


def test_a_rating_is_a_log_entry_stored_and_replayed_even_after_the_end(tiny, tmp_path):
    session = Session(tiny, seed=3, autosave=tmp_path / "rated.sqlite")
    session.rate("O1", "M", "  the holding line waited for legal  ", by="Ada")
    session.end_turn()
    session.finish()
    session.rate("O1", "S", "at the hot wash: legal had good reason", by="Ada")
    assert [(entry.rating, entry.reason) for entry in session.evaluator_ratings] == [
        ("M", "the holding line waited for legal"),
        ("S", "at the hot wash: legal had good reason"),
    ]
    stored = read_store(session.autosave).log
    assert [entry.kind for entry in stored] == ["rate", "end_turn", "finish", "rate"]
    assert replay(tiny, 3, stored).evaluator_ratings == session.evaluator_ratings
    session.close()


@pytest.mark.parametrize(
    ("objective", "rating", "reason", "by", "sentence"),
    [
        ("O9", "P", "why", "Ada", "objective 'O9' is not one of this exercise's objectives "
         "(O1, O2, O3); rate one of those."),
        ("O1", "X", "why", "Ada", "rating 'X' is not an EEG rating; give P (performed without "
         "challenges), S (with some challenges), M (with major challenges) or U (unable to be "
         "performed)."),
        ("O1", "P", "  ", "Ada", "the rating of O1 has no reason; write why it is P."),
        ("O1", "P", "why", "", "the rating names no evaluator; give your name with it."),
    ],
)  # fmt: skip
def test_a_wrong_rating_is_one_sentence_and_logs_nothing(
    tiny, objective, rating, reason, by, sentence
):
    session = Session(tiny, seed=3)
    with pytest.raises(UserError) as raised:
        session.rate(objective, rating, reason, by)
    assert str(raised.value) == sentence
    assert session.log == ()
    session.close()


def test_the_report_shows_both_ratings_with_the_reasons_and_uses_the_evaluators(tiny, tmp_path):
    session = Session(tiny, seed=3, scenario_ref="tiny", overrides=OVERRIDES)
    session.queue(session.make_action(strategy="holding_statement", text="We are on it."))
    session.end_turn()
    session.rate("O1", "M", "the room argued for 40 minutes first", by="Ada")
    session.rate("O1", "U", "nobody owned the statement", by="Bo")
    path = tmp_path / "rated.json"
    session.save(path)
    session.close()
    text = render_markdown(build_report(path), tmp_path / "aar.md")
    assert "| O1 | U | Unable to be performed | P | Ada M, Bo U |" in text
    assert "| O2 |" in text and "| none |" in text
    assert "- Ada at T+1:00: M (Performed with major challenges), because the room argued" in text
    assert "- Bo at T+1:00: U (Unable to be performed), because nobody owned the statement" in text
    assert (
        "The evaluators disagree among themselves (Ada M, Bo U); the report uses the most "
        "severe of their ratings, U over the automatic P." in text
    )


def test_the_seats_debrief_says_which_rating_is_used_in_the_hosts_language(tiny):
    session = Session(tiny, seed=3)
    session.rate("O1", "S", "the silence was agreed with legal", by="Ada")
    session.end_turn()
    session.finish()
    italian = debrief_for(SeatKind.EVALUATOR, session, (), translator("it_IT"))
    english = debrief_for(SeatKind.EVALUATOR, session, ())
    session.close()
    o1 = next(item for item in italian.judgements if item.objective_id == "O1")
    assert o1.sentence == (
        "Il valutatore lo ha valutato S dove la valutazione automatica è U; il rapporto usa la "
        "S dei valutatori."
    )
    assert next(j for j in english.judgements if j.objective_id == "O1").sentence.startswith(
        "The evaluator rated it S where the automatic rating is U;"
    )
