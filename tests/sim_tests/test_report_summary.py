"""The executive summary's things to fix (sim.report.summary): the areas for improvement grouped
by kind, ranked by what the what-if fixing them saved on the seed, then by rating."""

from __future__ import annotations

from sim.report.summary import Fix, Shortfall, fix_lines, fixes_lead, ranked


def _fix(rule, rating, cost, objective="O1"):
    shortfall = Shortfall(objective, rating, rule, f"{rule} went wrong.", f"{rule} cause.")
    return Fix(rule, (shortfall,), f"Fix {rule}.", cost, "a what-if" if cost is not None else "")


def test_the_costliest_come_first_and_at_most_three():
    found = [
        _fix("instructions", "S", 0.10),
        _fix("first_statement", "S", 0.40),
        _fix("responsibility", "M", 0.25),
        _fix("deadlines", "U", 0.05),
    ]
    assert [fix.rule for fix in ranked(found)] == [
        "first_statement",
        "responsibility",
        "instructions",
    ]


def test_without_a_measured_saving_the_worse_rating_ranks_first_then_the_given_order():
    found = [
        _fix("not_exercised", "N", None),
        _fix("consistency", "S", -0.2),
        _fix("deadlines", "U", 0.0),
        _fix("instructions", "S", None),
    ]
    assert [fix.rule for fix in ranked(found)] == ["deadlines", "consistency", "instructions"]


def test_a_fix_rated_by_its_worst_shortfall():
    fix = Fix(
        "deadlines",
        (
            Shortfall("O2", "S", "deadlines", "one", "c"),
            Shortfall("O3", "U", "deadlines", "two", "c"),
        ),
        "Fix.",
    )
    assert fix.rating == "U"
    (line,) = fix_lines([fix])
    assert line == (
        "O2 rated S: one Root cause: c 1 more like it (O2, O3) in the analysis. Fix: Fix. "
        "No what-if measures what it cost."
    )


def test_a_fix_says_what_it_cost_or_that_it_would_not_have_helped():
    (saved,) = fix_lines([_fix("first_statement", "S", 0.4)])
    assert saved.endswith(
        "On this seed, a what-if would have cut the damage among the aware by 0.40 RI points."
    )
    (useless,) = fix_lines([_fix("first_statement", "S", -0.1)])
    assert useless.endswith("On this seed, a what-if would not have lowered the damage.")


def test_the_lead_says_when_fewer_than_three_were_found():
    assert fixes_lead(0, 0, 0) == (
        "Things to fix: no area for improvement was found, so there is nothing to fix."
    )
    assert fixes_lead(1, 1, 2) == (
        "Things to fix: only one thing (2 areas for improvement), fewer than three."
    )
    assert fixes_lead(2, 2, 5).startswith("Things to fix: only 2 things (5 areas for improvement)")
    assert fixes_lead(3, 4, 6) == (
        "The 3 things to fix first, of 4 (6 areas for improvement), ranked by what they cost on "
        "this seed; Appendix A lists every one."
    )
