"""CrisisModel: the crisis spreading over the follower graph, one tick at a time.

The step runs named phases in a fixed order (due actions, actors, exposure, decisions,
attitude, memory, collect). Each phase reads the arrays as the previous phase left them and
commits its changes at its end, so no result depends on the order users are visited in. The
phases live with their rules: `storyline` (actors: trigger, media, injects, evidence),
`crowd.exposure`, `crowd.decisions`, `crowd.opinion` (attitude and memory), all in `sim.engine`;
the brand's statements go out through `response.reach`.
"""

from __future__ import annotations

import math
from pathlib import Path

import mesa
import numpy as np

from sim.action import Action
from sim.clock import EPSILON_H
from sim.engine import storyline
from sim.engine.actors import BrandAccount, Influencer, Journalist, MediaOutlet
from sim.engine.crowd import decisions, exposure, opinion
from sim.engine.crowd.attitude import (
    halo_shield,
)
from sim.engine.crowd.pending_views import PendingViews
from sim.engine.crowd.post_log import PostLog
from sim.engine.crowd.visibility import Kernel
from sim.engine.mesa_compat import model_init_kwargs, release_model
from sim.engine.monitoring import Monitor
from sim.engine.response import reach
from sim.engine.response.effect import StatementTerms
from sim.engine.world.population import Population, build_population
from sim.errors import ActionError
from sim.events import EventKind, TeamEvent
from sim.observation import Observation
from sim.spec.schema import ScenarioSpec

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
        if action.at_h < self.hours - EPSILON_H:
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
        while self.hours < end - EPSILON_H:
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
                storyline.release_inject(self, inject)
                return
        raise ActionError(f"there is no pending inject '{inject_id}'; pick one from the MSEL.")

    def step(self) -> None:
        self.negative_posts = self.defending_posts = self.impressions = 0
        self.brand.step()  # due actions
        storyline.act(self)  # actors
        exposure.expose(self)  # exposure
        decisions.decide(self)  # decisions
        opinion.update_attitudes(self)  # attitude
        opinion.remember(self)  # memory
        self._collect()  # collect
        self.tick += 1

    # ------------------------------------------------------------------ events

    def announce(
        self, kind: EventKind, title: str, body: str = "", at_h: float | None = None, **fields
    ) -> None:
        """Add a message to the team's inbox (or, if not visible to the team, the ground truth)."""
        when = self.hours if at_h is None else at_h
        self.events.append(TeamEvent(at_h=when, kind=kind, title=title, body=body, **fields))

    # ------------------------------------------------------------------ what the actors call

    def publish(self, action: Action, supportive_relay: bool = False) -> None:
        """Send a released brand action to its audience (`sim.engine.response.reach`)."""
        reach.publish(self, action, supportive_relay)

    def quote_in_media(self, journalist: str, answer: Action) -> None:
        reach.quote_in_media(self, journalist, answer)

    def broadcast_article(self, outlet: str) -> None:
        storyline.broadcast_article(self, outlet)

    def print_no_comment(self, journalist: str) -> None:
        storyline.print_no_comment(self, journalist)

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
        """The per-tick reporters. The means and state counts are kept running, so no user's
        attitude is visited; the flag totals are one count over a boolean array each."""
        pop = self.population
        (self.susceptible, self.exposed, self.spreading, self.skeptic, self.removed) = (
            int(c) for c in pop.state_counts
        )
        self.reputation_index = 50.0 * (pop.memory.mean() + 1.0)
        stakeholders = pop.memory.mean(in_group=True)  # NaN when there are none
        self.stakeholder_reputation_index = (
            self.reputation_index if math.isnan(stakeholders) else 50.0 * (stakeholders + 1.0)
        )
        self.aware_total = int(np.count_nonzero(pop.ever_aware))
        self.spreaders_total = int(np.count_nonzero(pop.ever_spread))
        self.aware_saw_response = int(np.count_nonzero(pop.ever_aware & pop.saw_statement))
        observed = self.monitor
        self.observed_mentions_per_h = observed.visible_hourly_mentions(self.tick)
        self.observed_sentiment = observed.sentiment[-1] if observed.sentiment else 0.0


def build_followers(spec: ScenarioSpec, rng: np.random.Generator):
    """The follower graph the scenario asks for: generated, or read from the user's file."""
    from sim.engine.world.graph import generate_follower_graph

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
    from sim.engine.world.graph import load_graph

    return load_graph(Path(graph.source))
