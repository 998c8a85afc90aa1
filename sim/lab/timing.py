"""Timing curves: the same protocol with its response delayed by 0, 0.5, 1, 2... hours, on the same
seeds, to show what each hour of waiting costs in a scenario (the teaching figure).

How a protocol is delayed: every rule's clock starts `delay` hours later (`after_h` and
`repeat_until_h` both grow by the delay), so the whole team is late by the same amount, the
first response included, and the spacing between its statements is kept. Answers to journalists
are late too, and an answer past the journalist's deadline is not sent, as in a real war room.
Approval delays still come on top.

Each delayed protocol is written as a TOML file next to the results, so every row names a file
that `stormdrill run --protocol` replays exactly.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import ValidationError

from sim.errors import UserError
from sim.i18n import ENGLISH, N_, Translator
from sim.interval import too_few_note
from sim.lab.plan import SweepPlan
from sim.lab.reading import AWARE_DAMAGE, DAMAGE_AVOIDED, READINGS
from sim.lab.result import SweepResult
from sim.lab.statistics import Estimate, describe
from sim.protocol import Protocol, load_protocol
from sim.protocol.schema import MAX_RULE_H, Rule

if TYPE_CHECKING:
    import pandas as pd

TIMING_METRICS = (
    DAMAGE_AVOIDED,
    AWARE_DAMAGE,
    "reputation_index_final",
    "reputation_index_min",
    "negative_reach",
)
"""The timing table's metrics: the headline first (docs/model.md section 10), then the RI and
reach figures the table has always had."""


def delayed(protocol: Protocol, delay_h: float, words: Translator = ENGLISH) -> Protocol:
    """The protocol with every rule's clock started `delay_h` hours later. Its refusals write
    the delays as `--delays` takes them (a decimal point in every language)."""
    if delay_h < 0:
        raise UserError(
            words("delay {delay} h is negative; give delays of 0 hours or more.").format(
                delay=f"{delay_h:g}"
            )
        )
    if not protocol.rules:
        raise UserError(
            words(
                "protocol {protocol} has no rules, so there is no response to delay; pick a "
                "protocol that says something."
            ).format(protocol=protocol.name)
        )
    rules = []
    for rule in protocol.rules:
        update: dict[str, Any] = {"after_h": rule.after_h + delay_h}
        if rule.repeat_until_h is not None:
            update["repeat_until_h"] = rule.repeat_until_h + delay_h
        try:
            rules.append(Rule.model_validate({**rule.model_dump(), **update}))
        except ValidationError:
            latest = min(MAX_RULE_H - rule.after_h for rule in protocol.rules)
            raise UserError(
                words(
                    "a delay of {delay} h puts a rule of {protocol} past {most} hours after its "
                    "event; give delays of at most {latest} h."
                ).format(
                    delay=f"{delay_h:g}",
                    protocol=protocol.name,
                    most=f"{MAX_RULE_H:g}",
                    latest=f"{latest:g}",
                )
            ) from None
    return Protocol(
        name=f"{protocol.name}+{delay_h:g}h",
        description=f"{protocol.description} Every rule {delay_h:g} h later.",
        rules=tuple(rules),
    )


def protocol_toml(protocol: Protocol) -> str:
    """The protocol as a TOML file `load_protocol` reads back to an equal Protocol.
    (JSON strings and numbers are valid TOML basic strings and floats.)"""
    lines = [f"name = {json.dumps(protocol.name)}"]
    lines.append(f"description = {json.dumps(protocol.description)}")
    for rule in protocol.rules:
        lines += ["", "[[rules]]"]
        for name, value in rule.model_dump(exclude_none=True).items():
            lines.append(f"{name} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return json.dumps(value.value)
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value)


@dataclass(frozen=True)
class TimingStudy:
    """A sweep plan over delayed copies of one protocol, and the delay of each copy by name."""

    plan: SweepPlan
    protocol: str
    delay_of: dict[str, float]


def timing_plan(
    scenario: str,
    protocol_ref: str,
    delays_h: Sequence[float],
    folder: Path,
    *,
    runs: int = 20,
    overrides: Sequence[str] = (),
    root_seed: int = 0,
    words: Translator = ENGLISH,
) -> TimingStudy:
    """Write the delayed protocols into `folder/protocols` and plan a sweep over them. Delay 0
    is the protocol as given (its own name or path). `words`: the language of its refusals."""
    if len(set(delays_h)) != len(delays_h) or not delays_h:
        raise UserError(words("give each delay once, e.g. --delays 0,0.5,1,2,4,8,24."))
    protocol = load_protocol(protocol_ref, words)
    target = Path(folder) / "protocols"
    target.mkdir(parents=True, exist_ok=True)
    refs, delay_of = [], {}
    for delay in sorted(delays_h):
        late = delayed(protocol, delay, words)
        if delay == 0:
            refs.append(protocol_ref)
            delay_of[protocol.name] = 0.0
            continue
        path = target / f"{late.name}.toml"
        path.write_text(protocol_toml(late), encoding="utf-8")
        refs.append(str(path.resolve()))
        delay_of[late.name] = float(delay)
    plan = SweepPlan(
        scenario=scenario,
        overrides=tuple(overrides),
        protocols=tuple(refs),
        runs=runs,
        root_seed=root_seed,
    )
    return TimingStudy(plan=plan, protocol=protocol.name, delay_of=delay_of)


@dataclass(frozen=True)
class TimingTable:
    """Outcome by delay (mean, median, 95% CI, and the change from the shortest delay paired by
    seed) and the cost per hour of waiting, for each of TIMING_METRICS."""

    protocol: str
    runs: int
    frame: pd.DataFrame
    """Per delay and metric: n, mean, median, ci_low, ci_high of the runs, and change_mean,
    change_ci_low, change_ci_high: the mean of (this delay minus the shortest) over the seeds
    that finished both, with its bootstrap interval."""
    changes: pd.DataFrame
    """Per seed, delay and metric: the change from the shortest delay (what the plot draws)."""
    per_hour: dict[str, Estimate]
    """Per metric: the least-squares slope against the delay, paired by seed."""
    first_step: Estimate | None
    first_delays: tuple[float, float] | None

    def sentence(self, words: Translator = ENGLISH) -> str:
        """'Each hour of waiting costs about 3.1 percentage points of the damage silence would
        do (95% CI 2.4 to 3.8; ...)': the slope of damage avoided against the delay, its sign
        turned so that a loss is a cost, with the digits it needs never to read 0 when the
        curve is not flat; in the language of `words`."""
        slope = self.per_hour[DAMAGE_AVOIDED]
        if slope.n == 0:
            return words(
                "No seed finished at two delays or more, so there is no cost per hour to show."
            )
        delays = self.frame["delay_h"]
        few = "; " + too_few_note(slope.n, "seeds", words) if slope.too_few else ""
        if slope.mean <= 0:
            template = N_(
                "Each hour of waiting costs about {size} percentage points of the damage "
                "silence would do (95% CI {low} to {high}; least-squares slope over delays "
                "{shortest} to {longest} h, paired by seed over {n} seeds{few})"
            )
        else:
            template = N_(
                "Each hour of waiting avoids about {size} percentage points more of the damage "
                "silence would do (95% CI {low} to {high}; least-squares slope over delays "
                "{shortest} to {longest} h, paired by seed over {n} seeds{few})"
            )
        sentence = words(template).format(
            **_per_hour(slope, words),
            shortest=words.figure(f"{delays.min():g}"),
            longest=words.figure(f"{delays.max():g}"),
            n=slope.n,
            few=few,
        )
        if slope.low <= 0 <= slope.high:
            sentence += words("; the interval includes zero, so these runs show no clear cost")
        return sentence + self._first_step_clause(words) + "."

    def _first_step_clause(self, words: Translator) -> str:
        """Waiting rarely costs the same every hour: the first hours usually cost most, so say
        what the step between the two shortest delays cost per hour."""
        if self.first_step is None or self.first_step.n == 0 or self.first_delays is None:
            return ""
        start, end = self.first_delays
        holds_zero = self.first_step.low <= 0 <= self.first_step.high
        if self.first_step.mean <= 0:
            template = N_(
                ". Going from {start} h to {end} h, each hour costs about {size} percentage "
                "points of the damage silence would do (95% CI {low} to {high}{zero})"
            )
        else:
            template = N_(
                ". Going from {start} h to {end} h, each hour avoids about {size} percentage "
                "points more of the damage silence would do (95% CI {low} to {high}{zero})"
            )
        return words(template).format(
            **_per_hour(self.first_step, words),
            start=words.figure(f"{start:g}"),
            end=words.figure(f"{end:g}"),
            zero=words(", which includes zero") if holds_zero else "",
        )


def _per_hour(slope: Estimate, words: Translator) -> dict[str, str]:
    """A slope of damage avoided per hour of delay as what waiting does, in percentage points:
    its size and its interval in the same sense, "costs about 3.1" with "2.4 to 3.8" (the
    slope's sign turned), or "avoids about ... more" if the share rises."""
    reading = READINGS[DAMAGE_AVOIDED]
    size = reading.effect(abs(slope.mean), words)
    if slope.mean <= 0:
        low, high = reading.effect(-slope.high, words), reading.effect(-slope.low, words)
    else:
        low, high = reading.effect(slope.low, words), reading.effect(slope.high, words)
    return {"size": size, "low": low, "high": high}


def timing_table(result: SweepResult, study: TimingStudy) -> TimingTable:
    """Summarise a finished timing sweep."""
    import pandas as pd

    frame = result.metrics_frame()
    frame["delay_h"] = frame["protocol"].map(study.delay_of)
    changes = _changes(frame)
    records = []
    for delay, runs in frame.groupby("delay_h", sort=True):
        for metric in TIMING_METRICS:
            estimate = describe(runs[metric].to_numpy(), result.plan.root_seed)
            chosen = (changes["delay_h"] == delay) & (changes["metric"] == metric)
            change = describe(changes[chosen]["change"].to_numpy(), result.plan.root_seed)
            records.append(
                {
                    "delay_h": delay,
                    "metric": metric,
                    "n": estimate.n,
                    "mean": estimate.mean,
                    "median": estimate.median,
                    "ci_low": estimate.low,
                    "ci_high": estimate.high,
                    "change_mean": change.mean,
                    "change_ci_low": change.low,
                    "change_ci_high": change.high,
                }
            )
    per_hour = {
        metric: describe(_slopes(frame, metric), result.plan.root_seed) for metric in TIMING_METRICS
    }
    delays = sorted(set(study.delay_of.values()))
    first_delays = (delays[0], delays[1]) if len(delays) > 1 else None
    first_step = None
    if first_delays is not None:
        steps = _slopes(frame[frame["delay_h"].isin(first_delays)], DAMAGE_AVOIDED)
        first_step = describe(steps, result.plan.root_seed)
    return TimingTable(
        protocol=study.protocol,
        runs=result.plan.runs,
        frame=pd.DataFrame.from_records(records),
        changes=changes,
        per_hour=per_hour,
        first_step=first_step,
        first_delays=first_delays,
    )


def _changes(frame: pd.DataFrame) -> pd.DataFrame:
    """Per seed, delay and metric, the value minus the same seed's at the shortest delay (NaN
    where either is undefined): the cost of each delay with the crowd's luck taken out."""
    import pandas as pd

    parts = []
    for metric in TIMING_METRICS:
        table = frame.pivot(index="seed_index", columns="delay_h", values=metric)
        change = table.sub(table[table.columns.min()], axis="index")
        long = change.reset_index().melt(id_vars="seed_index", var_name="delay_h")
        parts.append(long.rename(columns={"value": "change"}).assign(metric=metric))
    return pd.concat(parts, ignore_index=True)[["seed_index", "delay_h", "metric", "change"]]


def _slopes(frame: pd.DataFrame, metric: str) -> np.ndarray:
    """Per seed, the least-squares slope of the metric against the delay: pairing by seed takes
    the crowd's luck out of the comparison."""
    table = frame.pivot(index="seed_index", columns="delay_h", values=metric)
    slopes = []
    for _, values in table.iterrows():
        known = values.dropna()
        if len(known) < 2:
            continue
        delays = known.index.to_numpy(dtype=float)
        outcome = known.to_numpy(dtype=float)
        centred = delays - delays.mean()
        slopes.append(float(centred @ (outcome - outcome.mean()) / (centred @ centred)))
    return np.asarray(slopes)
