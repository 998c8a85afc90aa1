"""The sweep plan: what to run, as data, and the list of runs it expands to.

A plan is frozen and compared as a whole, so a folder of results can say which plan it holds and
`--resume` can refuse to mix two plans. Seeds come from the root seed alone and are the same for
every protocol and variation (common random numbers): protocol A and protocol B meet the same
crowds, so their difference run by run is the protocol's effect and not luck.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from sim.errors import UserError
from sim.i18n import ENGLISH, Translator
from sim.lab.capacity import check_fits
from sim.protocol import Protocol, load_protocol
from sim.protocol.loader import bundled_protocol_names
from sim.spec.loader import load_scenario, parse_override_value
from sim.spec.schema import ScenarioSpec


class Axis(BaseModel):
    """One varied scenario field and the values it takes (as `--set` would write them)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(min_length=1, description="Dotted scenario field, e.g. crisis.severity.")
    values: tuple[str, ...] = Field(min_length=1, description="Values, as TOML text.")

    @classmethod
    def parse(cls, text: str, words: Translator = ENGLISH) -> Axis:
        """'crisis.severity=0.4,0.8' -> Axis('crisis.severity', ('0.4', '0.8'))."""
        key, equals, values = text.partition("=")
        items = tuple(value.strip() for value in values.split(",") if value.strip())
        if not equals or not key.strip() or not items:
            raise UserError(
                words(
                    "--vary {text} is not of the form key=v1,v2,...; write for example "
                    "--vary crisis.severity=0.4,0.8."
                ).format(text=repr(text))
            )
        return cls(key=key.strip(), values=items)

    def column_type(self) -> str:
        """The type of the axis's column in the lab's tables (pyarrow's name), from its values
        read as `--set` reads them: int64 if all are integers, float64 if all are numbers, bool
        if all are true or false, else string."""
        parsed = [parse_override_value(value) for value in self.values]
        if all(isinstance(value, bool) for value in parsed):
            return "bool"
        numbers = [value for value in parsed if isinstance(value, int | float)]
        if len(numbers) < len(parsed) or any(isinstance(value, bool) for value in numbers):
            return "string"
        if all(isinstance(value, int) and -(2**63) <= value < 2**63 for value in numbers):
            return "int64"
        return "float64"

    def typed(self, value: str) -> bool | int | float | str:
        """One of the axis's values as its column holds it."""
        kind = self.column_type()
        if kind == "string":
            return value
        parsed = parse_override_value(value)
        return float(parsed) if kind == "float64" else parsed


class SweepPlan(BaseModel):
    """Every combination of protocol x variation x seed of one scenario."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scenario: str = Field(description="Bundled scenario name or path, as `stormdrill run` takes.")
    overrides: tuple[str, ...] = Field((), description="`--set` overrides applied to every run.")
    protocols: tuple[str, ...] = Field(min_length=1, description="Protocol names or paths.")
    vary: tuple[Axis, ...] = Field((), description="Scenario fields varied across runs.")
    runs: int = Field(20, ge=1, le=1_000_000, description="Seeds per protocol and variation.")
    root_seed: int = Field(0, ge=0, description="The one seed every run's seed comes from.")

    @field_validator("protocols")
    @classmethod
    def _absolute_paths(cls, protocols: tuple[str, ...]) -> tuple[str, ...]:
        """A protocol given as a path is kept absolute, so rows replay from any folder."""
        bundled = set(bundled_protocol_names())
        return tuple(
            ref if ref in bundled or not Path(ref).exists() else str(Path(ref).resolve())
            for ref in protocols
        )

    def seeds(self) -> tuple[int, ...]:
        """Run i's seed, the same for every protocol and variation."""
        children = np.random.SeedSequence(self.root_seed).spawn(self.runs)
        return tuple(int(child.generate_state(1)[0]) for child in children)

    def variations(self) -> tuple[dict[str, str], ...]:
        """Every combination of the varied values, first axis slowest; one empty one if none."""
        keys = [axis.key for axis in self.vary]
        combos = itertools.product(*(axis.values for axis in self.vary))
        return tuple(dict(zip(keys, combo, strict=True)) for combo in combos)


class RunTask(BaseModel):
    """One run, self-contained: a worker anywhere needs no files and no other context."""

    model_config = ConfigDict(frozen=True)

    run_id: int
    scenario: str
    overrides: tuple[str, ...]
    variation: dict[str, str]
    spec: ScenarioSpec
    protocol_ref: str
    protocol: Protocol
    seed_index: int
    seed: int
    keep_series: bool = False
    shared_world: bool = False
    """Play on the worker's shared world of the scenario and seed (sim.session.worlds)."""


def expand(
    plan: SweepPlan,
    keep_series: bool = False,
    words: Translator = ENGLISH,
    shared_world: bool = False,
) -> list[RunTask]:
    """The plan's runs in run-id order (protocol slowest, then variation, then seed).

    Scenarios and protocols are loaded and validated here, once, so a mistake in the plan is
    one sentence before any work starts rather than a failure in every run, in the language of
    `words` (the scenario's, or `--lang`).
    """
    protocols = [load_protocol(ref, words) for ref in plan.protocols]
    names = [protocol.name for protocol in protocols]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise UserError(
            words(
                "two protocols are both named '{name}'; give each protocol in a sweep a "
                "different name (the name field of the file)."
            ).format(name=repeated[0])
        )
    variations = plan.variations()
    specs = []
    for variation in variations:
        overrides = (*plan.overrides, *(f"{key}={value}" for key, value in variation.items()))
        specs.append((overrides, load_scenario(plan.scenario, overrides, lang=words.locale)))
    longest = max(spec.turns.horizon_days * 24.0 for _, spec in specs)
    check_fits(len(protocols) * len(variations) * plan.runs, plan.runs, longest, words)
    seeds = plan.seeds()
    tasks: list[RunTask] = []
    for ref, protocol in zip(plan.protocols, protocols, strict=True):
        for variation, (overrides, spec) in zip(variations, specs, strict=True):
            for index, seed in enumerate(seeds):
                tasks.append(
                    RunTask(
                        run_id=len(tasks),
                        scenario=plan.scenario,
                        overrides=overrides,
                        variation=variation,
                        spec=spec,
                        protocol_ref=ref,
                        protocol=protocol,
                        seed_index=index,
                        seed=seed,
                        keep_series=keep_series,
                        shared_world=shared_world,
                    )
                )
    return tasks
