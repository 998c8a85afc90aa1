"""CrisisModel: the crisis spreading over the follower graph, one tick at a time.

The step runs named phases in a fixed order (due actions, actors, exposure, decisions,
attitude, memory, collect). Each phase reads the arrays as the previous phase left them and
commits its changes at its end, so no result depends on the order users are visited in. The
phases live with their rules and take the small world they work on: the `storyline` takes the
`Story` (actors, injects, media, evidence), the crowd's phases `crowd.exposure`,
`crowd.decisions` and `crowd.opinion` take the `Crowd`; the brand's statements go out through
`response.reach`. The model composes them and keeps the books (Mesa's agents and reporters).

Randomness is coupled (`sim.engine.draws`): the graph and the population come from their own
seeded streams, and every draw of the run itself belongs to a stable identity.
"""

from __future__ import annotations

import math

import mesa
import numpy as np
from scipy.sparse import csr_matrix

from sim.action import Action
from sim.clock import EPSILON_H
from sim.engine import storyline
from sim.engine.actors import BrandAccount, Influencer, Journalist, MediaOutlet
from sim.engine.crowd import decisions, exposure, opinion
from sim.engine.crowd.attitude import halo_shield
from sim.engine.crowd.pending_views import PendingViews
from sim.engine.crowd.post_log import PostLog
from sim.engine.crowd.visibility import Kernel
from sim.engine.crowd.world import Crowd, Statement
from sim.engine.draws import Draws
from sim.engine.inbox import Inbox
from sim.engine.mesa_compat import model_init_kwargs, release_model
from sim.engine.monitoring import Monitor
from sim.engine.world.population import AWARE, STAKEHOLDERS, Population, populate
from sim.engine.world.world import STREAMS, World, build_world, follower_graph, recipe_of, world_on
from sim.errors import ActionError
from sim.events import EventKind, TeamEvent
from sim.i18n import translator
from sim.observation import Observation
from sim.spec.schema import Inject, ScenarioSpec

REPORTERS = (
    "hour",
    "susceptible",
    "exposed",
    "spreading",
    "skeptic",
    "removed",
    "reputation_index",
    "stakeholder_reputation_index",
    "aware_damage",
    "negative_posts",
    "defending_posts",
    "aware_total",
    "spreaders_total",
    "aware_saw_response",
    "observed_mentions_per_h",
    "observed_sentiment",
)


