"""Appendix A, the Improvement Plan, follows the rating the report uses: where the evaluators
disagree with the automatic rating theirs decides which objectives get rows, each row carries
the reasons of the evaluators who saw challenges, and an objective they rated P over a worse
automatic rating gets no row and a sentence saying why, in every form of the report."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from sim.evaluation import ObjectiveRating, improvement_plan
from sim.report import build_report, render_html, render_markdown, render_pdf
from sim.report.document import Section, Table
from sim.session import Rated, Session
from sim.spec.loader import load_scenario
from tests.tiny import TINY

OVERRIDES = ["turns.horizon_days=1"]


def automatic(rating: str, *areas: str, rule: str = "first_statement") -> ObjectiveRating:
    return ObjectiveRating(
        objective_id="O1", text="First statement within an hour.", rating=rating, rule=rule,
        evidence=("First statement at T+0:30.",), areas_for_improvement=areas,
    )  # fmt: skip


def rated(by: str, rating: str, reason: str) -> Rated:
    return Rated(at_h=1.0, turn=1, objective="O1", rating=rating, reason=reason, by=by)


LATE = "The first statement came 1 h 30 min after the alert, 30 min over the target."


def test_without_evaluators_each_area_for_improvement_is_a_row_at_the_automatic_rating():
    plan = improvement_plan([automatic("S", LATE), automatic("P")])
    (item,) = plan.items
    assert (item.issue, item.rating, item.area, item.evaluators) == (LATE, "S", 0, ())
    assert item.capability_element == "planning" and plan.set_aside == ()


def test_an_objective_the_evaluators_rate_m_gets_a_row_though_the_automatic_rating_is_p():
    plan = improvement_plan([automatic("P")], [rated("Ada", "M", "the room argued 40 minutes.")])
    (item,) = plan.items
    assert item.rating == "M" and item.area is None
    assert item.issue == (
        "The evaluator rated it M where the automatic rating is P; the report uses the "
        "evaluators' M."
    )
    assert item.evaluators == ("Ada (M): the room argued 40 minutes",)
    assert item.corrective_action.startswith("Pre-approve holding statements")


def test_an_objective_the_evaluators_rate_p_over_an_automatic_u_gets_no_row_and_says_why():
    never = "The team never made a public statement."
    plan = improvement_plan([automatic("U", never)], [rated("Ada", "P", "silence was agreed")])
    assert plan.items == ()
    (left_out,) = plan.set_aside
    assert (left_out.objective_id, left_out.automatic, left_out.rating) == ("O1", "U", "P")
    assert left_out.sentence == (
        "The evaluator rated it P where the automatic rating is U; the report uses the "
        "evaluators' P."
    )


def test_a_worse_rating_from_the_evaluators_is_on_every_row_with_the_reasons_of_who_saw_it():
    given = [rated("Ada", "U", "nobody owned the statement"), rated("Bo", "P", "fine by me")]
    plan = improvement_plan([automatic("S", LATE, "A second area.")], given)
    assert [(item.issue, item.rating, item.area) for item in plan.items] == [
        (LATE, "U", 0),
        ("A second area.", "U", 1),
    ]
    assert {item.evaluators for item in plan.items} == {("Ada (U): nobody owned the statement",)}


def test_a_not_exercised_objective_the_evaluators_rated_keeps_its_row_at_their_rating():
    area = "O1 was not exercised; release its injects in the next exercise."
    plan = improvement_plan(
        [automatic("N", area, rule="not_exercised")], [rated("Ada", "M", "the CEO call was lost")]
    )
    (item,) = plan.items
    assert (item.issue, item.rating, item.capability_element) == (area, "M", "exercise")
    assert item.evaluators == ("Ada (M): the CEO call was lost",)


# --------------------------------------------------------------------------- in the report


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Tiny, one day, a holding statement at once: O1 (first statement) and O2 (the journalist)
    are rated P automatically, O3 N (not exercised, with an area). The evaluators rate O1 M and
    U, and O3 P."""
    spec = load_scenario(TINY, OVERRIDES)
    session = Session(spec, seed=3, scenario_ref="tiny", overrides=OVERRIDES)
    session.queue(session.make_action(strategy="holding_statement", text="We are on it."))
    session.end_turn()
    session.end_turn()
    session.rate("O1", "M", "the room argued for 40 minutes first", by="Ada")
    session.rate("O1", "U", "nobody owned the statement.", by="Bo")
    session.rate("O3", "P", "the CEO's call was handled on the phone", by="Ada")
    path = tmp_path_factory.mktemp("plan") / "rated.json"
    session.save(path)
    session.close()
    return build_report(path)


def _plan_section(document) -> Section:
    return next(s for s in document.sections if s.title == "Appendix A: Improvement Plan")


O1_ISSUE = (
    "The evaluators disagree among themselves (Ada M, Bo U); the report uses the most severe of "
    "their ratings, U over the automatic P. Evaluators: Ada (M): the room argued for 40 minutes "
    "first; Bo (U): nobody owned the statement."
)
O3_LEFT_OUT = (
    "O3 has no row: The evaluator rated it P where the automatic rating is N; the report uses "
    "the evaluators' P. The areas for improvement the log shows are in its analysis."
)


def test_the_report_s_plan_has_the_rows_of_the_rating_used(report):
    table, left_out = _plan_section(report).blocks
    assert isinstance(table, Table)
    assert table.header[:3] == ("Objective", "Rating", "Issue / area for improvement")
    (row,) = table.rows
    assert row[:3] == ("O1", "U", O1_ISSUE)
    assert row[3].startswith("Pre-approve holding statements")
    assert left_out.text == O3_LEFT_OUT


def test_the_things_to_fix_are_the_plan_s_rows(report):
    summary = report.sections[0]
    lines = summary.blocks[-1].items
    assert len(lines) == 1 and lines[0].startswith("O1 rated U: The evaluators disagree")
    assert "Root cause: What the evaluators saw: Ada (M): the room argued" in lines[0]
    assert all("O3" not in line for line in lines), "rated P by the evaluators: nothing to fix"


def test_markdown_html_and_pdf_show_the_same_plan(report, tmp_path):
    markdown = render_markdown(report, tmp_path / "aar.md")
    plan = markdown[markdown.index("## Appendix A: Improvement Plan") :]
    assert f"| O1 | U | {O1_ISSUE} |" in plan
    assert O3_LEFT_OUT in plan
    page = render_html(report)
    plan_html = page[page.index("Appendix A: Improvement Plan") :]
    assert re.search(r"<td>O1</td><td class=\"rating rating-u\">U</td>", plan_html)
    assert "Bo (U): nobody owned the statement." in plan_html
    assert "O3 has no row" in plan_html
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(report)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    plan_pdf = text[text.index("Appendix A: Improvement Plan") :]
    assert "Ada (M): the room argued" in plan_pdf and "O3 has no row" in plan_pdf
