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
from sim.i18n import ENGLISH, N_, Translator
from sim.labels import label
from sim.rubric import score_message
from sim.session.views import Statement
from sim.spec.schema import DENIAL_STRATEGIES, Objective, Strategy

RULE_DESCRIPTIONS: dict[Rule, str] = {
    "first_statement": N_(
        "time from the listening alert to the first public statement: P within "
        "the target, S within twice it, M within four times it, U later or never"
    ),
    "deadlines": N_(
        "share of its inquiries and injects acted on before their deadline: all P, at "
        "least half S, some M, none U; a printed 'no comment' caps it at S"
    ),
    "consistency": N_(
        "contradictions among the brand's statements, and between its answers to "
        "injects and what it had said in public: none P, one S, two M, three or more U"
    ),
    "instructions": N_(
        "clear instructions to the affected in the first statement P, in a later "
        "one S, only hints M, none U"
    ),
    "responsibility": N_(
        "denial, scapegoating or attacking accusers M (U if evidence contradicted "
        "it), excuses or justification S, otherwise P"
    ),
    "not_exercised": N_(
        "nothing in the log tested it, so it is not rated (N); the time to the first "
        "public statement is given as context"
    ),
}
DIMINISH_STRATEGIES = frozenset({Strategy.EXCUSE, Strategy.JUSTIFICATION})
CLEAR_INSTRUCTIONS = 0.5  # the rubric's "instructions" score from which they count as clear
CONTRADICTIONS_RATING: tuple[Rating, ...] = ("P", "S", "M")


def _clock(facts: ExerciseFacts, at_h: float) -> str:
    return clock(at_h - facts.start_h)


def _strategy(statement: Statement, words: Translator = ENGLISH) -> str:
    return label(statement.action.strategy, words)


def _said_at(statement: Statement, facts: ExerciseFacts, words: Translator) -> str:
    """ "apology at T+2:00": a statement's strategy and when it went out."""
    return words("{strategy} at {time}").format(
        strategy=_strategy(statement, words), time=_clock(facts, statement.at_h)
    )


def _said(facts: ExerciseFacts) -> list[Statement]:
    return [s for s in facts.statements if s.says_something]


ANSWER_EXCERPT = 120  # characters of an answer quoted in the evidence


def _note_lines(objective: Objective, facts: ExerciseFacts, words: Translator) -> tuple[str, ...]:
    return tuple(
        words("Evaluator note at {time}: {text}").format(time=_clock(facts, at_h), text=text)
        for at_h, text, about in facts.notes
        if about == objective.id
    )


def _answer_lines(objective: Objective, facts: ExerciseFacts, words: Translator) -> tuple[str, ...]:
    """The team's answers to the objective's internal, executive and regulator injects."""
    lines = []
    for answer in facts.answers_for(objective.id):
        text = " ".join(answer.text.split())
        if len(text) > ANSWER_EXCERPT:
            text = text[: ANSWER_EXCERPT - 1] + "…"
        line = (
            N_(
                "Answer to {inject} ({sender}) at {time}: “{text}”; it contradicts the public "
                "statements by then."
            )
            if answer.contradicts
            else N_(
                "Answer to {inject} ({sender}) at {time}: “{text}”; it is consistent with the "
                "public statements by then."
            )
        )
        lines.append(
            words(line).format(
                inject=answer.inject_id,
                sender=answer.sender or words("the controller"),
                time=_clock(facts, answer.at_h),
                text=text,
            )
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
    words: Translator,
) -> ObjectiveRating:
    return ObjectiveRating(
        objective_id=objective.id,
        text=objective.text,
        rating=rating,
        rule=rule,
        evidence=(
            *evidence,
            *_answer_lines(objective, facts, words),
            *_note_lines(objective, facts, words),
        ),
        strengths=tuple(strengths),
        areas_for_improvement=tuple(areas),
    )


# --------------------------------------------------------------------------- timing


def _delay_since_alert(
    facts: ExerciseFacts, words: Translator = ENGLISH
) -> tuple[float | None, list[str]]:
    """Hours from the alert to the first public statement, with the facts that say so."""
    _ = words
    alert = facts.detected_at_h
    if alert is None:
        reference = facts.start_h
        evidence = [_("The listening alert never fired; the clock starts at the trigger (T+0:00).")]
    else:
        reference = alert
        evidence = [_("Listening alert at {time}.").format(time=_clock(facts, alert))]
    first = facts.first_statement_h
    if first is None:
        evidence.append(_("No public statement by {time}.").format(time=_clock(facts, facts.now_h)))
        return None, evidence
    public = [s for s in _said(facts) if s.action.is_public]
    opened = public and abs(public[0].at_h - first) < EPSILON_H
    what = f" ({_strategy(public[0], _)})" if opened else ""
    since = first - reference
    when = N_("{hours} after {event}") if since >= 0 else N_("{hours} before {event}")
    event = _("the alert") if alert is not None else _("the trigger")
    evidence.append(
        _("First public statement{what} at {time}, {when}.").format(
            what=what,
            time=_clock(facts, first),
            when=_(when).format(hours=_.figure(hours_text(abs(since))), event=event),
        )
    )
    return max(since, 0.0), evidence


