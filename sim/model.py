"""CrisisModel: the crisis spreading over the follower graph, one tick at a time.

The step runs named phases in a fixed order (due actions, actors, exposure, decisions,
attitude, memory, collect). Each phase reads the arrays as the previous phase left them and
commits its changes at its end, so no result depends on the order users are visited in.
"""

from __future__ import annotations

import math
from pathlib import Path

import mesa
import numpy as np

from sim.action import Action
from sim.actors import BrandAccount, Influencer, Journalist, MediaOutlet
from sim.crowd.attitude import (
    bounded_confidence_shift,
    halo_shield,
    negative_update,
    silence_drift,
)
from sim.crowd.bernoulli import bernoulli_positions
from sim.crowd.pending_views import ItemKind, PendingViews, Views
from sim.crowd.post_log import NO_AUTHOR, PostKind, PostLog
from sim.crowd.spread import initial_anger, share_probability, skeptic_probability
from sim.crowd.state import State
from sim.crowd.timing import at_least_once, decay_factor, per_tick_probability
from sim.crowd.visibility import Kernel, follower_slices, sample_follower_views, sample_views
from sim.errors import ActionError
from sim.events import EventKind, TeamEvent
from sim.mesa_compat import model_init_kwargs, release_model
from sim.monitoring import Monitor, Observation
from sim.response.effect import StatementTerms, react, statement_terms
from sim.spec.schema import Channel, InjectEffect, InjectType, ScenarioSpec
from sim.world.population import Population, build_population

REPORTERS = (
    "hour",
    "susceptible",
    "exposed",
    "spreading",
    "skeptic",
    "removed",
    "reputation_index",
    "stakeholder_reputation_index",
    "negative_posts",
    "defending_posts",
    "aware_total",
    "spreaders_total",
    "aware_saw_response",
    "observed_mentions_per_h",
    "observed_sentiment",
)

_STREAMS = ("graph", "population", "crowd", "actors", "monitoring")


