"""The story around the crowd: the trigger, new waves, media pickup and journalists' inquiries,
the MSEL's injects, evidence surfacing after a denial, and the brand's statements going out
(docs/model.md sections 3 and 5).

The actors (brand, outlets, journalists) say what is due; the functions here make it happen in
the crowd and tell the inbox. They take the `Story`, the small world of this phase.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import mesa
import numpy as np

from sim.action import Action
from sim.clock import EPSILON_H
from sim.engine.actors import BrandAccount, Influencer, Journalist, MediaOutlet
from sim.engine.crowd.attitude import negative_update
from sim.engine.crowd.post_log import Origin
from sim.engine.crowd.posting import (
    broadcast_statement,
    deliver_statement,
    post_negative,
    publish_news,
)
from sim.engine.crowd.spread import initial_anger
from sim.engine.crowd.state import State
from sim.engine.crowd.world import Crowd
from sim.engine.draws import Purpose, smallest
from sim.engine.inbox import Inbox
from sim.engine.monitoring import Monitor
from sim.engine.response import reach
from sim.events import EventKind
from sim.i18n import Translator, translator
from sim.labels import label
from sim.spec.schema import Inject, InjectEffect, InjectType, ScenarioSpec

# Injects that are someone outside the company asking the brand to speak: while one is open,
# silence costs (docs/model.md section 5, Silence, revision 2). Journalists' inquiries count too.
PUBLIC_REQUESTS = frozenset(
    {
        InjectType.CUSTOMER_COMPLAINT,
        InjectType.REGULATOR_LETTER,
        InjectType.INFLUENCER_POST,
        InjectType.SOCIAL_POST,
    }
)


@dataclass(eq=False)
class Story:
    registry: mesa.Model  # the Mesa model that keeps the books of the actors
    spec: ScenarioSpec
    crowd: Crowd
    inbox: Inbox
    monitor: Monitor
    brand: BrandAccount
    outlets: list[MediaOutlet]
    journalists: list[Journalist]
    influencers: list[Influencer]
    pending_injects: list[Inject]
    start_tick: int
    released_injects: list[str] = field(default_factory=list)
    open_requests: dict[str, float] = field(default_factory=dict)  # inject id -> deadline hour
    media_quote: Action | None = None  # the brand's answer awaiting the next article
    wave: int = 0
    covered_wave: int = -1
    media_pickups_h: list[float] = field(default_factory=list)
    evidence_h: float | None = None  # when evidence contradicted the brand's denial
    inquiry_count: int = 0
    hourly_negative: list[int] = field(default_factory=list)  # true negative posts per tick
    releasing_at_h: float | None = None  # a timed inject's hour, while it and its effects happen

    @property
    def hours(self) -> float:
        """Now: the start of the tick in play, or the designated hour of the timed inject being
        released in it (`_release_due_injects`), so the inject and all it sets off are dated
        alike."""
        if self.releasing_at_h is not None:
            return self.releasing_at_h
        return self.crowd.tick * self.crowd.tick_h

    @property
    def words(self) -> Translator:
        """The scenario's language: what the story announces (inquiries, articles, evidence)
        is part of the world, like the posts, so it speaks the scenario's locale."""
        return translator(self.spec.meta.locale)

    def announce(self, kind: EventKind, title: str, body: str = "", **fields: Any) -> None:
        self.inbox.announce(self.hours, kind, title, body, **fields)

    def last_hour_negative(self) -> int:
        return sum(self.hourly_negative[-self.monitor.ticks_per_h :])


# --------------------------------------------------------------------------- due actions


def release_due_actions(story: Story) -> None:
    """The due-actions phase: the brand's statements whose time has come go out."""
    for action in story.brand.release_due(story.crowd.tick):
        publish(story, action)


