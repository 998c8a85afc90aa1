"""What the team sees (docs/model.md section 6): listening tools cover part of the public posts,
report them late and with noise, and raise an alert past a threshold. Ground truth stays in the
model; the team gets an Observation."""

from __future__ import annotations

import math

import numpy as np

from sim.engine.draws import Draws, Purpose
from sim.observation import Observation
from sim.spec.schema import MonitoringProfile


class Monitor:
    """Turns the true per-tick volumes into what the team's tools report."""

    def __init__(self, profile: MonitoringProfile, users: int, tick_h: float, draws: Draws) -> None:
        self.profile = profile
        self.tick_h = tick_h
        self.draws = draws
        self.latency_ticks = round(profile.latency_h / tick_h)
        self.ticks_per_h = max(1, round(1.0 / tick_h))
        self.threshold = profile.detection_share * users
        self.mentions: list[float] = []
        self.supportive: list[float] = []
        self.sentiment: list[float] = []
        self.impressions: list[float] = []
        self.reach: list[float] = []  # the impressions' running total, as np.cumsum adds them
        self.detected_tick: int | None = None

    def record(self, tick: int, negative: int, defending: int, impressions: int) -> bool:
        """Log one tick of true activity; return True when the alert fires this tick. The tool's
        sampling and noise at a tick are drawn from (tick), so a tick with the same activity
        reads the same in every run; a quiet tick draws nothing."""
        if negative or defending or impressions:
            self._sample(tick, negative, defending, impressions)
        else:
            for series in (self.mentions, self.supportive, self.sentiment, self.impressions):
                series.append(0.0)
        self.reach.append(self.impressions[-1] + (self.reach[-1] if self.reach else 0.0))
        if self.detected_tick is None and self.visible_hourly_mentions(tick) >= max(
            self.threshold, 1.0
        ):
            self.detected_tick = tick
            return True
        return False

    def _sample(self, tick: int, negative: int, defending: int, impressions: int) -> None:
        rng = self.draws.generator(Purpose.MONITOR, tick)
        coverage = self.profile.coverage
        noise = math.exp(rng.normal(0.0, self.profile.noise)) if self.profile.noise else 1.0
        seen_negative = rng.binomial(negative, coverage)
        seen_defending = rng.binomial(defending, coverage)
        scale = noise / coverage if coverage > 0 else 0.0
        self.mentions.append(seen_negative * scale)
        self.supportive.append(seen_defending * scale)
        total = seen_negative + seen_defending
        true_tone = (seen_defending - seen_negative) / total if total else 0.0
        tone_noise = rng.normal(0.0, self.profile.noise) if total else 0.0
        self.sentiment.append(float(np.clip(true_tone + tone_noise, -1.0, 1.0)))
        self.impressions.append(rng.binomial(impressions, coverage) * scale)

    @property
    def detected_at_h(self) -> float | None:
        """When the alert fired: the end of the tick whose counts crossed the threshold."""
        return None if self.detected_tick is None else (self.detected_tick + 1) * self.tick_h

    def _visible_until(self, tick: int) -> int:
        """Number of ticks whose counts have reached the team by `tick`."""
        return max(0, min(len(self.mentions), tick + 1 - self.latency_ticks))

    def visible_hourly_mentions(self, tick: int) -> float:
        end = self._visible_until(tick)
        return float(sum(self.mentions[max(0, end - self.ticks_per_h) : end]))

    def observe(self, tick: int) -> Observation:
        """The team's view at `tick`: every tick that has reached it so far."""
        return self._observation(tick, newest_only=False)

    def observe_latest(self, tick: int) -> Observation:
        """The team's view at `tick` with only its newest visible tick in the series: the same
        figures as the last of `observe`'s, without rebuilding the whole history (a turn's
        record asks for them every turn: O(turns) a turn, O(turns^2) a run otherwise)."""
        return self._observation(tick, newest_only=True)

    def _observation(self, tick: int, newest_only: bool) -> Observation:
        """The view at `tick` of every visible tick, or of the newest only. The hourly mentions
        of a tick are the sum of the window of ticks ending there, as `np.convolve` of the whole
        series with a window of ones gives it: the same dot product of the same values (the
        tests hold the newest to it for every length)."""
        end = self._visible_until(tick)
        first = max(0, end - 1) if newest_only else 0
        window = self.ticks_per_h
        start = max(0, first - window + 1)  # the first window that reaches `first`
        mentions = np.asarray(self.mentions[start:end])
        hourly = np.convolve(mentions, np.ones(window)) if len(mentions) else mentions
        return Observation(
            at_h=(tick + 1) * self.tick_h,
            hours=tuple(float((t + 1) * self.tick_h) for t in range(first, end)),
            mentions_per_h=tuple(float(v) for v in hourly[first - start : end - start]),
            sentiment=tuple(self.sentiment[first:end]),
            reach=tuple(self.reach[first:end]),
            detected_at_h=self.detected_at_h,
        )
