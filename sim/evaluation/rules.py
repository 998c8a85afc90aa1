"""The rating rules, one function per kind of objective; `sim.evaluation.objectives` picks one.

Each rule reduces an objective to a delay against a target or to a share of tasks done, grades
it (`sim.evaluation.rating`), and says why in evidence lines a facilitator can check against the
timeline. The rules, as the AAR explains them:

- first_statement: from the listening alert (or the trigger, if the alert never fired) to the
  first public statement: P within the objective's target, S within 2x, M within 4x, U later or
  never.
- deadlines: of the inquiries and injects for the objective whose deadline has passed, the share
  the team acted on in time: all P, at least half S, some M, none U; a printed 'no comment'
  caps the rating at S. An inject without a deadline must be acted on within the scenario's
  journalist deadline (media.inquiry_deadline_h).
- consistency: contradictions among the brand's statements and between its answers to
  internal, executive and regulator injects and what it had said in public by then: none P,
  1 S, 2 M, 3 or more U (U too when it said nothing).
- instructions: clear instructions to the affected (the rubric's "instructions" score of at
  least 0.5) in the first statement P, in a later one S, only weaker ones M, none U.
- responsibility: a denial, scapegoat or attack on accusers M (U if evidence then contradicted
  it), an excuse or justification S, otherwise P (U when it said nothing).
- not_exercised: nothing in the log tested the objective; rated N (not exercised), with the time
  to the first public statement as context, and listed as an area for improvement of the
  exercise itself.
"""

from __future__ import annotations

from sim.clock import EPSILON_H, clock, hours_text
from sim.evaluation.facts import DeadlineItem, ExerciseFacts
from sim.evaluation.rating import (
    ObjectiveRating,
    Rating,
    Rule,
    at_best,
    rating_for_delay,
    rating_for_share,
)
from sim.rubric import score_message
from sim.session.views import Statement
from sim.spec.schema import DENIAL_STRATEGIES, Objective, Strategy

RULE_DESCRIPTIONS: dict[Rule, str] = {
    "first_statement": "time from the listening alert to the first public statement: P within "
    "the target, S within twice it, M within four times it, U later or never",
    "deadlines": "share of its inquiries and injects acted on before their deadline: all P, at "
    "least half S, some M, none U; a printed 'no comment' caps it at S",
    "consistency": "contradictions among the brand's statements, and between its answers to "
    "injects and what it had said in public: none P, one S, two M, three or more U",
    "instructions": "clear instructions to the affected in the first statement P, in a later "
    "one S, only hints M, none U",
    "responsibility": "denial, scapegoating or attacking accusers M (U if evidence contradicted "
    "it), excuses or justification S, otherwise P",
    "not_exercised": "nothing in the log tested it, so it is not rated (N); the time to the first "
    "public statement is given as context",
}
DIMINISH_STRATEGIES = frozenset({Strategy.EXCUSE, Strategy.JUSTIFICATION})
CLEAR_INSTRUCTIONS = 0.5  # the rubric's "instructions" score from which they count as clear
CONTRADICTIONS_RATING: tuple[Rating, ...] = ("P", "S", "M")


def _clock(facts: ExerciseFacts, at_h: float) -> str:
    return clock(at_h - facts.start_h)


def _strategy(statement: Statement) -> str:
    return statement.action.strategy.value.replace("_", " ")


def _said(facts: ExerciseFacts) -> list[Statement]:
    return [s for s in facts.statements if s.says_something]


ANSWER_EXCERPT = 120  # characters of an answer quoted in the evidence


def _note_lines(objective: Objective, facts: ExerciseFacts) -> tuple[str, ...]:
    return tuple(
        f"Evaluator note at {_clock(facts, at_h)}: {text}"
        for at_h, text, about in facts.notes
        if about == objective.id
    )


def _answer_lines(objective: Objective, facts: ExerciseFacts) -> tuple[str, ...]:
    """The team's answers to the objective's internal, executive and regulator injects."""
    lines = []
    for answer in facts.answers_for(objective.id):
        text = " ".join(answer.text.split())
        if len(text) > ANSWER_EXCERPT:
            text = text[: ANSWER_EXCERPT - 1] + "…"
        stance = "contradicts" if answer.contradicts else "is consistent with"
        lines.append(
            f"Answer to {answer.inject_id} ({answer.sender or 'the controller'}) at "
            f"{_clock(facts, answer.at_h)}: “{text}”; it {stance} the public statements by then."
        )
    return tuple(lines)