class CrisisModel(mesa.Model):
    """One run of one scenario with one seed. The same spec, seed and actions give the same
    outcome, bit for bit."""

    def __init__(self, spec: ScenarioSpec, seed: int, followers=None) -> None:
        super().__init__(**model_init_kwargs(seed))
        self.spec = spec
        self.seed = int(seed)
        streams = dict(
            zip(_STREAMS, np.random.SeedSequence(self.seed).spawn(len(_STREAMS)), strict=True)
        )
        self.crowd_rng = np.random.default_rng(streams["crowd"])
        self.actor_rng = np.random.default_rng(streams["actors"])

        if followers is None:
            followers = build_followers(spec, np.random.default_rng(streams["graph"]))
        self.population: Population = build_population(
            spec, followers, np.random.default_rng(streams["population"])
        )
        self.tick_h = spec.turns.tick_h
        self.tick = 0
        self.kernel = Kernel(
            spec.spread.visibility,
            spec.spread.post_half_life_h,
            spec.spread.exposure_window_h,
            self.tick_h,
        )
        self.pending = PendingViews(self.kernel.window_ticks)
        self.posts = PostLog()
        self.halo = halo_shield(
            self.population.anchor, spec.attitude.halo_threshold, spec.attitude.halo_max
        )
        self.monitor = Monitor(
            spec.monitoring.profile(),
            self.population.size,
            self.tick_h,
            np.random.default_rng(streams["monitoring"]),
        )

        self.brand = BrandAccount(self)
        self.outlets = [MediaOutlet(self, f"Outlet {k + 1}") for k in range(spec.media.outlets)]
        self.journalists = [
            Journalist(self, f"Journalist {k + 1}") for k in range(spec.media.journalists)
        ]
        ranked = np.argsort(-self.population.follower_counts, kind="stable")
        self.influencers = [
            Influencer(self, int(user)) for user in ranked[: spec.population.tracked_influencers]
        ]

        self.statements: list[tuple[Action, StatementTerms]] = []
        self.statement_seen: list[np.ndarray] = []
        self.events: list[TeamEvent] = []
        self.pending_injects = list(spec.injects)
        self.released_injects: list[str] = []
        self.thread_fuel = 1.0
        self.media_quote: Action | None = None  # the brand's answer awaiting the next article
        self.start_tick = round(spec.crisis.start_h / self.tick_h)
        self.wave = 0
        self.covered_wave = -1
        self.media_pickups_h: list[float] = []
        self.evidence_h: float | None = None
        self.inquiry_count = 0
        self.hourly_negative: list[int] = []

        self.hour = 0.0
        self.negative_posts = 0
        self.defending_posts = 0
        self.impressions = 0
        self._refresh_reporters()
        self.baseline_reputation_index = self.reputation_index
        self.datacollector = mesa.DataCollector(model_reporters={r: r for r in REPORTERS})

    # ------------------------------------------------------------------ public interface

    @property
    def hours(self) -> float:
        """The current scenario time: the start of the next tick."""
        return self.tick * self.tick_h

    def schedule(self, action: Action) -> None:
        """Queue a brand response; it goes out at its time."""
        if action.at_h < self.hours - 1e-9:
            raise ActionError(
                f"the action at hour {action.at_h:g} is in the past (it is now hour "
                f"{self.hours:g}); schedule it at hour {self.hours:g} or later."
            )
        self.brand.queue(action)

    @property
    def horizon_h(self) -> float:
        return self.spec.turns.horizon_ticks * self.tick_h

    def advance_to(self, hours: float) -> None:
        """Step until the clock reaches `hours` (never past the horizon)."""
        end = min(hours, self.horizon_h)
        while self.hours < end - 1e-9:
            self.step()

    def run_to_horizon(self) -> None:
        self.advance_to(self.horizon_h)

    def close(self) -> None:
        """Drop Mesa's hold on this model so memory is released after the run."""
        release_model(self)

    def observation(self) -> Observation:
        return self.monitor.observe(self.tick - 1)

    def observed_mentions_now(self) -> float:
        """The team's current hourly mention estimate, without building a whole Observation."""
        return self.monitor.visible_hourly_mentions(self.tick - 1)

    @property
    def pending_inject_ids(self) -> tuple[str, ...]:
        return tuple(inject.id for inject in self.pending_injects)

    def series(self) -> dict[str, list[float]]:
        return {name: list(values) for name, values in self.datacollector.model_vars.items()}

    def release_inject(self, inject_id: str) -> None:
        """Release an MSEL inject now (the facilitator's unscheduled release)."""
        for inject in self.pending_injects:
            if inject.id == inject_id:
                self._release_inject(inject)
                return
        raise ActionError(f"there is no pending inject '{inject_id}'; pick one from the MSEL.")

    def step(self) -> None:
        self.negative_posts = self.defending_posts = self.impressions = 0
        self.brand.step()  # due actions
        self._act()  # actors
        self._expose()  # exposure
        self._decide()  # decisions
        self._update_attitudes()  # attitude
        self._remember()  # memory
        self._collect()  # collect
        self.tick += 1

    # ------------------------------------------------------------------ events

    def announce(
        self, kind: EventKind, title: str, body: str = "", at_h: float | None = None, **fields
    ) -> None:
        """Add a message to the team's inbox (or, if not visible to the team, the ground truth)."""
        when = self.hours if at_h is None else at_h
        self.events.append(TeamEvent(at_h=when, kind=kind, title=title, body=body, **fields))

    # ------------------------------------------------------------------ posting

    def post_negative(self, authors: np.ndarray, parents: np.ndarray | None = None) -> None:
        """Authors' followers will see their negative posts through the visibility kernel.
        `parents` are the posts being reshared, if any."""
        if len(authors) == 0:
            return
        ids = self.posts.add(self.tick, authors, PostKind.NEGATIVE, parents)
        readers, owner, delays = sample_follower_views(
            self.population.followers, authors, self.kernel, self.crowd_rng
        )
        weight = np.where(
            self.population.influencer[authors[owner]],
            self.spec.attitude.source_weight_influencer,
            self.spec.attitude.source_weight_peer,
        )
        self.pending.add(self.tick, readers, delays, ItemKind.NEGATIVE, weight, ids[owner])
        self.impressions += len(readers)
        self.negative_posts += len(authors)

    def _post_defending(self, authors: np.ndarray) -> None:
        if len(authors) == 0:
            return
        ids = self.posts.add(self.tick, authors, PostKind.DEFENDING)
        readers, owner, delays = sample_follower_views(
            self.population.followers, authors, self.kernel, self.crowd_rng
        )
        self.pending.add(self.tick, readers, delays, ItemKind.DEFENDING, item=ids[owner])
        self.defending_posts += len(authors)

    def _broadcast(self, share: float, kind: ItemKind, statement: int = -1) -> np.ndarray:
        """A news item: a random share of everyone, inactives included, over the next hours.
        A negative item is logged as a news post; a statement keeps its index. Returns the
        audience, so a second item can reach the same readers."""
        audience = bernoulli_positions(self.population.size, share, self.crowd_rng)
        self._deliver_news(audience, kind, statement)
        return audience

    def _deliver_news(self, audience: np.ndarray, kind: ItemKind, statement: int = -1) -> None:
        item = statement
        if kind is ItemKind.NEGATIVE:
            item = int(self.posts.add(self.tick, np.array([NO_AUTHOR]), PostKind.NEWS)[0])
        positions, delays = sample_views(audience, self.kernel, self.crowd_rng, visibility=1.0)
        self.pending.add(
            self.tick,
            audience[positions],
            delays,
            kind,
            self.spec.attitude.source_weight_media,
            item,
        )

    def _spread_statement(self, index: int, readers: np.ndarray, visibility: float) -> None:
        positions, delays = sample_views(readers, self.kernel, self.crowd_rng, visibility)
        self.pending.add(self.tick, readers[positions], delays, ItemKind.STATEMENT, item=index)

    def _relay_statement(self, index: int, relays: np.ndarray) -> None:
        """Relays post a brand statement: their followers see it through the kernel."""
        readers, _, delays = sample_follower_views(
            self.population.followers, relays, self.kernel, self.crowd_rng
        )
        self.pending.add(self.tick, readers, delays, ItemKind.STATEMENT, item=index)

    # ------------------------------------------------------------------ the brand speaks

    def publish(self, action: Action, supportive_relay: bool = False) -> None:
        """Send a released action to its audience, by channel (MODEL.md 5, 'Reach')."""
        pop = self.population
        index = len(self.statements)
        self.statements.append(
            (action, statement_terms(action, self.spec.responses, supportive_relay))
        )
        self.statement_seen.append(np.zeros(pop.size, dtype=bool))
        if action.answers is not None:
            # An answer goes to the journalist, who quotes it at the deadline: no channel of its
            # own.
            self.announce(EventKind.STATEMENT, f"Answer sent for {action.answers}", action.text)
            return
        if action.is_public:
            self.announce(
                EventKind.STATEMENT,
                f"Statement out: {action.strategy.value.replace('_', ' ')}",
                action.text,
                sender=action.spokesperson.value,
            )
        if self.statements[index][1].fuels_thread:
            self.thread_fuel = self.spec.responses.public_compensation_fuel

        if action.channel is Channel.OWN_ACCOUNT:
            self._spread_statement(
                index, np.flatnonzero(pop.brand_follower), self.kernel.visibility
            )
        elif action.channel is Channel.TRADITIONAL_MEDIA:
            self._broadcast(self.spec.media.reach, ItemKind.STATEMENT, index)
        elif action.channel is Channel.INFLUENCER:
            self._relay_by_influencer(action, index)
        elif action.channel is Channel.DIRECT_REPLY:
            self._reply_directly(action, index)

    def _relay_by_influencer(self, action: Action, index: int) -> None:
        if not self.influencers:
            raise ActionError(
                "influencer outreach needs tracked influencers; set population.tracked_influencers "
                "above 0."
            )
        influencer = self.influencers[min(action.influencer_rank, len(self.influencers) - 1)]
        if influencer.supportive:
            action_terms = statement_terms(action, self.spec.responses, supportive_relay=True)
            self.statements[index] = (action, action_terms)
        self._relay_statement(index, np.array([influencer.user]))

    def _reply_directly(self, action: Action, index: int) -> None:
        """Answer the k most-followed current spreaders, within the team's reply capacity."""
        pop = self.population
        capacity = self.spec.team.reply_capacity_h
        spreaders = np.flatnonzero(pop.state == State.SPREADING)
        if len(spreaders) == 0 or action.replies == 0:
            return
        k = min(action.replies, capacity, len(spreaders))
        order = np.argsort(-pop.follower_counts[spreaders], kind="stable")[:k]
        targets = spreaders[order]
        self.pending.add(
            self.tick,
            targets,
            np.ones(len(targets), dtype=np.int64),
            ItemKind.STATEMENT,
            item=index,
        )

    def quote_in_media(self, journalist: str, answer: Action) -> None:
        """The journalist's story carries the brand's answer. It reaches readers with the next
        article; with no outlet modelled, it goes out on its own to the media audience."""
        self.announce(EventKind.QUOTED, f"{journalist} quotes the brand's statement")
        self.brand.went_public(self.hours)
        self.media_quote = answer
        if not self.outlets:
            self._broadcast(self.spec.media.reach, ItemKind.STATEMENT, self._as_media_item(answer))
            self.media_quote = None

    def _as_media_item(self, action: Action) -> int:
        """Register the brand's words as printed by the media; return the statement index."""
        quoted = action.model_copy(update={"channel": Channel.TRADITIONAL_MEDIA, "answers": None})
        self.statements.append((quoted, statement_terms(quoted, self.spec.responses)))
        self.statement_seen.append(np.zeros(self.population.size, dtype=bool))
        return len(self.statements) - 1

    def print_no_comment(self, journalist: str) -> None:
        self.announce(
            EventKind.NO_COMMENT,
            f"{journalist} reports the brand did not comment",
            "The article says the company did not answer requests for comment.",
            sender=journalist,
        )
        self._broadcast(self.spec.media.no_comment_reach, ItemKind.NEGATIVE)

    def broadcast_article(self, outlet: str) -> None:
        self.media_pickups_h.append(self.hours)
        self.announce(
            EventKind.MEDIA_ARTICLE,
            f"{outlet} publishes a story on the crisis",
            sender=outlet,
        )
        audience = self._broadcast(self.spec.media.reach, ItemKind.NEGATIVE)
        brand_position = self.media_quote or self.brand.latest_public()
        if brand_position is not None:
            # The story reports what the brand said, to the same readers.
            self._deliver_news(audience, ItemKind.STATEMENT, self._as_media_item(brand_position))
        self.media_quote = None

    # ------------------------------------------------------------------ phase: actors

    def _act(self) -> None:
        if self.tick == self.start_tick:
            self._trigger()
        self._watch_volume()
        for outlet in self.outlets:
            outlet.step()
        for journalist in self.journalists:
            journalist.step()
        self._release_due_injects()
        self._maybe_surface_evidence()

    def _trigger(self) -> None:
        crisis = self.spec.crisis
        pop = self.population
        pools = {
            "random": np.arange(pop.size),
            "active": np.flatnonzero(pop.active),
            "stakeholders": np.flatnonzero(pop.stakeholder & pop.active),
            "influencers": np.flatnonzero(pop.influencer),
        }
        pool = pools[crisis.seed_from]
        if len(pool) < crisis.seeds:
            pool = np.arange(pop.size)
        seeds = np.sort(self.actor_rng.choice(pool, size=crisis.seeds, replace=False))
        self._start_spreading(seeds)
        self.announce(EventKind.TRIGGER, "The crisis begins", visible_to_team=False)

    def _start_spreading(self, users: np.ndarray) -> None:
        pop = self.population
        newly = users[~pop.ever_aware[users]]
        pop.anger[newly] = initial_anger(
            self.spec.crisis.anger_gain, pop.responsibility[newly], pop.severity[newly]
        )
        pop.ever_aware[users] = True
        pop.ever_spread[users] = True
        pop.set_state(users, State.SPREADING)
        self.post_negative(users)

    def _watch_volume(self) -> None:
        """A wave draws media attention once its hourly volume passes the threshold."""
        last_hour = sum(self.hourly_negative[-self.monitor.ticks_per_h :])
        threshold = self.spec.media.volume_threshold * self.population.size
        if self.covered_wave < self.wave and last_hour >= max(threshold, 1.0):
            self._assign_media()

    def _assign_media(self) -> None:
        self.covered_wave = self.wave
        lag = round(self.spec.media.lag_h / self.tick_h)
        if self.outlets:
            free = [o for o in self.outlets if o.article_tick is None] or self.outlets
            free[0].assign(self.tick + lag)
        for journalist in self.journalists:
            self.inquiry_count += 1
            journalist.ask(f"Q{self.inquiry_count}", self.spec.media.inquiry_deadline_h)

    def _release_due_injects(self) -> None:
        since_start = self.hours - self.spec.crisis.start_h
        last_hour = sum(self.hourly_negative[-self.monitor.ticks_per_h :])
        for inject in list(self.pending_injects):
            timed = inject.time_h is not None and since_start >= inject.time_h - 1e-9
            loud = inject.when_volume_above is not None and last_hour > inject.when_volume_above
            if timed or loud:
                self._release_inject(inject)

    def _release_inject(self, inject) -> None:
        self.pending_injects.remove(inject)
        if inject.if_no_statement_by_h is not None:
            first = self.brand.first_public_h
            if first is not None and first <= inject.if_no_statement_by_h:
                return
        self.released_injects.append(inject.id)
        inquiry_id = None
        if inject.type is InjectType.JOURNALIST_INQUIRY and inject.deadline_h is not None:
            inquiry_id = inject.id
            self._journalist(inject.sender).track(inject.id, inject.deadline_h)
        self.announce(
            EventKind.INJECT,
            f"{inject.type.value.replace('_', ' ').capitalize()} from {inject.sender}",
            inject.message,
            sender=inject.sender,
            deadline_h=None if inject.deadline_h is None else self.hours + inject.deadline_h,
            inquiry_id=inquiry_id,
            inject_id=inject.id,
        )
        if inject.effect is InjectEffect.NEGATIVE_WAVE:
            self._new_wave(self.spec.crisis.seeds)
        elif inject.effect is InjectEffect.MEDIA_PICKUP:
            self.wave += 1
            self.covered_wave = self.wave
            self.broadcast_article(inject.sender)
        elif inject.effect is InjectEffect.EVIDENCE:
            self._surface_evidence()

    def _journalist(self, name: str) -> Journalist:
        for journalist in self.journalists:
            if journalist.name == name:
                return journalist
        journalist = Journalist(self, name)
        self.journalists.append(journalist)
        return journalist

    def _new_wave(self, seeds: int) -> None:
        pop = self.population
        pool = np.flatnonzero(pop.active & (pop.state != State.SPREADING))
        if len(pool) == 0 or seeds == 0:
            return
        chosen = np.sort(self.actor_rng.choice(pool, size=min(seeds, len(pool)), replace=False))
        self.wave += 1
        self._start_spreading(chosen)

    def _maybe_surface_evidence(self) -> None:
        """After a false denial, evidence emerges at a rate (Kim et al. 2004)."""
        if self.evidence_h is not None or not self.brand.denied:
            return
        if self.spec.crisis.true_responsibility <= 0.5:
            return
        chance = -math.expm1(-self.spec.evidence.rate_per_day / 24.0 * self.tick_h)
        if self.actor_rng.random() < chance:
            self._surface_evidence()

    def _surface_evidence(self) -> None:
        if self.evidence_h is not None:
            return
        self.evidence_h = self.hours
        pop = self.population
        if self.brand.denied:
            self.brand.inconsistencies += 1
        aware = np.flatnonzero(pop.ever_aware)
        shock = negative_update(
            self.spec.attitude.learning_rate,
            self.spec.attitude.loss_aversion,
            pop.severity[aware],
            pop.responsibility[aware],
            self.halo[aware],
            self.spec.evidence.shock_weight,
        )
        pop.shift_attitude(aware, shock)
        self.announce(
            EventKind.EVIDENCE,
            "Evidence surfaces",
            "Documents contradicting the brand's account are circulating.",
        )
        self._new_wave(self.spec.evidence.wave_seeds)

    # ------------------------------------------------------------------ phase: exposure

    def _expose(self) -> None:
        views = self.pending.pop(self.tick)
        if len(views) == 0:
            return
        self._read_negative(views.of_kind(ItemKind.NEGATIVE))
        self._read_defending(views.of_kind(ItemKind.DEFENDING))
        self._read_statements(views.of_kind(ItemKind.STATEMENT))

    def _read_negative(self, views: Views) -> None:
        if len(views) == 0:
            return
        pop, spread, att = self.population, self.spec.spread, self.spec.attitude
        readers, first, inverse, counts = np.unique(
            views.readers, return_index=True, return_inverse=True, return_counts=True
        )
        seen_post = views.item[first]  # the post a reader met first this tick gets the credit
        weights = np.bincount(inverse, weights=views.weight)

        new = readers[pop.state[readers] == State.SUSCEPTIBLE]
        pop.set_state(new, State.EXPOSED)
        pop.ever_aware[new] = True
        pop.anger[new] = initial_anger(
            self.spec.crisis.anger_gain, pop.responsibility[new], pop.severity[new]
        )

        change = negative_update(
            att.learning_rate,
            att.loss_aversion,
            pop.severity[readers],
            pop.responsibility[readers],
            self.halo[readers],
            weights,
        )
        pop.shift_attitude(readers, change)

        undecided = pop.state[readers] == State.EXPOSED
        users, times, sources = readers[undecided], counts[undecided], seen_post[undecided]
        p_share = share_probability(
            spread.share_probability,
            spread.negativity_boost,
            pop.relevance[users],
            pop.anger[users],
            spread.anger_sharing,
            pop.damping[users],
            self.thread_fuel,
        )
        draws = self.crowd_rng.random((2, len(users)))
        shares = pop.active[users] & (draws[0] < at_least_once(p_share, times))
        p_skeptic = skeptic_probability(spread.skeptic_rate, pop.attitude(users))
        doubts = ~shares & (draws[1] < at_least_once(p_skeptic, times))
        sharers = users[shares]
        pop.set_state(sharers, State.SPREADING)
        pop.ever_spread[sharers] = True
        pop.set_state(users[doubts], State.SKEPTIC)
        self.posts.credit_reshares(sources[shares])
        self.post_negative(sharers, parents=sources[shares])

        skeptics = readers[
            (pop.state[readers] == State.SKEPTIC)
            & pop.active[readers]
            & (pop.attitude(readers) > spread.defend_attitude)
        ]
        p_defend = spread.share_probability * spread.defend_share_factor
        times = counts[np.searchsorted(readers, skeptics)]
        defend = self.crowd_rng.random(len(skeptics)) < at_least_once(
            np.full(len(skeptics), p_defend), times
        )
        self._post_defending(skeptics[defend])

    def _read_defending(self, views: Views) -> None:
        if len(views) == 0:
            return
        att = self.spec.attitude
        readers, counts = np.unique(views.readers, return_counts=True)
        change = att.learning_rate * att.defend_weight * counts
        self.population.shift_attitude(readers, change)

    def _read_statements(self, views: Views) -> None:
        if len(views) == 0:
            return
        pop, att = self.population, self.spec.attitude
        for index in np.unique(views.item):
            action, terms = self.statements[index]
            seen = self.statement_seen[index]
            readers = np.unique(views.readers[views.item == index])
            readers = readers[~seen[readers]]
            if len(readers) == 0:
                continue
            seen[readers] = True
            first_time = ~pop.saw_statement[readers]
            before_third_party = ~pop.ever_aware[readers]
            pop.saw_statement[readers] = True
            pop.heard_brand_first[readers[first_time & before_third_party]] = True
            reaction = react(
                terms,
                self.spec.responses,
                learning_rate=att.learning_rate,
                loss_aversion=att.loss_aversion,
                prior_reputation=self.spec.crisis.prior_reputation,
                responsibility=pop.responsibility[readers],
                base_credibility=pop.credibility[readers],
                anger=pop.anger[readers],
                before_third_party=before_third_party,
                inconsistencies=self.brand.inconsistencies,
            )
            pop.shift_attitude(readers, reaction.attitude_change)
            pop.damping[readers] = np.minimum(pop.damping[readers], reaction.damping)
            pop.severity[readers[reaction.thunder]] *= self.spec.responses.thunder_severity
            if action.is_public:
                self._reshare_by_supporters(index, readers[reaction.attitude_change > 0])

    def _reshare_by_supporters(self, index: int, supporters: np.ndarray) -> None:
        """Supporters reshare a brand statement at a fraction of the usual sharing rate."""
        pop, spread = self.population, self.spec.spread
        p = (
            spread.share_probability
            * self.spec.responses.supporter_reshare
            * pop.relevance[supporters]
        )
        sharers = supporters[pop.active[supporters] & (self.crowd_rng.random(len(supporters)) < p)]
        self._relay_statement(index, sharers)

    # ------------------------------------------------------------------ phase: decisions

    def _decide(self) -> None:
        """Attention decays, angry spreaders repost, and stifled spreaders stop."""
        pop, spread = self.population, self.spec.spread
        if pop.state_counts[State.EXPOSED] == pop.state_counts[State.SPREADING] == 0:
            return
        exposed = np.flatnonzero(pop.state == State.EXPOSED)
        spreaders = np.flatnonzero(pop.state == State.SPREADING)
        draws = self.crowd_rng.random(len(exposed) + 2 * len(spreaders))
        bored = exposed[
            draws[: len(exposed)] < per_tick_probability(spread.exposed_half_life_h, self.tick_h)
        ]
        rest = draws[len(exposed) :]
        repost_rate = spread.repost_anger_rate * pop.anger[spreaders] * self.thread_fuel
        repost_chance = -np.expm1(-repost_rate * self.tick_h)
        reposters = spreaders[rest[: len(spreaders)] < repost_chance]
        tired = spreaders[
            rest[len(spreaders) :] < per_tick_probability(spread.spreader_half_life_h, self.tick_h)
        ]
        stifled = self._stifled(reposters) if spread.stifling else reposters[:0]

        self.post_negative(reposters)
        pop.set_state(np.concatenate((bored, tired, stifled)), State.REMOVED)

    def _stifled(self, reposters: np.ndarray) -> np.ndarray:
        """A repost landing mostly on followers who already know stops the spreader."""
        if len(reposters) == 0:
            return reposters
        pop = self.population
        readers, owner = follower_slices(pop.followers, reposters)
        aware = np.bincount(owner, weights=pop.ever_aware[readers], minlength=len(reposters))
        followers = pop.follower_counts[reposters]
        share = np.divide(aware, followers, out=np.zeros(len(reposters)), where=followers > 0)
        return reposters[self.crowd_rng.random(len(reposters)) < share]

    # ------------------------------------------------------------------ phase: attitude

    def _update_attitudes(self) -> None:
        pop, att = self.population, self.spec.attitude
        if not self.brand.has_spoken and self.tick >= self.start_tick:
            listeners = np.flatnonzero(pop.silence_audience(att.silence_audience))
            if len(listeners):
                drift = silence_drift(att.silence_drift_per_h, self.tick_h, len(listeners))
                pop.shift_attitude(listeners, drift)
        interval = max(1, round(att.averaging_interval_h / self.tick_h))
        if self.tick > 0 and self.tick % interval == 0:
            shift = bounded_confidence_shift(
                pop.attitude(), pop.listening, att.confidence_bound, att.averaging_step
            )
            moved = np.flatnonzero(shift)
            pop.shift_attitude(moved, shift[moved])
            pop.memory.resync()

    # ------------------------------------------------------------------ phase: memory

    def _remember(self) -> None:
        att = self.spec.attitude
        self.population.memory.decay(
            decay_factor(att.fast_half_life_days * 24.0, self.tick_h),
            decay_factor(att.slow_half_life_days * 24.0, self.tick_h),
        )

    # ------------------------------------------------------------------ phase: collect

    def _collect(self) -> None:
        self.hourly_negative.append(self.negative_posts)
        self.hour = (self.tick + 1) * self.tick_h
        if self.monitor.record(
            self.tick, self.negative_posts, self.defending_posts, self.impressions
        ):
            self.announce(
                EventKind.DETECTION,
                "Listening alert: negative mentions are surging",
                f"About {self.monitor.visible_hourly_mentions(self.tick):.0f} negative mentions "
                "in the last hour.",
                at_h=self.monitor.detected_at_h,
            )
        self._refresh_reporters()
        self.datacollector.collect(self)

    def _refresh_reporters(self) -> None:
        """The per-tick reporters, at a cost that does not grow with the population."""
        pop = self.population
        (self.susceptible, self.exposed, self.spreading, self.skeptic, self.removed) = (
            int(c) for c in pop.state_counts
        )
        self.reputation_index = 50.0 * (pop.memory.mean() + 1.0)
        self.stakeholder_reputation_index = (
            50.0 * (pop.memory.mean(in_group=True) + 1.0)
            if pop.stakeholder.any()
            else self.reputation_index
        )
        self.aware_total = int(np.count_nonzero(pop.ever_aware))
        self.spreaders_total = int(np.count_nonzero(pop.ever_spread))
        self.aware_saw_response = int(np.count_nonzero(pop.ever_aware & pop.saw_statement))
        observed = self.monitor
        self.observed_mentions_per_h = observed.visible_hourly_mentions(self.tick)
        self.observed_sentiment = observed.sentiment[-1] if observed.sentiment else 0.0


def build_followers(spec: ScenarioSpec, rng: np.random.Generator):
    """The follower graph the scenario asks for: generated, or read from the user's file."""
    from sim.world.graph import generate_follower_graph

    graph = spec.graph
    if graph.source == "generate":
        return generate_follower_graph(
            graph.users,
            graph.mean_out_degree,
            graph.tail_exponent,
            graph.reciprocity,
            graph.triadic_closure,
            rng,
        )
    from sim.world.graph import load_graph

    return load_graph(Path(graph.source))