def first_statement(
    objective: Objective, facts: ExerciseFacts, words: Translator = ENGLISH
) -> ObjectiveRating:
    target = objective.first_statement_within_h or 0.0
    delay, evidence = _delay_since_alert(facts, words)
    aim = words.figure(hours_text(target))
    evidence.append(words("Target: within {hours} of detection.").format(hours=aim))
    rating = rating_for_delay(delay, target)
    strengths, areas = [], []
    if delay is None:
        areas.append(words("The team never made a public statement."))
    elif rating == "P":
        strengths.append(
            words("First public statement within the {target} target.").format(target=aim)
        )
    else:
        late = (
            N_(
                "First public statement {delay} after detection, more than four times the "
                "{target} target."
            )
            if rating == "U"
            else N_("First public statement {delay} after detection, beyond the {target} target.")
        )
        areas.append(words(late).format(delay=words.figure(hours_text(delay)), target=aim))
    return _rated(objective, facts, "first_statement", rating, evidence, strengths, areas, words)


def not_exercised(
    objective: Objective, facts: ExerciseFacts, words: Translator = ENGLISH
) -> ObjectiveRating:
    waiting = [
        inject.id
        for inject in facts.spec.injects
        if inject.objective == objective.id and inject.id not in facts.released_injects
    ]
    still_open = [item.id for item in facts.items_for(objective.id) if item.status == "open"]
    why = {
        "open": N_("its items ({ids}) were still open when play stopped"),
        "waiting": N_("its injects ({ids}) were never released"),
        "untested": N_("no inject in the MSEL tests it"),
    }
    case = "open" if still_open else "waiting" if waiting else "untested"
    ids = ", ".join(still_open or waiting)
    _, evidence = _delay_since_alert(facts, words)
    evidence.insert(
        0,
        words("Nothing in the log tested {objective}: {reason}; it is not rated.").format(
            objective=objective.id, reason=words(why[case]).format(ids=ids)
        ),
    )
    areas = [
        words(
            "{objective} was not exercised ({reason}); release its injects in the next exercise."
        ).format(objective=objective.id, reason=words(why[case]).format(ids=ids))
    ]
    return _rated(objective, facts, "not_exercised", "N", evidence, [], areas, words)


# --------------------------------------------------------------------------- deadlines

_STATUS_WORDS = {
    "answered": N_("answered in time"),
    "quoted": N_("covered in time by a public statement the journalist could quote"),
    "no_comment": N_("no answer; 'no comment' printed"),
    "missed": N_("not acted on before the deadline"),
}


def deadlines(
    objective: Objective,
    facts: ExerciseFacts,
    items: tuple[DeadlineItem, ...],
    words: Translator = ENGLISH,
) -> ObjectiveRating:
    _ = words
    closed = [item for item in items if item.status != "open"]
    if not closed:
        return not_exercised(objective, facts, words)
    met = [item for item in closed if item.met]
    rating = rating_for_share(len(met), len(closed))
    no_comment = [item for item in closed if item.status == "no_comment"]
    if no_comment:
        rating = at_best(rating, "S")
    evidence = [
        _("{met} of {closed} items with a deadline were acted on in time.").format(
            met=len(met), closed=len(closed)
        )
    ]
    evidence += [
        _("{item} from {sender} at {asked}, due {due}: {status}.").format(
            item=item.id,
            sender=item.sender or _("the controller"),
            asked=_clock(facts, item.asked_h),
            due=_clock(facts, item.deadline_h),
            status=_(_STATUS_WORDS[item.status]),
        )
        for item in closed
    ]
    strengths = [
        _("{item} ({sender}) was answered before its deadline.").format(
            item=item.id, sender=item.sender or item.title
        )
        for item in met
    ]
    areas = []
    for item in closed:
        if item.status == "no_comment":
            areas.append(
                _(
                    "{sender} printed that the brand did not comment ({item}, deadline {due})."
                ).format(
                    sender=item.sender or _("A journalist"),
                    item=item.id,
                    due=_clock(facts, item.deadline_h),
                )
            )
        elif item.status == "missed":
            areas.append(
                _("{item} ({sender}) lapsed at {due} without a response.").format(
                    item=item.id,
                    sender=item.sender or item.title,
                    due=_clock(facts, item.deadline_h),
                )
            )
    return _rated(objective, facts, "deadlines", rating, evidence, strengths, areas, words)


# --------------------------------------------------------------------------- what was said