def _rated(
    objective: Objective,
    facts: ExerciseFacts,
    rule: Rule,
    rating: Rating,
    evidence: list[str],
    strengths: list[str],
    areas: list[str],
) -> ObjectiveRating:
    return ObjectiveRating(
        objective_id=objective.id,
        text=objective.text,
        rating=rating,
        rule=rule,
        evidence=(*evidence, *_answer_lines(objective, facts), *_note_lines(objective, facts)),
        strengths=tuple(strengths),
        areas_for_improvement=tuple(areas),
    )


# --------------------------------------------------------------------------- timing


def _delay_since_alert(facts: ExerciseFacts) -> tuple[float | None, list[str]]:
    """Hours from the alert to the first public statement, with the facts that say so."""
    alert = facts.detected_at_h
    if alert is None:
        reference = facts.start_h
        evidence = ["The listening alert never fired; the clock starts at the trigger (T+0:00)."]
    else:
        reference = alert
        evidence = [f"Listening alert at {_clock(facts, alert)}."]
    first = facts.first_statement_h
    if first is None:
        evidence.append(f"No public statement by {_clock(facts, facts.now_h)}.")
        return None, evidence
    public = [s for s in _said(facts) if s.action.is_public]
    opened = public and abs(public[0].at_h - first) < EPSILON_H
    what = f" ({_strategy(public[0])})" if opened else ""
    since = first - reference
    when = f"{hours_text(abs(since))} {'after' if since >= 0 else 'before'}"
    evidence.append(
        f"First public statement{what} at {_clock(facts, first)}, {when} "
        f"{'the alert' if alert is not None else 'the trigger'}."
    )
    return max(since, 0.0), evidence


def first_statement(objective: Objective, facts: ExerciseFacts) -> ObjectiveRating:
    target = objective.first_statement_within_h or 0.0
    delay, evidence = _delay_since_alert(facts)
    evidence.append(f"Target: within {hours_text(target)} of detection.")
    rating = rating_for_delay(delay, target)
    strengths, areas = [], []
    if delay is None:
        areas.append("The team never made a public statement.")
    elif rating == "P":
        strengths.append(f"First public statement within the {hours_text(target)} target.")
    else:
        over = "more than four times" if rating == "U" else "beyond"
        areas.append(
            f"First public statement {hours_text(delay)} after detection, {over} the "
            f"{hours_text(target)} target."
        )
    return _rated(objective, facts, "first_statement", rating, evidence, strengths, areas)


def not_exercised(objective: Objective, facts: ExerciseFacts) -> ObjectiveRating:
    waiting = [
        inject.id
        for inject in facts.spec.injects
        if inject.objective == objective.id and inject.id not in facts.released_injects
    ]
    still_open = [item.id for item in facts.items_for(objective.id) if item.status == "open"]
    if still_open:
        reason = f"its items ({', '.join(still_open)}) were still open when play stopped"
    elif waiting:
        reason = f"its injects ({', '.join(waiting)}) were never released"
    else:
        reason = "no inject in the MSEL tests it"
    _, evidence = _delay_since_alert(facts)
    evidence.insert(0, f"Nothing in the log tested {objective.id}: {reason}; it is not rated.")
    areas = [
        f"{objective.id} was not exercised ({reason}); release its injects in the next exercise."
    ]
    return _rated(objective, facts, "not_exercised", "N", evidence, [], areas)


# --------------------------------------------------------------------------- deadlines

_STATUS_WORDS = {
    "answered": "answered in time",
    "quoted": "covered in time by a public statement the journalist could quote",
    "no_comment": "no answer; 'no comment' printed",
    "missed": "not acted on before the deadline",
}


def deadlines(
    objective: Objective, facts: ExerciseFacts, items: tuple[DeadlineItem, ...]
) -> ObjectiveRating:
    closed = [item for item in items if item.status != "open"]
    if not closed:
        return not_exercised(objective, facts)
    met = [item for item in closed if item.met]
    rating = rating_for_share(len(met), len(closed))
    no_comment = [item for item in closed if item.status == "no_comment"]
    if no_comment:
        rating = at_best(rating, "S")
    evidence = [f"{len(met)} of {len(closed)} items with a deadline were acted on in time."]
    evidence += [
        f"{item.id} from {item.sender or 'the controller'} at {_clock(facts, item.asked_h)}, "
        f"due {_clock(facts, item.deadline_h)}: {_STATUS_WORDS[item.status]}."
        for item in closed
    ]
    strengths = [
        f"{item.id} ({item.sender or item.title}) was answered before its deadline." for item in met
    ]
    areas = []
    for item in closed:
        if item.status == "no_comment":
            areas.append(
                f"{item.sender or 'A journalist'} printed that the brand did not comment "
                f"({item.id}, deadline {_clock(facts, item.deadline_h)})."
            )
        elif item.status == "missed":
            areas.append(
                f"{item.id} ({item.sender or item.title}) lapsed at "
                f"{_clock(facts, item.deadline_h)} without a response."
            )
    return _rated(objective, facts, "deadlines", rating, evidence, strengths, areas)


