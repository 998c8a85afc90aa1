"""What each role may see, built from the Session's frozen views: one place, so a test can read
every message a seat received and find nothing its role may not see.

- players and observers: the war room's view (what the team's tools show, the inbox, the feed,
  the statements queued, the turns so far with the events the team saw); no ground truth, no
  MSEL, no facilitator-only events, no evaluator's notes or ratings, not who joined by name;
- evaluators: the players' view, the notes, the evaluators' own ratings and who is in the room
  (the names people gave when joining);
- the facilitator: everything, the ground truth and the run against silence included.

Once the exercise is finished every seat gets the debrief (the outcome is no secret any more):
the players and the observers the players' debrief, the facilitator and the evaluators also the
evaluator material (the notes in the ratings' evidence, the evaluators' own ratings).
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.evaluation import judged, rate_objectives
from sim.evaluation.facts import DeadlineItem, facts_of, item_id
from sim.host.seats import SeatKind
from sim.host.wire import SeatDebrief, SeatView
from sim.i18n import ENGLISH, Translator, translator
from sim.labels import label
from sim.session import EVERY_WHAT_IF, Note, Rated, Session, WhatIf
from sim.session.record import Joined, LogEntry, TurnRecord

SEES_NOTES = frozenset({SeatKind.FACILITATOR, SeatKind.EVALUATOR})


def view_for(
    kind: SeatKind,
    role: str,
    session: Session,
    what_ifs: Sequence[WhatIf] = (),
    locale: str | None = None,
) -> SeatView:
    """The view of a seat of `kind`; once finished with its debrief, and the `what_ifs`
    computed so far; `locale` is the host's language (default: the scenario's). For the
    facilitator of a session in play it steps the unanswered run (Session.against_silence):
    slow work, for a worker thread."""
    spec = session.spec
    facilitator = kind is SeatKind.FACILITATOR
    locale = locale or spec.meta.locale
    words = translator(locale)
    return SeatView(
        role=role,
        kind=kind,
        locale=locale,
        meta=spec.meta,
        team=spec.team,
        now_h=session.now_h,
        turn=session.turn,
        turns_total=session.turns_total,
        paused=session.paused,
        finished=session.finished,
        entries=len(session.log),
        observation=session.observe(),
        inbox=session.inbox,
        rated=inbox_deadlines(session),
        answerable=session.answerable_inject_ids,
        trigger_h=spec.crisis.start_h,
        feed=session.feed(),
        log=visible_log(kind, session.log),
        history=tuple(record if facilitator else team_side(record) for record in session.history),
        ground_truth=session.ground_truth() if facilitator else None,
        against_silence=(
            session.against_silence() if facilitator and not session.finished else None
        ),
        drafts=session.drafts,
        pending_injects=pending_injects(session, words) if facilitator else (),
        debrief=debrief_for(kind, session, what_ifs, words) if session.finished else None,
    )


def debrief_for(
    kind: SeatKind, session: Session, what_ifs: Sequence[WhatIf], words: Translator = ENGLISH
) -> SeatDebrief:
    """The debrief of a finished session as a seat of `kind` may see it, the ratings'
    explanations in the language of `words` (the host's)."""
    outcome = session.outcome
    assert outcome is not None, "a finished session has its outcome"
    record = session.run_record()
    evaluates = kind in SEES_NOTES
    ratings = rate_objectives(session, words, with_notes=evaluates)
    return SeatDebrief(
        team=session.team,
        seed=session.seed,
        outcome=outcome,
        hours=tuple(record.series["hour"]),
        aware_damage=tuple(record.series["aware_damage"]),
        aware=tuple(record.series["aware_total"]),
        statement_hours=record.statement_hours,
        ratings=ratings,
        judgements=judged(ratings, session.evaluator_ratings, words) if evaluates else (),
        what_ifs=tuple(what_ifs),
        what_ifs_total=len(EVERY_WHAT_IF),
    )


def inbox_deadlines(session: Session) -> tuple[DeadlineItem, ...]:
    """The ratings' deadline items of the events in the team's inbox, and no other."""
    in_inbox = {item_id(event) for event in session.inbox}
    return tuple(item for item in facts_of(session).items if item.id in in_inbox)


def pending_injects(session: Session, words: Translator = ENGLISH) -> tuple[tuple[str, str], ...]:
    """The MSEL injects not yet released, each with what it is, in the language of `words`."""
    injects = {inject.id: inject for inject in session.spec.injects}
    return tuple(
        (
            inject_id,
            words("{kind} from {sender}").format(
                kind=label(injects[inject_id].type, words), sender=injects[inject_id].sender
            ),
        )
        for inject_id in session.ground_truth().pending_inject_ids
    )


def visible_log(kind: SeatKind, log: tuple[LogEntry, ...]) -> tuple[LogEntry, ...]:
    if kind in SEES_NOTES:
        return log
    return tuple(entry for entry in log if not isinstance(entry, Note | Rated | Joined))


def team_side(record: TurnRecord) -> TurnRecord:
    """A turn as the team saw it: without the events only the facilitator sees."""
    return record.model_copy(
        update={"events": tuple(event for event in record.events if event.visible_to_team)}
    )
