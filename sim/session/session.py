"""The Session: the one loop every team goes through, the TUI's players and scripted protocols
alike, so any exercise can be replayed headless and any protocol watched in the TUI.

Everything done through it is logged in order with the hour and turn it was done at, and every
change goes through `_apply`, which live play and replay share: replaying the log on a fresh
model with the same spec and seed therefore rebuilds the same series, events and outcome.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast

from sim.action import Action
from sim.clock import decimal_hours
from sim.engine.feed import sample_feed
from sim.engine.measurement import outcome_of
from sim.engine.model import CrisisModel
from sim.errors import ActionError, ProtocolError, SessionFileError, UserError
from sim.events import TeamEvent
from sim.feed import FeedItem
from sim.i18n import ENGLISH, Translator, translator
from sim.labels import label
from sim.observation import Observation
from sim.outcome import Outcome, against_unanswered
from sim.protocol.policy import ProtocolPolicy, SessionView
from sim.protocol.schema import Protocol
from sim.rubric import Stances
from sim.rubric.lexicon import language_of
from sim.session.approval import (
    EPSILON_H,
    as_released,
    build_action,
    check_channel,
    check_reply_capacity,
    template_of,
)
from sim.session.baseline import SilentRun, remember_unanswered, unanswered_outcome
from sim.session.counterfactual import (
    AS_PLAYED,
    EVERY_WHAT_IF,
    Counterfactual,
    Variant,
    WhatIf,
    what_ifs,
)
from sim.session.passphrase import PassphraseHash
from sim.session.persistence import SessionFile, read_session_file, write_session_file
from sim.session.readout import (
    against_silence_of,
    ground_truth_of,
    run_record_of,
    user_timeline_of,
    write_graph,
)
from sim.session.record import (
    PRIVATE_ANSWERS,
    Approved,
    Drafted,
    Finished,
    Grade,
    InjectAnswered,
    InjectReleased,
    Joined,
    LogEntry,
    Note,
    Paused,
    Queued,
    Rated,
    Rejected,
    Resumed,
    TurnEnded,
    TurnRecord,
    given_name,
)
from sim.session.store import LogStore, is_store, read_store
from sim.session.views import AgainstSilence, GroundTruth, RunRecord, UserTimeline
from sim.session.wording import as_worded, spoken_texts
from sim.session.worlds import shared_world as shared
from sim.spec.schema import ScenarioSpec

FEED_LIMIT = 30
"""Posts in a feed unless asked otherwise: about what a war room's screen holds."""