class CrisisModel(mesa.Model):
    """One run of one scenario with one seed. The same spec, seed and actions give the same
    outcome, bit for bit.

    Mesa's convention holds: `running` turns False when a step reaches the horizon, so Mesa's
    own tooling (`run_model`, batch runs, SolaraViz) stops where the exercise does.
    """

    def __init__(
        self,
        spec: ScenarioSpec,
        seed: int,
        followers: csr_matrix | None = None,
        world: World | None = None,
    ) -> None:
        """`world`, if given, is the one `build_world(recipe_of(spec), seed)` would build, shared
        and never written; `followers`, a graph to draw this seed's population on."""
        super().__init__(**model_init_kwargs(seed))
        self.spec = spec
        self.seed = int(seed)
        if world is None:
            world = self._own_world(followers)
        elif not world.fits(spec, self.seed):
            raise ValueError(f"the world given was not built for this scenario and seed {seed}")
        self.world = world
        population = populate(spec, world.followers, world.listening, world.publics)
        self.tick_h = spec.turns.tick_h
        draws = Draws(self.seed)
        kernel = Kernel(
            spec.spread.visibility,
            spec.spread.post_half_life_h,
            spec.spread.exposure_window_h,
            self.tick_h,
        )
        self.crowd = Crowd(
            spec=spec,
            population=population,
            kernel=kernel,
            draws=draws,
            halo=halo_shield(
                population.anchor, spec.attitude.halo_threshold, spec.attitude.halo_max
            ),
            pending=PendingViews(kernel.window_ticks),
        )
        self.monitor = Monitor(spec.monitoring.profile(), population.size, self.tick_h, draws)
        self.inbox = Inbox()
        ranked = np.argsort(-population.follower_counts, kind="stable")
        words = translator(spec.meta.locale)
        self.words = words
        self.story = storyline.Story(
            registry=self,
            spec=spec,
            crowd=self.crowd,
            inbox=self.inbox,
            monitor=self.monitor,
            brand=BrandAccount(self, self.tick_h),
            outlets=[
                MediaOutlet(self, words("Outlet {number}").format(number=k + 1), k)
                for k in range(spec.media.outlets)
            ],
            journalists=[
                Journalist(self, words("Journalist {number}").format(number=k + 1), k)
                for k in range(spec.media.journalists)
            ],
            influencers=[
                Influencer(self, int(user))
                for user in ranked[: spec.population.tracked_influencers]
            ],
            pending_injects=list(spec.injects),
            start_tick=round(spec.crisis.start_h / self.tick_h),
        )
        self.hour = 0.0
        self._refresh_reporters()
        self.baseline_reputation_index = self.reputation_index
        self.baseline_stakeholder_reputation_index = self.stakeholder_reputation_index
        self._series: dict[str, list[float]] = {name: [] for name in REPORTERS}
        """The reporters' values, one per tick. Not Mesa's DataCollector: the reporters are
        Python numbers, which it would deep-copy one by one every tick (16 copies a tick, about
        2% of a sweep's run, for nothing: a number cannot change once appended)."""

    def _own_world(self, followers: csr_matrix | None) -> World:
        if followers is None:
            return build_world(recipe_of(self.spec), self.seed)
        population_stream = np.random.SeedSequence(self.seed).spawn(len(STREAMS))[1]
        return world_on(
            recipe_of(self.spec), self.seed, followers, np.random.default_rng(population_stream)
        )

    # ------------------------------------------------------------------ the parts, read-only

    @property
    def population(self) -> Population:
        return self.crowd.population

    @property
    def posts(self) -> PostLog:
        return self.crowd.posts

    @property
    def statements(self) -> list[Statement]:
        return self.crowd.statements.items

    @property
    def brand(self) -> BrandAccount:
        return self.story.brand

    @property
    def events(self) -> list[TeamEvent]:
        return self.inbox.events

    @property
    def media_pickups_h(self) -> list[float]:
        return self.story.media_pickups_h

    @property
    def evidence_h(self) -> float | None:
        return self.story.evidence_h

    @property
    def pending_injects(self) -> list[Inject]:
        return self.story.pending_injects

    @property
    def released_injects(self) -> list[str]:
        return self.story.released_injects

    @property
    def tick(self) -> int:
        return self.crowd.tick

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

    def latest_observation(self) -> Observation:
        """`observation` with only the newest visible tick in its series."""
        return self.monitor.observe_latest(self.tick - 1)

    def observed_mentions_now(self) -> float:
        """The team's current hourly mention estimate, without building a whole Observation."""
        return self.monitor.visible_hourly_mentions(self.tick - 1)

    @property
    def pending_inject_ids(self) -> tuple[str, ...]:
        return tuple(inject.id for inject in self.story.pending_injects)

    def series(self) -> dict[str, list[float]]:
        return {name: list(values) for name, values in self._series.items()}

    def release_inject(self, inject_id: str) -> None:
        """Release an MSEL inject now (the facilitator's unscheduled release)."""
        for inject in self.story.pending_injects:
            if inject.id == inject_id:
                storyline.release_inject(self.story, inject)
                return
        raise ActionError(f"there is no pending inject '{inject_id}'; pick one from the MSEL.")

    def step(self) -> None:
        crowd, story = self.crowd, self.story
        crowd.population.tick = crowd.tick
        crowd.tally.reset()
        storyline.release_due_actions(story)  # due actions
        storyline.act(story)  # actors
        exposure.expose(crowd, story.brand.inconsistencies)  # exposure
        decisions.decide(crowd)  # decisions
        opinion.update_attitudes(crowd, storyline.silence_costs(story))  # attitude
        opinion.remember(crowd)  # memory
        self._collect()  # collect
        crowd.tick += 1
        self.running = self.tick < self.spec.turns.horizon_ticks

    # ------------------------------------------------------------------ phase: collect

    def _collect(self) -> None:
        tally = self.crowd.tally
        self.story.hourly_negative.append(tally.negative_posts)
        self.hour = (self.tick + 1) * self.tick_h
        if self.monitor.record(
            self.tick, tally.negative_posts, tally.defending_posts, tally.impressions
        ):
            detected_at_h = self.monitor.detected_at_h
            assert detected_at_h is not None  # the alert has just fired
            self.inbox.announce(
                detected_at_h,
                EventKind.DETECTION,
                self.words("Listening alert: negative mentions are surging"),
                self.words("About {count} negative mentions in the last hour.").format(
                    count=self.words.figure(
                        f"{self.monitor.visible_hourly_mentions(self.tick):.0f}"
                    )
                ),
            )
        self._refresh_reporters()
        for name, values in self._series.items():
            values.append(getattr(self, name))

    def _refresh_reporters(self) -> None:
        """The per-tick reporters. The means and state counts are kept running, so no user's
        attitude is visited; the flag totals are counts the population keeps as it sets the
        flags, and the damage among the aware one pass over the aware users."""
        pop = self.population
        tally = self.crowd.tally
        (self.susceptible, self.exposed, self.spreading, self.skeptic, self.removed) = (
            int(c) for c in pop.state_counts
        )
        self.negative_posts = tally.negative_posts
        self.defending_posts = tally.defending_posts
        self.reputation_index = 50.0 * (pop.memory.mean() + 1.0)
        stakeholders = pop.memory.mean(STAKEHOLDERS)  # NaN when there are none
        self.stakeholder_reputation_index = (
            self.reputation_index if math.isnan(stakeholders) else 50.0 * (stakeholders + 1.0)
        )
        self.aware_total = pop.aware_count
        self.aware_damage = 0.0 if self.aware_total == 0 else pop.damage(AWARE)
        self.spreaders_total = pop.spreaders_count
        self.aware_saw_response = pop.aware_saw_count
        observed = self.monitor
        self.observed_mentions_per_h = observed.visible_hourly_mentions(self.tick)
        self.observed_sentiment = observed.sentiment[-1] if observed.sentiment else 0.0


def build_followers(spec: ScenarioSpec, rng: np.random.Generator) -> csr_matrix:
    """The follower graph the scenario asks for: generated, or read from the user's file."""
    return follower_graph(spec.graph, rng)