# --------------------------------------------------------------------------- what was said


def consistency(objective: Objective, facts: ExerciseFacts) -> ObjectiveRating:
    said = _said(facts)
    if not said:
        evidence = ["The brand released no statement."]
        areas = ["The brand said nothing, so there was no message to keep consistent."]
        return _rated(objective, facts, "consistency", "U", evidence, [], areas)
    contradicting = [answer for answer in facts.answers if answer.contradicts]
    count = facts.inconsistencies + len(contradicting)
    rating = CONTRADICTIONS_RATING[count] if count < len(CONTRADICTIONS_RATING) else "U"
    sequence = ", ".join(f"{_strategy(s)} at {_clock(facts, s.at_h)}" for s in said)
    evidence = [
        f"Statements in order: {sequence}.",
        f"Contradictions with earlier statements: {count}"
        + (
            f", {len(contradicting)} of them in answers to injects "
            f"({', '.join(answer.inject_id for answer in contradicting)})."
            if contradicting
            else "."
        ),
    ]
    if facts.evidence_emerged:
        evidence.append("Evidence contradicting a denial surfaced.")
    strengths, areas = [], []
    if count == 0:
        strengths.append(f"All {len(said)} statements were consistent with one another.")
    else:
        areas.append(
            f"{count} statement{'s' if count > 1 else ''} contradicted what the brand had "
            "said before."
        )
    return _rated(objective, facts, "consistency", rating, evidence, strengths, areas)


def instruction_strength(text: str, locale: str) -> float:
    """How clearly a text tells affected people what to do, 0-1: the rubric's own component, so
    the composer, the debrief and the report agree."""
    return score_message(text, locale).component("instructions").score


def instructions(objective: Objective, facts: ExerciseFacts) -> ObjectiveRating:
    written = [s for s in _said(facts) if s.action.text.strip()]
    locale = facts.spec.meta.locale
    scores = [instruction_strength(s.action.text, locale) for s in written]
    evidence = [
        f"{_strategy(s)} at {_clock(facts, s.at_h)}: instructions {score:.1f} of 1."
        for s, score in zip(written, scores, strict=True)
    ] or ["No statement with text went out."]
    clear = [index for index, score in enumerate(scores) if score >= CLEAR_INSTRUCTIONS]
    strengths, areas = [], []
    if clear and clear[0] == 0:
        rating: Rating = "P"
        strengths.append("The first statement told affected people what to do.")
    elif clear:
        rating = "S"
        first = written[clear[0]]
        areas.append(
            f"Clear instructions to the affected came only at {_clock(facts, first.at_h)}, "
            "not in the first statement."
        )
    elif any(scores):
        rating = "M"
        areas.append("The statements hinted at what to do but gave no clear instructions.")
    else:
        rating = "U"
        areas.append("No statement told affected people what to do.")
    return _rated(objective, facts, "instructions", rating, evidence, strengths, areas)


def responsibility(objective: Objective, facts: ExerciseFacts) -> ObjectiveRating:
    public = [s for s in _said(facts) if s.action.is_public]
    if not public:
        evidence = ["The brand made no public statement."]
        areas = ["The brand never addressed the crisis publicly."]
        return _rated(objective, facts, "responsibility", "U", evidence, [], areas)
    denials = [s for s in public if s.action.strategy in DENIAL_STRATEGIES]
    excuses = [s for s in public if s.action.strategy in DIMINISH_STRATEGIES]
    evidence = [
        "Public strategies: "
        + ", ".join(f"{_strategy(s)} at {_clock(facts, s.at_h)}" for s in public)
        + "."
    ]
    if facts.evidence_emerged:
        evidence.append("Evidence contradicting a denial surfaced.")
    strengths, areas = [], []
    if denials:
        rating: Rating = "U" if facts.evidence_emerged else "M"
        first = denials[0]
        areas.append(
            f"The brand used {_strategy(first)} at {_clock(facts, first.at_h)}"
            + (", and evidence then contradicted it." if facts.evidence_emerged else ".")
        )
    elif excuses:
        rating = "S"
        areas.append(
            f"The brand minimised its part with {_strategy(excuses[0])} at "
            f"{_clock(facts, excuses[0].at_h)}."
        )
    else:
        rating = "P"
        strengths.append("The brand never denied, shifted the blame or attacked its critics.")
    return _rated(objective, facts, "responsibility", rating, evidence, strengths, areas)