class Session:
    """One exercise (or one scripted run) of one scenario with one seed."""

    def __init__(
        self,
        spec: ScenarioSpec,
        seed: int,
        *,
        team: str = "",
        scenario_ref: str | None = None,
        overrides: Sequence[str] = (),
        autosave: Path | None = None,
        protocol: Protocol | None = None,
        facilitator: PassphraseHash | None = None,
        shared_world: bool = False,
    ) -> None:
        """`shared_world`: play on this process's shared world of the scenario and seed
        (sim.session.worlds), built by the first session that asks and read-only, and share
        the unanswered baseline with the seed's other sessions (a sweep's protocols); the run
        is the same bit for bit either way."""
        self.spec = spec
        self.seed = int(seed)
        self.team = team
        self.scenario_ref = scenario_ref
        self.overrides = tuple(overrides)
        self.autosave = None if autosave is None else Path(autosave)
        """The exercise's store (sim.session.store): every entry done live is committed there
        before it is applied. Created, exclusively, at the first entry."""
        self._store: LogStore | None = None
        self.facilitator = facilitator
        """The facilitator's passphrase, hashed; None: nobody facilitates this exercise."""
        self.protocol: Protocol | None = None
        self._policy: ProtocolPolicy | None = None
        if protocol is not None:
            self._attach(protocol)
        self._shared_world = shared_world
        self._model = CrisisModel(
            spec, self.seed, world=shared(spec, self.seed) if shared_world else None
        )
        self.words: Translator = translator(spec.meta.locale)
        """The language of the session's refusals of a team's or facilitator's command (a
        paused exercise, a draft not waiting, an empty answer): the exercise's, until the war
        room or the host that plays it gives its own (`--lang`)."""
        self._log: list[LogEntry] = []
        self._history: list[TurnRecord] = []
        self._planned: list[Action] = []
        self._spoken = Stances(language_of(spec.meta.locale))
        """The Stances of `spoken_texts(self._planned)`, kept as the actions are queued (a
        protocol can queue thousands)."""
        self._turn_start_h = 0.0
        self._turn_first_event = 0
        self._outcome: Outcome | None = None
        self._paused = False
        self._inbox: tuple[TeamEvent, ...] = ()
        self._events_read = 0
        self._silent: SilentRun | None = None
        self._drafts: dict[int, Drafted] = {}

    # ------------------------------------------------------------------ what the team sees

    @property
    def now_h(self) -> float:
        return self._model.hours

    @property
    def turn(self) -> int:
        """Turns played so far."""
        return len(self._history)

    @property
    def turns_total(self) -> int:
        return self.spec.turns.turns

    @property
    def horizon_h(self) -> float:
        """The scenario hour the run ends at."""
        return self._model.horizon_h

    @property
    def finished(self) -> bool:
        return self._outcome is not None

    @property
    def paused(self) -> bool:
        """Whether the facilitator has paused the exercise."""
        return self._paused

    @property
    def outcome(self) -> Outcome | None:
        """The outcome once `finish()` has run, else None."""
        return self._outcome

    @property
    def history(self) -> tuple[TurnRecord, ...]:
        return tuple(self._history)

    @property
    def log(self) -> tuple[LogEntry, ...]:
        return tuple(self._log)

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(entry for entry in self._log if isinstance(entry, Note))

    @property
    def evaluator_ratings(self) -> tuple[Rated, ...]:
        """The evaluators' own ratings of the objectives, in the order given."""
        return tuple(entry for entry in self._log if isinstance(entry, Rated))

    @property
    def inject_answers(self) -> tuple[InjectAnswered, ...]:
        """The team's answers to internal, executive and regulator injects, in order."""
        return tuple(entry for entry in self._log if isinstance(entry, InjectAnswered))

    @property
    def inbox(self) -> tuple[TeamEvent, ...]:
        """Messages the team has received so far (ground-truth events left out). Events only
        ever arrive, so only the new ones are read: a protocol's view asks at every tick."""
        events = self._model.events
        if len(events) > self._events_read:
            new = events[self._events_read :]
            self._inbox += tuple(event for event in new if event.visible_to_team)
            self._events_read = len(events)
        return self._inbox

    def observe(self) -> Observation:
        """What the team's listening tools show now: noisy, delayed, partial."""
        return self._model.observation()

    def feed(self, since_tick: int = 0, limit: int = FEED_LIMIT) -> tuple[FeedItem, ...]:
        """Up to `limit` public posts made at or after `since_tick`, newest first: the prominent
        ones and a sample seeded by the session's seed, so the same run shows the same feed."""
        return tuple(sample_feed(self._model, since_tick, limit, self.seed))

    # ------------------------------------------------------------------ what the facilitator sees

    def ground_truth(self) -> GroundTruth:
        """The true numbers now, for the facilitator; players never see them."""
        return ground_truth_of(self._model)

    def against_silence(self) -> AgainstSilence:
        """The run so far beside the same seed with no answer at the same hour, for the
        facilitator: damage avoided so far. The unanswered run is stepped here, over the hours
        since it was last asked, and never at the end of a turn; a team that has said nothing
        is compared with itself. Once finished, the outcome holds the comparison."""
        self._check_open()
        if not any(isinstance(entry, Queued) for entry in self._log):
            return against_silence_of(self._model, self._model)
        if self._silent is None:
            self._silent = SilentRun(self._model)
        releases = [entry for entry in self._log if isinstance(entry, InjectReleased)]
        return against_silence_of(self._model, self._silent.at(self.now_h, releases))

    def run_record(self) -> RunRecord:
        """The run so far: its series, statements and events, for the debrief and the report."""
        return run_record_of(self._model)

    def user_timeline(self) -> UserTimeline:
        """Every user: handle, followers, state and attitude now, and when each heard of the
        crisis, spread it and turned against the brand (built on request: it copies every
        user)."""
        return user_timeline_of(self._model)

    def export_graph(self, path: Path) -> None:
        """Write the follower graph for Gephi (.gexf or .graphml): every user with the
        user timeline's fields, and in GEXF the spread over time for Gephi's timeline; edges
        run from an account to its followers."""
        write_graph(self._model, Path(path), self.user_timeline())

    # ------------------------------------------------------------------ what the team does

    def make_action(self, **fields: Any) -> Action:
        """Build an Action from a form or a script; a mistake becomes one ActionError sentence.

        The hour defaults to now, and a template supplies the strategy when none is given.
        """
        fields.setdefault("at_h", self.now_h)
        if fields.get("template") is not None and "strategy" not in fields:
            template = template_of(self.spec.team, fields["template"], self.words)
            fields["strategy"] = template.strategy
        return build_action(fields, self.words)

    def queue(self, action: Action) -> Action:
        """Validate an action and queue it; return it as it will go out: after its approval
        delay (or with its template's wording), and with the transparency, voice and
        concreteness its text reads as, except for those it gives explicitly."""
        self._check_open()
        self._check_running(self.words("queue a statement"))
        entry = self._queued(action, pre_approved=False)
        self._record(entry)
        return entry.action

    @property
    def drafts(self) -> tuple[Drafted, ...]:
        """Drafts waiting for a person's approval, oldest first, each as it stands now: its
        `approver` is the step of the chain it waits at."""
        return tuple(self._drafts.values())

    def draft(
        self, action: Action, approver: str, *, by: str = "", passed_over: Sequence[str] = ()
    ) -> Drafted:
        """A statement drafted at `by`'s seat that waits for the `approver` role's approval
        instead of the scenario's approval delay (hosted play, where a person holds that seat;
        `passed_over`: the approval chain's steps before it that nobody holds); checked now as
        it will be when approved, so a draft that could never go out is refused at once."""
        self._check_open()
        self._check_running(self.words("draft a statement"))
        self._queued(action, pre_approved=True)
        drafted = sum(isinstance(entry, Drafted) for entry in self._log)
        entry = Drafted(
            at_h=self.now_h,
            turn=self._turn_in_play,
            draft=drafted + 1,
            action=action,
            approver=approver,
            by=by,
            passed_over=tuple(passed_over),
        )
        self._record(entry)
        return entry

    def approve(
        self, draft: int, by: str, *, then: str | None = None, passed_over: Sequence[str] = ()
    ) -> Action | None:
        """The approver approves a draft. With `then` it waits for that role's approval next,
        and None is returned; else it goes out (its wording read as at queueing): now, or after
        the scenario's approval delay if a step of its chain was passed over because nobody
        held it. Logged as the approval and, when it goes out, the `queue` entry that sends it,
        in one transaction."""
        waiting = self._waiting_draft(draft, self.words("approve a draft"))
        approval = Approved(
            at_h=self.now_h,
            turn=self._turn_in_play,
            draft=draft,
            by=by,
            then=then,
            passed_over=tuple(passed_over),
        )
        if then is not None:
            self._record(approval)
            return None
        delayed = bool(waiting.passed_over or approval.passed_over)
        start = max(waiting.action.at_h, self.now_h)
        queued = self._queued(
            waiting.action.model_copy(update={"at_h": start}), pre_approved=not delayed
        )
        self._record(approval, queued)
        return queued.action

    def reject(self, draft: int, by: str, reason: str = "") -> None:
        """The approver rejects a draft: it never goes out."""
        self._waiting_draft(draft, self.words("reject a draft"))
        self._record(
            Rejected(at_h=self.now_h, turn=self._turn_in_play, draft=draft, by=by, reason=reason)
        )

    def end_turn(self) -> TurnRecord:
        """Play one turn: the clock runs `turn_ticks` ticks from the turn's start, the protocol
        (if any) acting before each one; then the turn is recorded and the session autosaved.
        If that save fails the turn is not recorded, and ending it again records it without
        playing it twice: the clock is already at the turn's end."""
        self._check_open()
        self._check_running(self.words("end the turn"))
        if self.turn >= self.turns_total:
            raise ActionError(
                self.words(
                    "all {turns} turns have been played; finish the exercise to see the outcome."
                ).format(turns=self.turns_total)
            )
        if self.now_h >= self._model.horizon_h - EPSILON_H:
            raise ActionError(
                self.words(
                    "the run has reached its horizon (hour {hour}); finish the exercise to see "
                    "the outcome."
                ).format(hour=self.words.figure(decimal_hours(self.now_h)))
            )
        self._advance(self._turn_start_h + self.spec.turns.turn_ticks * self._model.tick_h)
        self._record(TurnEnded(at_h=self.now_h, turn=self._turn_in_play))
        return self._history[-1]

    def release_inject(self, inject_id: str) -> None:
        """The facilitator releases an MSEL inject now, ahead of its designated time."""
        self._check_open()
        if inject_id not in self._model.pending_inject_ids:
            pending = ", ".join(self._model.pending_inject_ids) or self.words("none is pending")
            raise ActionError(
                self.words(
                    "there is no pending inject '{inject}' ({pending}); pick one from the MSEL."
                ).format(inject=inject_id, pending=pending)
            )
        self._record(InjectReleased(at_h=self.now_h, turn=self._turn_in_play, inject_id=inject_id))

    def answer_inject(self, inject_id: str, text: str) -> InjectAnswered:
        """The team answers an internal, executive or regulator inject that has reached it (the
        CEO's "What do you recommend?", the regulator's letter): logged, never published, and
        rated against the inject's objective."""
        self._check_open()
        self._check_running(self.words("answer an inject"))
        if not text.strip():
            raise ActionError(
                self.words("the answer to {inject} is empty; write what you answer.").format(
                    inject=inject_id
                )
            )
        entry = InjectAnswered(
            at_h=self.now_h, turn=self._turn_in_play, inject_id=inject_id, text=text
        )
        self._check_answerable(entry)
        self._record(entry)
        return entry

    @property
    def answerable_inject_ids(self) -> tuple[str, ...]:
        """The injects in the inbox the team can answer with `answer_inject`."""
        private = {inject.id for inject in self.spec.injects if inject.type in PRIVATE_ANSWERS}
        return tuple(
            event.inject_id
            for event in self.inbox
            if event.inject_id is not None and event.inject_id in private
        )

    def pause(self) -> None:
        """The facilitator pauses the exercise: turns and statements wait until `resume()`."""
        self._check_open()
        if self._paused:
            raise ActionError(self.words("the exercise is already paused; resume it to play on."))
        self._record(Paused(at_h=self.now_h, turn=self._turn_in_play))

    def resume(self) -> None:
        """The facilitator resumes a paused exercise."""
        self._check_open()
        if not self._paused:
            raise ActionError(self.words("the exercise is not paused."))
        self._record(Resumed(at_h=self.now_h, turn=self._turn_in_play))

    def add_note(self, text: str, objective: str | None = None) -> Note:
        """An evaluator's note for the after-action report (also after the end, at the hot wash)."""
        if objective is not None:
            self._check_objective(objective, self.words("pick one of those or leave it empty"))
        note = Note(at_h=self.now_h, turn=self._turn_in_play, text=text, objective=objective)
        self._record(note)
        return note

    def seat_taken(self, role: str, name: str) -> Joined | None:
        """A person gave their name taking the `role` seat of a hosted exercise (at any time,
        the hot wash included): recorded once per seat and name, so a reconnection adds
        nothing (None then)."""
        name = given_name(name, self.words)
        if any(person.role == role and person.name == name for person in self.people):
            return None
        entry = Joined(at_h=self.now_h, turn=self._turn_in_play, role=role, name=name)
        self._record(entry)
        return entry

    @property
    def people(self) -> tuple[Joined, ...]:
        """Who gave their name at which seat, in the order they joined."""
        return tuple(entry for entry in self._log if isinstance(entry, Joined))

    def rate(self, objective: str, rating: str, reason: str, by: str) -> Rated:
        """An evaluator's own P/S/M/U rating of an objective, with the reason, for the AAR
        (also after the end, at the hot wash); a later rating by the same evaluator replaces
        their earlier one there."""
        self._check_objective(objective, self.words("rate one of those"))
        if rating not in ("P", "S", "M", "U"):
            raise UserError(
                self.words(
                    "rating '{rating}' is not an EEG rating; give P (performed without "
                    "challenges), S (with some challenges), M (with major challenges) or U "
                    "(unable to be performed)."
                ).format(rating=rating)
            )
        if not reason.strip():
            raise UserError(
                self.words(
                    "the rating of {objective} has no reason; write why it is {rating}."
                ).format(objective=objective, rating=rating)
            )
        if not by.strip():
            raise UserError(self.words("the rating names no evaluator; give your name with it."))
        entry = Rated(
            at_h=self.now_h,
            turn=self._turn_in_play,
            objective=objective,
            rating=cast(Grade, rating),
            reason=reason.strip(),
            by=by.strip(),
        )
        self._record(entry)
        return entry

    def finish(self, progress: Callable[[float, float], None] | None = None) -> Outcome:
        """Run to the horizon with no new actions from the team (a protocol keeps acting) and
        return the outcome; `progress(hours, horizon_h)` is told how far the run has gone, a
        whole hour at a time. Calling it again returns the same outcome."""
        if self._outcome is None:
            horizon = self._model.horizon_h
            if progress is not None:
                progress(self.now_h, horizon)
            while progress is not None and self.now_h < horizon - EPSILON_H:
                # Advancing in steps takes the same ticks as one advance: nothing changes.
                self._advance(math.floor(self.now_h + EPSILON_H) + 1.0)
                progress(min(self.now_h, horizon), horizon)
            self._advance(horizon)
            self._record(Finished(at_h=self.now_h, turn=self._turn_in_play))
        assert self._outcome is not None, "_apply(Finished) measures the outcome"
        return self._outcome

    def counterfactual(self, variant: Variant) -> Counterfactual:
        """The outcome of this session's actions so far, and of the same actions changed as
        `variant` says, both run from scratch on the same seed; the session does not move."""
        outcomes = {
            what_if.variant: what_if.outcome for what_if in self.what_ifs((AS_PLAYED, variant))
        }
        return Counterfactual(
            actual=outcomes[AS_PLAYED], alternative=outcomes[variant], description=variant.label
        )

    def what_ifs(self, variants: Sequence[Variant] = EVERY_WHAT_IF) -> Iterator[WhatIf]:
        """Each variant's outcome on this session's seed, computed lazily (one run each; none
        for a variant that changes nothing once the session is finished), from the log as it is
        now: a note added meanwhile (hosted, from another thread) changes nothing here."""
        return what_ifs(self.spec, self.seed, self.log, variants, played=self._outcome)

    def close(self) -> None:
        """Let the models be garbage-collected once the session is dropped, and close its
        store."""
        self._model.close()
        self._close_silent_run()
        if self._store is not None:
            self._store.close()
            self._store = None

    # ------------------------------------------------------------------ saving

    def save(self, path: Path) -> None:
        """Export the session as a JSON session file (it imports back with `load`)."""
        write_session_file(Path(path), self._file_content(self._log))

    def claim_autosave(self, candidates: Iterable[Path]) -> Path:
        """Create the exercise's store at the first of `candidates` that does not exist yet,
        claiming it exclusively (two exercises started at once never share a file), with the
        log so far in it, and write every entry there from now on."""
        for candidate in candidates:
            try:
                store = LogStore.create(Path(candidate), self._file_content(self._log))
            except FileExistsError:
                continue
            self._use_store(store)
            return store.path
        raise SessionFileError("every candidate name for the session file is taken.")

    @classmethod
    def load(
        cls, path: Path, *, autosave: Path | None = None, told: Translator = ENGLISH
    ) -> Session:
        """Rebuild a saved session by replaying its log on a fresh model: from an exercise
        database (sim.session.store) or a JSON session file. With `autosave` the session goes
        on writing there: to the same database when it is `path`, else to a new one claimed
        at `autosave` with the whole log (how a JSON session file is imported). A JSON file
        that cannot be read is said in the language of `told`, the command's."""
        path = Path(path)
        content = read_store(path, told) if is_store(path) else read_session_file(path, told)
        try:
            session = replay(
                content.spec,
                content.seed,
                content.log,
                team=content.team,
                scenario_ref=content.scenario_ref,
                overrides=content.overrides,
            )
        except ActionError as error:
            raise SessionFileError(f"{path}: the session log does not replay: {error}") from None
        if content.protocol is not None:
            try:
                session._attach(content.protocol, content.protocol_state)
            except ProtocolError as error:
                session.close()
                raise SessionFileError(f"{path}: {error}") from None
        session.facilitator = content.facilitator
        if autosave is None:
            return session
        try:
            if Path(autosave) == path and is_store(path):
                session._use_store(LogStore.open(path))
            else:
                session._new_store(Path(autosave))
        except BaseException:
            session.close()
            raise
        return session

    # ------------------------------------------------------------------ internals

    @property
    def _turn_in_play(self) -> int:
        return self.turn + 1

    def _attach(self, protocol: Protocol, snapshot: dict[str, Any] | None = None) -> None:
        self.protocol = protocol
        self._policy = ProtocolPolicy(protocol, snapshot)

    def _check_open(self) -> None:
        if self.finished:
            raise ActionError(
                self.words("the exercise is finished; start a new session to play again.")
            )

    def _check_objective(self, objective: str, fix: str) -> None:
        known = [item.id for item in self.spec.meta.objectives]
        if objective not in known:
            raise UserError(
                self.words(
                    "objective '{objective}' is not one of this exercise's objectives "
                    "({known}); {fix}."
                ).format(
                    objective=objective,
                    known=", ".join(known) or self.words("none defined"),
                    fix=fix,
                )
            )

    def _waiting_draft(self, draft: int, doing: str) -> Drafted:
        """The draft `draft`, waiting; `doing` is what the approver does with it, as the
        sentence of a paused exercise says it ("approve a draft"), already translated."""
        self._check_open()
        self._check_running(doing)
        if draft not in self._drafts:
            waiting = ", ".join(f"#{number}" for number in self._drafts) or self.words(
                "none is waiting"
            )
            raise ActionError(
                self.words("there is no draft #{draft} waiting for approval ({waiting}).").format(
                    draft=draft, waiting=waiting
                )
            )
        return self._drafts[draft]

    def _check_running(self, doing: str) -> None:
        """Refuse `doing` (translated: "end the turn") while the exercise is paused."""
        if self._paused:
            raise ActionError(
                self.words(
                    "the facilitator has paused the exercise; it must be resumed to {doing}."
                ).format(doing=doing)
            )

    def _file_content(self, log: Sequence[LogEntry]) -> SessionFile:
        return SessionFile(
            scenario_ref=self.scenario_ref,
            overrides=self.overrides,
            seed=self.seed,
            team=self.team,
            spec=self.spec,
            protocol=self.protocol,
            protocol_state=None if self._policy is None else self._policy.snapshot(),
            log=tuple(log),
            facilitator=self.facilitator,
        )

    def _check_answerable(self, entry: InjectAnswered) -> None:
        if entry.inject_id not in self.answerable_inject_ids:
            kinds = ", ".join(sorted(label(kind, self.words) for kind in PRIVATE_ANSWERS))
            raise ActionError(
                self.words(
                    "inject '{inject}' is not one the team can answer from the inbox: only the "
                    "{kinds} injects that have arrived are; answer a journalist with a statement "
                    "that answers the inquiry, and the public with a statement."
                ).format(inject=entry.inject_id, kinds=kinds)
            )

    def _queued(self, action: Action, pre_approved: bool) -> Queued:
        """The one path of every action, the team's and a protocol's: approval or template,
        then the rubric's reading of the words (sim.session.wording), then what the team and
        the scenario can do; the entry that queues it, not yet applied."""
        released = as_released(action, self.now_h, self.spec.team, pre_approved, self.words)
        released = as_worded(released, self.spec.meta.locale, self._spoken)
        check_channel(released, self.spec.population, self.words)
        check_reply_capacity(released, self._planned, self.spec.team, self.words)
        return Queued(at_h=self.now_h, turn=self._turn_in_play, action=released)

    def _advance(self, until_h: float) -> None:
        """Step the model to `until_h` (never past the horizon), letting the protocol act before
        each tick as a team watching its screens would."""
        end = min(until_h, self._model.horizon_h)
        while self._model.hours < end - EPSILON_H:
            if self._policy is not None:
                for due in self._policy.actions_due(self._view()):
                    self._apply(self._queued(due.action, due.pre_approved))
            self._model.step()

    def _view(self) -> SessionView:
        """What a protocol sees now; built from the monitor's running counts, because a full
        Observation per tick would cost time quadratic in the run length."""
        model = self._model
        return SessionView(
            now_h=model.hours,
            start_h=self.spec.crisis.start_h,
            detected_at_h=model.monitor.detected_at_h,
            mentions_per_h=model.observed_mentions_now(),
            inbox=self.inbox,
        )

    def _new_store(self, path: Path) -> LogStore:
        try:
            store = LogStore.create(path, self._file_content(self._log))
        except FileExistsError:
            raise SessionFileError(
                f"{path}: a file of that name is already there; give the exercise a new file "
                "name, or resume that one."
            ) from None
        self._use_store(store)
        return store

    def _use_store(self, store: LogStore) -> None:
        if self._store is not None:
            self._store.close()
        self._store = store
        self.autosave = store.path

    def _record(self, *entries: LogEntry) -> None:
        """Commit entries done live to the store, in one transaction, then apply them: nothing
        written is lost, and a save that fails (a full disk) raises with the session as it was,
        so trying again does it once. (Replay applies without saving, and a protocol's
        statements are stored with the entry done after them, in the same transaction.)"""
        if self.autosave is not None:
            store = self._store or self._new_store(self.autosave)
            state = None if self._policy is None else self._policy.snapshot()
            store.append((*self._log[store.entries :], *entries), state)
        for entry in entries:
            self._apply(entry)

    def _apply(self, entry: LogEntry) -> None:
        """Do what a log entry says, now, and log it: the only place state changes, for live
        play and replay alike."""
        if isinstance(entry, Queued):
            self._model.schedule(entry.action)
            self._planned.append(entry.action)
            for text in spoken_texts((entry.action,)):
                self._spoken = self._spoken.with_statement(text)
        elif isinstance(entry, Drafted):
            self._drafts[entry.draft] = entry
        elif isinstance(entry, Approved) and entry.then is not None:
            waiting = self._drafts[entry.draft]
            self._drafts[entry.draft] = waiting.model_copy(
                update={
                    "approver": entry.then,
                    "passed_over": waiting.passed_over + entry.passed_over,
                }
            )
        elif isinstance(entry, Approved | Rejected):
            self._drafts.pop(entry.draft, None)
        elif isinstance(entry, InjectReleased):
            self._model.release_inject(entry.inject_id)
        elif isinstance(entry, Paused | Resumed):
            self._paused = isinstance(entry, Paused)
        elif isinstance(entry, TurnEnded):
            self._history.append(self._turn_record(entry))
        elif isinstance(entry, Finished):
            self._outcome = self._measured()
            self._model.close()
            self._close_silent_run()
        self._log.append(entry)

    def _close_silent_run(self) -> None:
        if self._silent is not None:
            self._silent.close()
            self._silent = None

    def _measured(self) -> Outcome:
        """The run's outcome, compared with the same seed left unanswered (docs/model.md 10)."""
        outcome = outcome_of(self._model)
        releases = [entry for entry in self._log if isinstance(entry, InjectReleased)]
        if not any(isinstance(entry, Queued) for entry in self._log):
            if self._shared_world:
                remember_unanswered(self.spec, self.seed, releases, outcome)
            return against_unanswered(outcome, outcome)
        # The session's world is the one the seed would draw again, and read-only: the
        # unanswered run plays on it rather than building it a second time.
        unanswered = unanswered_outcome(
            self.spec, self.seed, releases, self._model.world, silent=self._silent
        )
        return against_unanswered(outcome, unanswered)

    def _turn_record(self, end: TurnEnded) -> TurnRecord:
        observation = self._model.latest_observation()
        events = self._model.events
        record = TurnRecord(
            number=end.turn,
            start_h=self._turn_start_h,
            end_h=end.at_h,
            actions=tuple(
                entry.action
                for entry in self._log
                if isinstance(entry, Queued) and entry.turn == end.turn
            ),
            events=tuple(events[self._turn_first_event :]),
            mentions_per_h=observation.latest_mentions_per_h,
            sentiment=observation.sentiment[-1] if observation.sentiment else 0.0,
            reach=observation.reach[-1] if observation.reach else 0.0,
            detected_at_h=observation.detected_at_h,
        )
        self._turn_start_h = end.at_h
        self._turn_first_event = len(events)
        return record

    def _replay(self, entry: LogEntry) -> None:
        if self.finished and not isinstance(entry, Note | Rated | Joined):
            raise ActionError(f"a '{entry.kind}' entry comes after the end of the run.")
        if entry.at_h < self.now_h - EPSILON_H:
            raise ActionError(
                f"a '{entry.kind}' entry at hour {decimal_hours(entry.at_h)} comes after hour "
                f"{decimal_hours(self.now_h)}; the log is out of order."
            )
        if isinstance(entry, Approved | Rejected) and entry.draft not in self._drafts:
            raise ActionError(f"a '{entry.kind}' entry names draft #{entry.draft}, not waiting.")
        paused_out = Queued | Drafted | Approved | Rejected | InjectAnswered | TurnEnded | Paused
        if self._paused and isinstance(entry, paused_out):
            raise ActionError(f"a '{entry.kind}' entry comes while the exercise is paused.")
        if not self._paused and isinstance(entry, Resumed):
            raise ActionError("a 'resume' entry comes while the exercise is not paused.")
        self._model.advance_to(entry.at_h)
        if isinstance(entry, InjectAnswered):
            self._check_answerable(entry)
        self._apply(entry)


def replay(
    spec: ScenarioSpec,
    seed: int,
    log: Sequence[LogEntry],
    *,
    team: str = "",
    scenario_ref: str | None = None,
    overrides: Sequence[str] = (),
) -> Session:
    """Rebuild a session from its log, headless: each entry is applied at the hour it was done.

    No protocol is consulted: whatever a protocol did is already in the log.
    """
    session = Session(spec, seed, team=team, scenario_ref=scenario_ref, overrides=overrides)
    words, session.words = session.words, ENGLISH  # a log that does not replay: a file's fault
    try:
        for entry in log:
            session._replay(entry)
    except BaseException:
        session.close()
        raise
    session.words = words
    return session