def publish(story: Story, action: Action) -> None:
    """Send a released action to its audience and tell the inbox."""
    _ = story.words
    if action.answers is not None:
        story.announce(
            EventKind.STATEMENT,
            _("Answer sent for {answers}").format(answers=action.answers),
            action.text,
        )
    elif action.is_public:
        story.announce(
            EventKind.STATEMENT,
            _("Statement out: {strategy}").format(strategy=label(action.strategy, _)),
            action.text,
            sender=action.spokesperson.value,
        )
    reach.publish(story.crowd, action, story.influencers)


# --------------------------------------------------------------------------- actors


def act(story: Story) -> None:
    """The actors phase: the trigger, media attention, outlets and journalists, due injects,
    and evidence that may surface after a denial."""
    if story.crowd.tick == story.start_tick:
        _trigger(story)
    _watch_volume(story)
    for outlet in story.outlets:
        if outlet.publishes_at(story.crowd.tick):
            broadcast_article(story, outlet.name, outlet.number)
    for journalist in story.journalists:
        for answer in journalist.close_due(story.hours, story.brand):
            if answer is None:
                _print_no_comment(story, journalist)
            else:
                _quote_in_media(story, journalist, answer)
    _release_due_injects(story)
    _maybe_surface_evidence(story)


def silence_costs(story: Story) -> bool:
    """Whether the brand's silence is being read as guilt this tick: the crisis has begun, the
    brand has said nothing, and (by default) it is being asked to speak: the observed negative
    volume is above the detection threshold, or a journalist's or stakeholder's request is
    open (docs/model.md section 5, Silence)."""
    if story.brand.has_spoken or story.crowd.tick < story.start_tick:
        return False
    if story.spec.attitude.silence_when == "always":
        return True
    hours = story.hours
    monitor = story.monitor
    if monitor.visible_hourly_mentions(story.crowd.tick - 1) >= max(monitor.threshold, 1.0):
        return True
    if any(journalist.is_waiting(hours) for journalist in story.journalists):
        return True
    return any(hours < deadline for deadline in story.open_requests.values())


def _trigger(story: Story) -> None:
    crisis = story.spec.crisis
    pop = story.crowd.population
    pools = {
        "random": np.arange(pop.size),
        "active": np.flatnonzero(pop.active),
        "stakeholders": np.flatnonzero(pop.stakeholder & pop.active),
        "influencers": np.flatnonzero(pop.influencer),
    }
    pool = pools[crisis.seed_from]
    if len(pool) < crisis.seeds:
        pool = np.arange(pop.size)
    _start_spreading(story, _pick(story, pool, crisis.seeds))
    story.announce(EventKind.TRIGGER, story.words("The crisis begins"), visible_to_team=False)


def _pick(story: Story, pool: np.ndarray, count: int) -> np.ndarray:
    """`count` users of the pool, drawn from (wave, user): a wave's first posters are the same
    in every run whose pool is the same."""
    draws = story.crowd.draws.uniform(Purpose.SEED_USERS, pool, story.wave)
    return pool[smallest(draws, count)]


def _start_spreading(story: Story, users: np.ndarray) -> None:
    crowd = story.crowd
    pop = crowd.population
    newly = users[~pop.ever_aware[users]]
    pop.anger[newly] = initial_anger(
        story.spec.crisis.anger_gain, pop.responsibility[newly], pop.severity[newly]
    )
    pop.make_aware(users)
    pop.mark_spread(users)
    pop.set_state(users, State.SPREADING)
    pop.carried_appeal[users] = story.spec.crisis.appeal
    post_negative(crowd, users, Origin.SEED, story.spec.crisis.appeal)


def _watch_volume(story: Story) -> None:
    """A wave draws media attention once its hourly volume passes the threshold."""
    threshold = story.spec.media.volume_threshold * story.crowd.population.size
    if story.covered_wave < story.wave and story.last_hour_negative() >= max(threshold, 1.0):
        _assign_media(story)


