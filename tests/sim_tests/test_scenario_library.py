"""The scenario library: enough distinct, valid scenarios, and every one of them teaches something.

Behaviour is checked at reduced size: each scenario is loaded with the `--set`-style overrides
`graph.users=1500` and `turns.horizon_days=2` (through `load_scenario(name, overrides)`), so
that the whole library plays with every bundled protocol in well under a minute and a half on
two cores. The scenarios' own sizes (2,000 to 100,000 users, 30-day horizons) are checked as
data here and run by `stormdrill run`; the good-versus-bad ordering below is the same claim at
reduced size, where a crisis saturates a larger share of the graph.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

import pytest

from sim.cli.main import main
from sim.outcome import Outcome
from sim.protocol import bundled_protocol_names, load_protocol
from sim.session import Session
from sim.spec import Cluster, CrisisType, ScenarioSpec, load_scenario
from sim.spec.docs import scenario_format_markdown
from sim.spec.drill import quiet_turns, second_half_escalations, turn_of
from sim.spec.loader import bundled_names, resolve_scenario_path

REDUCED = ("graph.users=1500", "turns.horizon_days=2")
SEEDS = (1, 2)
GOOD, SILENT, DENY = "fast-transparent", "silent", "deny-then-apologise"
# A good response must avoid a share of the same seed's unanswered damage a team can see.
VISIBLE_SHARE = 0.1
# The first three scenarios predate the library; offensive-post escalates on volume and time
# only, without an "if no statement by" inject, and is kept as written.
FIRST_THREE = {"data-breach", "offensive-post", "false-rumour"}
REAL = bundled_names()

# docs/model.md / SCCT (Coombs 2007): which clusters each crisis type may be filed under.
CLUSTERS_OF_TYPE = {
    CrisisType.FALSE_RUMOUR: {Cluster.VICTIM},
    CrisisType.DATA_BREACH: {Cluster.VICTIM, Cluster.PREVENTABLE},
    CrisisType.NEGATIVE_REVIEW: {Cluster.VICTIM, Cluster.ACCIDENTAL},
    CrisisType.SERVICE_OUTAGE: {Cluster.ACCIDENTAL},
    CrisisType.PRODUCT_RECALL: {Cluster.ACCIDENTAL},
    CrisisType.CUSTOMER_BACKLASH: {Cluster.ACCIDENTAL, Cluster.PREVENTABLE},
    CrisisType.PR_BLUNDER: {Cluster.PREVENTABLE},
    CrisisType.EXECUTIVE_MISCONDUCT: {Cluster.PREVENTABLE},
}
ITALIAN_WORDS = {"il", "la", "di", "che", "e", "è", "per", "non", "un", "una", "con", "del", "da"}


@cache
def spec_of(name: str) -> ScenarioSpec:
    return load_scenario(name)


@cache
def reduced_spec(name: str) -> ScenarioSpec:
    return load_scenario(name, REDUCED)


@cache
def outcome(name: str, protocol: str, seed: int) -> Outcome:
    return Session(reduced_spec(name), seed, protocol=load_protocol(protocol)).finish()


# --------------------------------------------------------------------------- the library


def test_the_library_has_eight_distinct_scenarios_in_two_languages_and_many_sizes() -> None:
    specs = {name: spec_of(name) for name in REAL}
    assert len(specs) >= 8
    assert "data-breach" in specs
    assert {spec.crisis.type for spec in specs.values()} == set(CrisisType)
    assert len({(s.crisis.type, s.crisis.cluster) for s in specs.values()}) >= 8
    assert len({spec.meta.title for spec in specs.values()}) == len(specs)
    assert sum(spec.meta.locale == "it_IT" for spec in specs.values()) >= 2
    sizes = [spec.graph.users for spec in specs.values()]
    assert min(sizes) <= 5_000 and max(sizes) == 100_000  # a town to a nation
    assert len(set(sizes)) >= 6


@pytest.mark.parametrize("name", bundled_names())
def test_scenario_validates_and_follows_the_scct_mapping(name: str) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)
    spec = spec_of(name)
    assert spec.crisis.cluster in CLUSTERS_OF_TYPE[spec.crisis.type]
    if spec.crisis.cluster is Cluster.PREVENTABLE:
        assert spec.crisis.true_responsibility > 0.5
    if spec.crisis.cluster is Cluster.VICTIM:
        assert spec.crisis.true_responsibility < 0.5
    assert spec.crisis.seeds <= int(REDUCED[0].split("=")[1])


@pytest.mark.parametrize("name", REAL)
def test_real_scenario_has_a_full_exercise(name: str) -> None:
    spec = spec_of(name)
    meta, injects = spec.meta, spec.injects
    assert len(meta.situation.split()) >= 60
    assert 3 <= len(meta.objectives) <= 4
    assert any(objective.first_statement_within_h is not None for objective in meta.objectives)
    assert 8 <= len(injects) <= 20
    assert all(inject.expected_response for inject in injects)
    assert any(inject.time_h is not None for inject in injects)
    assert any(inject.when_volume_above is not None for inject in injects)
    if name not in FIRST_THREE:
        assert any(inject.if_no_statement_by_h is not None for inject in injects)
    assert any(i.type.value == "journalist_inquiry" and i.deadline_h for i in injects)
    assert {i.effect.value for i in injects} >= {"negative_wave", "media_pickup"}
    if spec.crisis.true_responsibility > 0.5:
        assert any(inject.effect.value == "evidence" for inject in injects)
    assert 1 <= len(spec.team.templates) <= 2


@pytest.mark.parametrize("name", [n for n in REAL if spec_of(n).meta.locale == "it_IT"])
def test_italian_scenarios_speak_italian_to_the_players(name: str) -> None:
    spec = spec_of(name)
    texts = [spec.meta.title, spec.meta.summary, spec.meta.situation]
    texts += [objective.text for objective in spec.meta.objectives]
    texts += [template.text for template in spec.team.templates]
    texts += [i.message for i in spec.injects] + [i.expected_response for i in spec.injects]
    for text in texts:
        words = set(re.findall(r"\w+", text.lower()))
        assert len(words) < 6 or words & ITALIAN_WORDS, text


# --------------------------------------------------------------------------- behaviour


def assert_a_good_response_beats_a_bad_one(name: str, seed: int) -> None:
    good = outcome(name, GOOD, seed).damage_avoided
    assert good > VISIBLE_SHARE, f"{name}, seed {seed}: {GOOD} avoided only {good:.0%}"
    if reduced_spec(name).crisis.cluster is not Cluster.VICTIM:
        deny = outcome(name, DENY, seed).damage_avoided
        assert good > deny, f"{name}, seed {seed}: {GOOD} {good:.0%} vs {DENY} {deny:.0%}"


@pytest.mark.parametrize("name", bundled_names())
def test_every_protocol_plays_and_a_good_response_beats_a_bad_one(name: str) -> None:
    for protocol in bundled_protocol_names():
        result = outcome(name, protocol, SEEDS[0])
        assert 0.0 <= result.reputation_index_final <= 100.0
        assert math.isfinite(result.reputation_index_min)
        assert result.negative_reach > 0
        if protocol == SILENT:
            assert result.time_to_first_response_h is None
        else:
            assert result.time_to_first_response_h is not None
    assert_a_good_response_beats_a_bad_one(name, SEEDS[0])


@pytest.mark.slow  # a direction over paired seeds: the first seed's is in the everyday tier
@pytest.mark.parametrize("seed", SEEDS[1:])
@pytest.mark.parametrize("name", bundled_names())
def test_a_good_response_beats_a_bad_one_on_every_seed(name: str, seed: int) -> None:
    assert_a_good_response_beats_a_bad_one(name, seed)


# --------------------------------------------------------------------------- the documentation


def test_the_readme_is_current() -> None:
    readme = resolve_scenario_path("data-breach").parent / "README.md"
    assert readme.read_text(encoding="utf-8") == scenario_format_markdown(), (
        "scenarios/README.md is stale; run `stormdrill scenarios docs --out scenarios/README.md`"
    )


def test_the_docs_name_every_field_and_every_bundled_scenario() -> None:
    text = scenario_format_markdown()
    for section, field in ScenarioSpec.model_fields.items():
        assert f"| `{section}` |" in text
        assert field.description in text
    for name in bundled_names():
        assert f"`{name}`" in text
    assert "| `severity` | number | `0.6` | 0 to 1 | Severity of the harm, 0-1. |" in text
    assert "### `[[team.templates]]`" in text and "### `[team.approval]`" in text


def test_the_docs_command_writes_the_readme(tmp_path: Path, capsys) -> None:
    out = tmp_path / "README.md"
    assert main(["scenarios", "docs", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == scenario_format_markdown()
    assert main(["scenarios", "docs"]) == 0
    assert capsys.readouterr().out.endswith(scenario_format_markdown())


# --------------------------------------------------------------------------- a 12-turn drill


@pytest.mark.parametrize("name", bundled_names())
def test_every_turn_of_a_12_turn_drill_brings_something_new(name: str) -> None:
    spec = load_scenario(name)
    assert quiet_turns(spec) == (), f"{name}: nothing new arrives in these turns"


@pytest.mark.parametrize("name", bundled_names())
def test_the_second_half_of_a_12_turn_drill_escalates(name: str) -> None:
    assert second_half_escalations(load_scenario(name)), f"{name}: no escalation after turn 6"


def test_the_drill_rule_counts_only_injects_sure_to_come() -> None:
    spec = load_scenario("data-breach")
    timed = next(inject for inject in spec.injects if inject.id == "I1")
    only_if_silent = timed.model_copy(update={"id": "X", "time_h": 6.5, "if_no_statement_by_h": 6})
    loud = timed.model_copy(update={"id": "Y", "time_h": None, "when_volume_above": 1.0})
    quiet = spec.model_copy(update={"injects": (timed, only_if_silent, loud)})
    assert quiet_turns(quiet) == tuple(range(2, 13)), "I1 at T+0:15 fills turn 1 only"
    assert second_half_escalations(quiet) == ()
    wave = timed.model_copy(update={"id": "W", "time_h": 7.0, "effect": "negative_wave"})
    assert turn_of(wave, spec) == 7, "due at the end of turn 7, it is in turn 7"
    assert second_half_escalations(spec.model_copy(update={"injects": (wave,)})) == ("W",)
