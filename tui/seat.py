"""A hosted seat's snapshots: the war room's and the facilitator's console's states, built from
the view the server sent (sim.host.wire.SeatView) as `tui.snapshot` builds them from a Session."""

from __future__ import annotations

from sim.host.wire import SeatView
from sim.i18n import ENGLISH, Translator
from sim.session import played_actions
from sim.session.wording import spoken_texts
from tui.debrief import DebriefState
from tui.snapshot import (
    FacilitatorState,
    WarRoomState,
    inbox_items,
    timeline_of,
)


def seat_war_room_state(view: SeatView, words: Translator = ENGLISH) -> WarRoomState:
    """The war room's state, its timeline in the language of `words`."""
    actions = played_actions(view.log)
    return WarRoomState(
        title=view.meta.title,
        now_h=view.now_h,
        turn=view.turn,
        turns_total=view.turns_total,
        observation=view.observation,
        inbox=inbox_items(view.inbox, view.rated, actions, view.answerable),
        timeline=timeline_of(view.log, view.now_h, words),
        feed=view.feed,
        earlier_statements=spoken_texts(actions),
        finished=view.finished,
        paused=view.paused,
        clock_start=view.meta.clock_start,
        trigger_h=view.trigger_h,
    )


def seat_facilitator_state(view: SeatView) -> FacilitatorState | None:
    """The console's state, for the facilitator's seat only (None for every other)."""
    if view.ground_truth is None or view.against_silence is None:
        return None
    return FacilitatorState(
        truth=view.ground_truth,
        against_silence=view.against_silence,
        pending_injects=view.pending_injects,
        objectives=tuple((item.id, item.text) for item in view.meta.objectives),
        paused=view.paused,
    )


def seat_debrief_state(view: SeatView, words: Translator = ENGLISH) -> DebriefState | None:
    """The debrief as the server sent it to this seat, its decisions in the language of
    `words`; None while the exercise is in play."""
    debrief = view.debrief
    if debrief is None:
        return None
    return DebriefState(
        title=view.meta.title,
        team=debrief.team,
        seed=debrief.seed,
        outcome=debrief.outcome,
        hours=debrief.hours,
        aware_damage=debrief.aware_damage,
        aware=debrief.aware,
        decisions=timeline_of(view.log, view.now_h, words),
        statement_hours=debrief.statement_hours,
        ratings=debrief.ratings,
        judgements=debrief.judgements,
    )