def _assign_media(story: Story) -> None:
    story.covered_wave = story.wave
    tick = story.crowd.tick
    lag = round(story.spec.media.lag_h / story.crowd.tick_h)
    if story.outlets:
        free = [o for o in story.outlets if o.article_tick is None] or story.outlets
        free[0].assign(tick + lag)
    _ = story.words
    for journalist in story.journalists:
        story.inquiry_count += 1
        inquiry = journalist.track(
            f"Q{story.inquiry_count}", story.hours, story.spec.media.inquiry_deadline_h
        )
        story.announce(
            EventKind.INQUIRY,
            _("{journalist} asks for comment").format(journalist=journalist.name),
            _(
                "{journalist} is writing about the story and asks {brand} for a comment before "
                "the deadline."
            ).format(journalist=journalist.name, brand=story.spec.meta.brand),
            sender=journalist.name,
            deadline_h=inquiry.deadline_h,
            inquiry_id=inquiry.id,
        )


def _release_due_injects(story: Story) -> None:
    """A timed inject reaches the team by its designated time: it is released in the tick that
    ends at or after that time (stamped with the time itself), so one due at a turn's last
    instant (T+1:00 for a turn ending at T+1:00) is in that turn's inbox with its whole deadline
    ahead, not in the next turn's. None comes before the trigger."""
    if story.crowd.tick < story.start_tick:
        return
    tick_end = story.hours + story.crowd.tick_h - story.spec.crisis.start_h
    last_hour = story.last_hour_negative()
    for inject in list(story.pending_injects):
        timed = inject.time_h is not None and tick_end >= inject.time_h - EPSILON_H
        loud = inject.when_volume_above is not None and last_hour > inject.when_volume_above
        if timed or loud:
            release_inject(story, inject, at_h=_designated_hour(story, inject) if timed else None)


def _designated_hour(story: Story, inject: Inject) -> float:
    """The scenario hour a timed inject is due at, never before now."""
    assert inject.time_h is not None
    return max(story.hours, story.spec.crisis.start_h + inject.time_h)


def release_inject(story: Story, inject: Inject, at_h: float | None = None) -> None:
    """Release an inject at `at_h` (now unless given: the facilitator's release, a loud one)."""
    story.pending_injects.remove(inject)
    story.releasing_at_h = at_h
    try:
        _released(story, inject)
    finally:
        story.releasing_at_h = None


def _released(story: Story, inject: Inject) -> None:
    if inject.if_no_statement_by_h is not None:
        first = story.brand.first_public_h
        if first is not None and first <= inject.if_no_statement_by_h:
            return
    story.released_injects.append(inject.id)
    inquiry_id = None
    if inject.type is InjectType.JOURNALIST_INQUIRY and inject.deadline_h is not None:
        inquiry_id = inject.id
        _journalist(story, inject.sender).track(inject.id, story.hours, inject.deadline_h)
    elif inject.type in PUBLIC_REQUESTS and inject.deadline_h is not None:
        story.open_requests[inject.id] = story.hours + inject.deadline_h
    story.announce(
        EventKind.INJECT,
        story.words("{kind} from {sender}").format(
            kind=label(inject.type, story.words).capitalize(), sender=inject.sender
        ),
        inject.message,
        sender=inject.sender,
        deadline_h=None if inject.deadline_h is None else story.hours + inject.deadline_h,
        inquiry_id=inquiry_id,
        inject_id=inject.id,
    )
    if inject.effect is InjectEffect.NEGATIVE_WAVE:
        _new_wave(story, story.spec.crisis.seeds)
    elif inject.effect is InjectEffect.MEDIA_PICKUP:
        story.wave += 1
        story.covered_wave = story.wave
        broadcast_article(story, inject.sender, len(story.outlets))
    elif inject.effect is InjectEffect.EVIDENCE:
        _surface_evidence(story)


def _journalist(story: Story, name: str) -> Journalist:
    for journalist in story.journalists:
        if journalist.name == name:
            return journalist
    journalist = Journalist(story.registry, name, len(story.journalists))
    story.journalists.append(journalist)
    return journalist


def _new_wave(story: Story, seeds: int) -> None:
    pop = story.crowd.population
    pool = np.flatnonzero(pop.active & (pop.state != State.SPREADING))
    if len(pool) == 0 or seeds == 0:
        return
    story.wave += 1
    _start_spreading(story, _pick(story, pool, min(seeds, len(pool))))