def consistency(
    objective: Objective, facts: ExerciseFacts, words: Translator = ENGLISH
) -> ObjectiveRating:
    _ = words
    said = _said(facts)
    if not said:
        evidence = [_("The brand released no statement.")]
        areas = [_("The brand said nothing, so there was no message to keep consistent.")]
        return _rated(objective, facts, "consistency", "U", evidence, [], areas, words)
    contradicting = [answer for answer in facts.answers if answer.contradicts]
    count = facts.inconsistencies + len(contradicting)
    rating = CONTRADICTIONS_RATING[count] if count < len(CONTRADICTIONS_RATING) else "U"
    sequence = ", ".join(_said_at(s, facts, _) for s in said)
    contradictions = (
        _(
            "Contradictions with earlier statements: {count}, {answers} of them in answers to "
            "injects ({injects})."
        ).format(
            count=count,
            answers=len(contradicting),
            injects=", ".join(answer.inject_id for answer in contradicting),
        )
        if contradicting
        else _("Contradictions with earlier statements: {count}.").format(count=count)
    )
    evidence = [_("Statements in order: {sequence}.").format(sequence=sequence), contradictions]
    if facts.evidence_emerged:
        evidence.append(_("Evidence contradicting a denial surfaced."))
    strengths, areas = [], []
    if count == 0:
        strengths.append(
            _("All {count} statements were consistent with one another.").format(count=len(said))
        )
    else:
        areas.append(
            _.ngettext(
                "{count} statement contradicted what the brand had said before.",
                "{count} statements contradicted what the brand had said before.",
                count,
            ).format(count=count)
        )
    return _rated(objective, facts, "consistency", rating, evidence, strengths, areas, words)


def instruction_strength(text: str, locale: str) -> float:
    """How clearly a text tells affected people what to do, 0-1: the rubric's own component, so
    the composer, the debrief and the report agree."""
    return score_message(text, locale).component("instructions").score


def instructions(
    objective: Objective, facts: ExerciseFacts, words: Translator = ENGLISH
) -> ObjectiveRating:
    _ = words
    written = [s for s in _said(facts) if s.action.text.strip()]
    locale = facts.spec.meta.locale
    scores = [instruction_strength(s.action.text, locale) for s in written]
    evidence = [
        _("{statement}: instructions {score} of 1.").format(
            statement=_said_at(s, facts, _), score=f"{score:.1f}"
        )
        for s, score in zip(written, scores, strict=True)
    ] or [_("No statement with text went out.")]
    clear = [index for index, score in enumerate(scores) if score >= CLEAR_INSTRUCTIONS]
    strengths, areas = [], []
    if clear and clear[0] == 0:
        rating: Rating = "P"
        strengths.append(_("The first statement told affected people what to do."))
    elif clear:
        rating = "S"
        first = written[clear[0]]
        areas.append(
            _(
                "Clear instructions to the affected came only at {time}, not in the first "
                "statement."
            ).format(time=_clock(facts, first.at_h))
        )
    elif any(scores):
        rating = "M"
        areas.append(_("The statements hinted at what to do but gave no clear instructions."))
    else:
        rating = "U"
        areas.append(_("No statement told affected people what to do."))
    return _rated(objective, facts, "instructions", rating, evidence, strengths, areas, words)


def responsibility(
    objective: Objective, facts: ExerciseFacts, words: Translator = ENGLISH
) -> ObjectiveRating:
    _ = words
    public = [s for s in _said(facts) if s.action.is_public]
    if not public:
        evidence = [_("The brand made no public statement.")]
        areas = [_("The brand never addressed the crisis publicly.")]
        return _rated(objective, facts, "responsibility", "U", evidence, [], areas, words)
    denials = [s for s in public if s.action.strategy in DENIAL_STRATEGIES]
    excuses = [s for s in public if s.action.strategy in DIMINISH_STRATEGIES]
    strategies = ", ".join(_said_at(s, facts, _) for s in public)
    evidence = [_("Public strategies: {strategies}.").format(strategies=strategies)]
    if facts.evidence_emerged:
        evidence.append(_("Evidence contradicting a denial surfaced."))
    strengths, areas = [], []
    if denials:
        rating: Rating = "U" if facts.evidence_emerged else "M"
        first = denials[0]
        used = (
            N_("The brand used {strategy} at {time}, and evidence then contradicted it.")
            if facts.evidence_emerged
            else N_("The brand used {strategy} at {time}.")
        )
        areas.append(_(used).format(strategy=_strategy(first, _), time=_clock(facts, first.at_h)))
    elif excuses:
        rating = "S"
        areas.append(
            _("The brand minimised its part with {strategy} at {time}.").format(
                strategy=_strategy(excuses[0], _), time=_clock(facts, excuses[0].at_h)
            )
        )
    else:
        rating = "P"
        strengths.append(_("The brand never denied, shifted the blame or attacked its critics."))
    return _rated(objective, facts, "responsibility", rating, evidence, strengths, areas, words)
