"""The actors phase: what happens to the story around the crowd. The trigger, new waves,
media pickup and journalists' inquiries, the MSEL's injects and evidence surfacing after a
denial (MODEL.md sections 3 and 5)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sim.clock import EPSILON_H
from sim.engine.actors import Journalist
from sim.engine.crowd.attitude import negative_update
from sim.engine.crowd.pending_views import ItemKind
from sim.engine.crowd.posting import broadcast, deliver_news, post_negative
from sim.engine.crowd.spread import initial_anger
from sim.engine.crowd.state import State
from sim.engine.response.reach import as_media_item
from sim.events import EventKind
from sim.spec.schema import InjectEffect, InjectType

if TYPE_CHECKING:
    from sim.engine.model import CrisisModel


def act(model: CrisisModel) -> None:
    """The actors phase: the trigger, media attention, outlets and journalists, due injects,
    and evidence that may surface after a denial."""
    if model.tick == model.start_tick:
        _trigger(model)
    _watch_volume(model)
    for outlet in model.outlets:
        outlet.step()
    for journalist in model.journalists:
        journalist.step()
    _release_due_injects(model)
    _maybe_surface_evidence(model)


def _trigger(model: CrisisModel) -> None:
    crisis = model.spec.crisis
    pop = model.population
    pools = {
        "random": np.arange(pop.size),
        "active": np.flatnonzero(pop.active),
        "stakeholders": np.flatnonzero(pop.stakeholder & pop.active),
        "influencers": np.flatnonzero(pop.influencer),
    }
    pool = pools[crisis.seed_from]
    if len(pool) < crisis.seeds:
        pool = np.arange(pop.size)
    seeds = np.sort(model.actor_rng.choice(pool, size=crisis.seeds, replace=False))
    _start_spreading(model, seeds)
    model.announce(EventKind.TRIGGER, "The crisis begins", visible_to_team=False)


def _start_spreading(model: CrisisModel, users: np.ndarray) -> None:
    pop = model.population
    newly = users[~pop.ever_aware[users]]
    pop.anger[newly] = initial_anger(
        model.spec.crisis.anger_gain, pop.responsibility[newly], pop.severity[newly]
    )
    pop.ever_aware[users] = True
    pop.ever_spread[users] = True
    pop.set_state(users, State.SPREADING)
    post_negative(model, users)


def _watch_volume(model: CrisisModel) -> None:
    """A wave draws media attention once its hourly volume passes the threshold."""
    last_hour = sum(model.hourly_negative[-model.monitor.ticks_per_h :])
    threshold = model.spec.media.volume_threshold * model.population.size
    if model.covered_wave < model.wave and last_hour >= max(threshold, 1.0):
        _assign_media(model)


def _assign_media(model: CrisisModel) -> None:
    model.covered_wave = model.wave
    lag = round(model.spec.media.lag_h / model.tick_h)
    if model.outlets:
        free = [o for o in model.outlets if o.article_tick is None] or model.outlets
        free[0].assign(model.tick + lag)
    for journalist in model.journalists:
        model.inquiry_count += 1
        journalist.ask(f"Q{model.inquiry_count}", model.spec.media.inquiry_deadline_h)


def _release_due_injects(model: CrisisModel) -> None:
    since_start = model.hours - model.spec.crisis.start_h
    last_hour = sum(model.hourly_negative[-model.monitor.ticks_per_h :])
    for inject in list(model.pending_injects):
        timed = inject.time_h is not None and since_start >= inject.time_h - EPSILON_H
        loud = inject.when_volume_above is not None and last_hour > inject.when_volume_above
        if timed or loud:
            release_inject(model, inject)


def release_inject(model: CrisisModel, inject) -> None:
    model.pending_injects.remove(inject)
    if inject.if_no_statement_by_h is not None:
        first = model.brand.first_public_h
        if first is not None and first <= inject.if_no_statement_by_h:
            return
    model.released_injects.append(inject.id)
    inquiry_id = None
    if inject.type is InjectType.JOURNALIST_INQUIRY and inject.deadline_h is not None:
        inquiry_id = inject.id
        _journalist(model, inject.sender).track(inject.id, inject.deadline_h)
    model.announce(
        EventKind.INJECT,
        f"{inject.type.value.replace('_', ' ').capitalize()} from {inject.sender}",
        inject.message,
        sender=inject.sender,
        deadline_h=None if inject.deadline_h is None else model.hours + inject.deadline_h,
        inquiry_id=inquiry_id,
        inject_id=inject.id,
    )
    if inject.effect is InjectEffect.NEGATIVE_WAVE:
        _new_wave(model, model.spec.crisis.seeds)
    elif inject.effect is InjectEffect.MEDIA_PICKUP:
        model.wave += 1
        model.covered_wave = model.wave
        broadcast_article(model, inject.sender)
    elif inject.effect is InjectEffect.EVIDENCE:
        _surface_evidence(model)


def _journalist(model: CrisisModel, name: str) -> Journalist:
    for journalist in model.journalists:
        if journalist.name == name:
            return journalist
    journalist = Journalist(model, name)
    model.journalists.append(journalist)
    return journalist


def _new_wave(model: CrisisModel, seeds: int) -> None:
    pop = model.population
    pool = np.flatnonzero(pop.active & (pop.state != State.SPREADING))
    if len(pool) == 0 or seeds == 0:
        return
    chosen = np.sort(model.actor_rng.choice(pool, size=min(seeds, len(pool)), replace=False))
    model.wave += 1
    _start_spreading(model, chosen)


def _maybe_surface_evidence(model: CrisisModel) -> None:
    """After a false denial, evidence emerges at a rate (Kim et al. 2004)."""
    if model.evidence_h is not None or not model.brand.denied:
        return
    if model.spec.crisis.true_responsibility <= 0.5:
        return
    chance = -math.expm1(-model.spec.evidence.rate_per_day / 24.0 * model.tick_h)
    if model.actor_rng.random() < chance:
        _surface_evidence(model)


def _surface_evidence(model: CrisisModel) -> None:
    if model.evidence_h is not None:
        return
    model.evidence_h = model.hours
    pop = model.population
    if model.brand.denied:
        model.brand.inconsistencies += 1
    aware = np.flatnonzero(pop.ever_aware)
    shock = negative_update(
        model.spec.attitude.learning_rate,
        model.spec.attitude.loss_aversion,
        pop.severity[aware],
        pop.responsibility[aware],
        model.halo[aware],
        model.spec.evidence.shock_weight,
    )
    pop.shift_attitude(aware, shock)
    model.announce(
        EventKind.EVIDENCE,
        "Evidence surfaces",
        "Documents contradicting the brand's account are circulating.",
    )
    _new_wave(model, model.spec.evidence.wave_seeds)


def print_no_comment(model: CrisisModel, journalist: str) -> None:
    model.announce(
        EventKind.NO_COMMENT,
        f"{journalist} reports the brand did not comment",
        "The article says the company did not answer requests for comment.",
        sender=journalist,
    )
    broadcast(model, model.spec.media.no_comment_reach, ItemKind.NEGATIVE)


def broadcast_article(model: CrisisModel, outlet: str) -> None:
    model.media_pickups_h.append(model.hours)
    model.announce(
        EventKind.MEDIA_ARTICLE,
        f"{outlet} publishes a story on the crisis",
        sender=outlet,
    )
    audience = broadcast(model, model.spec.media.reach, ItemKind.NEGATIVE)
    brand_position = model.media_quote or model.brand.latest_public()
    if brand_position is not None:
        # The story reports what the brand said, to the same readers.
        deliver_news(model, audience, ItemKind.STATEMENT, as_media_item(model, brand_position))
    model.media_quote = None