def _maybe_surface_evidence(story: Story) -> None:
    """After a false denial, evidence emerges at a rate (Kim et al. 2004), until some has
    contradicted it."""
    if story.evidence_h is not None or not story.brand.denied:
        return
    if story.spec.crisis.true_responsibility <= 0.5:
        return
    chance = -math.expm1(-story.spec.evidence.rate_per_day / 24.0 * story.crowd.tick_h)
    if story.crowd.draws.uniform(Purpose.EVIDENCE, story.crowd.tick)[()] < chance:
        _surface_evidence(story)


def _surface_evidence(story: Story) -> None:
    """Evidence about the crisis circulates (a scripted inject, or the rate after a denial):
    `evidence.wave_seeds` users start a new wave. What makes it "worst" (Kim et al. 2004) is a
    denial it contradicts: only then, and once, does every aware user take the shock and the
    brand count one more inconsistency. A brand that had not denied is not contradicted by it,
    nor one whose denial was true (`crisis.true_responsibility` 0.5 or less)."""
    contradicts = story.brand.denied and story.spec.crisis.true_responsibility > 0.5
    if contradicts and story.evidence_h is None:
        story.evidence_h = story.hours
        story.brand.inconsistencies += 1
        _evidence_shock(story)
        story.announce(
            EventKind.EVIDENCE,
            story.words("Evidence surfaces"),
            story.words("Documents contradicting the brand's denial are circulating."),
        )
    else:
        story.announce(
            EventKind.EVIDENCE,
            story.words("Evidence surfaces"),
            story.words("New documents about the crisis are circulating."),
        )
    _new_wave(story, story.spec.evidence.wave_seeds)


def _evidence_shock(story: Story) -> None:
    """Every aware user takes a negative update with the evidence's source weight."""
    crowd = story.crowd
    pop = crowd.population
    aware = np.flatnonzero(pop.ever_aware)
    attitude = story.spec.attitude
    shock = negative_update(
        attitude.learning_rate,
        attitude.loss_aversion,
        pop.severity[aware],
        pop.responsibility[aware],
        crowd.halo[aware],
        story.spec.evidence.shock_weight,
    )
    pop.shift_attitude(aware, shock)


def _print_no_comment(story: Story, journalist: Journalist) -> None:
    _ = story.words
    story.announce(
        EventKind.NO_COMMENT,
        _("{journalist} reports the brand did not comment").format(journalist=journalist.name),
        _("The article says the company did not answer requests for comment."),
        sender=journalist.name,
    )
    source = len(story.outlets) + 1 + journalist.number
    publish_news(story.crowd, story.spec.media.no_comment_reach, source, Origin.NO_COMMENT)


def _quote_in_media(story: Story, journalist: Journalist, answer: Action) -> None:
    """The journalist's story carries the brand's answer. It reaches readers with the next
    article; with no outlet modelled, it goes out on its own to the media audience."""
    story.announce(
        EventKind.QUOTED,
        story.words("{journalist} quotes the brand's statement").format(journalist=journalist.name),
    )
    story.brand.went_public(story.hours)
    story.media_quote = answer
    if not story.outlets:
        index = reach.as_media_item(story.crowd, answer)
        broadcast_statement(story.crowd, index, story.spec.media.reach)
        story.media_quote = None


def broadcast_article(story: Story, outlet: str, number: int) -> None:
    story.media_pickups_h.append(story.hours)
    story.announce(
        EventKind.MEDIA_ARTICLE,
        story.words("{outlet} publishes a story on the crisis").format(outlet=outlet),
        sender=outlet,
    )
    audience = publish_news(story.crowd, story.spec.media.reach, number, Origin.ARTICLE)
    brand_position = story.media_quote or story.brand.latest_public()
    if brand_position is not None:
        # The story reports what the brand said; its readers meet it if they read that far.
        index = reach.as_media_item(story.crowd, brand_position)
        deliver_statement(story.crowd, index, audience, story.spec.responses.quote_visibility)
    story.media_quote = None
