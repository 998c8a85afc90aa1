"""The lesson checks and the signal-to-noise table (docs/model.md section 9), judged on runs
made by hand, where every figure is known."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from sim.calibration import lesson_runs
from sim.calibration.lesson import Contrast, checks_of
from sim.calibration.lesson_runs import (
    FAST,
    PROTOCOLS,
    STATEMENTS,
    TIMING_DELAYS_H,
    LessonRuns,
    ScenarioRuns,
)
from sim.calibration.signal import signal_to_noise
from sim.cli.main import main
from sim.outcome import Outcome
from sim.spec.schema import Cluster, Strategy

# Damage avoided by protocol on a seed: fast-transparent best, silence nothing.
AVOIDED = {
    "silent": 0.0,
    "fast-transparent": 0.6,
    "holding-then-apology": 0.5,
    "slow-transparent": 0.2,
    "deny-then-apologise": 0.3,
}


def outcome(seed: int, avoided: float, damage: float, coverage: float = 0.5) -> Outcome:
    return Outcome(
        seed=seed,
        aware_damage=damage,
        aware_damage_peak=2 * damage,
        stakeholder_damage=damage,
        damage_avoided=avoided,
        unanswered_aware_damage=1.0,
        unanswered_negative_reach=1000,
        peak_negative_h=4.0,
        volume_recovery_h=8.0,
        reputation_index_start=65.0,
        reputation_index_final=65.0 - damage / 10,
        reputation_index_min=64.0,
        reputation_index_drop=1.0,
        stakeholder_reputation_index_final=64.5,
        negative_reach=900,
        spreaders_total=30,
        peak_negative_posts_per_hour=50.0,
        negative_posts_total=200,
        time_to_detection_h=1.0,
        time_to_first_response_h=1.2,
        response_coverage=coverage,
        spoke_before_media=True,
        recovery_time_h=100.0,
        media_pickups=1,
        evidence_emerged=False,
        inconsistencies=0,
    )


def scenario_runs(seeds: int, cluster: Cluster = Cluster.PREVENTABLE) -> list[ScenarioRuns]:
    runs = []
    for seed in range(seeds):
        luck = 0.1 * seed  # a crisis that differs from seed to seed, by the same for everyone
        by_protocol = {
            name: outcome(seed, AVOIDED[name] - 0.01 * seed, 1.0 - AVOIDED[name] + luck)
            for name in PROTOCOLS
        }
        by_delay = {
            delay: outcome(seed, 0.6 - 0.02 * delay, 0.4 + 0.02 * delay + luck)
            for delay in TIMING_DELAYS_H
        }
        late = outcome(seed, AVOIDED[FAST] - 0.001, 1.001 - AVOIDED[FAST] + luck)
        runs.append(ScenarioRuns("made-up", cluster, by_protocol, by_delay, late))
    return runs


def statements(seeds: int) -> dict[Cluster, list[dict[Strategy, Outcome]]]:
    damage = {
        Cluster.VICTIM: {s: 0.3 for s in STATEMENTS},
        Cluster.PREVENTABLE: dict(zip(STATEMENTS, (1.3, 1.1, 1.6), strict=True)),
    }
    return {
        cluster: [
            {s: outcome(seed, 0.5, value + 0.1 * seed) for s, value in by.items()}
            for seed in range(seeds)
        ]
        for cluster, by in damage.items()
    }


def test_a_contrast_reports_sign_agreement_paired_noise_and_cross_seed_ranking() -> None:
    a, b = np.array([1.0, 2.0, 3.0, 4.0]), np.array([0.5, 1.5, 2.5, 3.9])
    contrast = Contrast("a - b", a, b)
    assert contrast.sign_agreement == 1.0
    seed_sd = (np.std(a, ddof=1) + np.std(b, ddof=1)) / 2
    assert contrast.paired_sd_share == pytest.approx(np.std(a - b, ddof=1) / seed_sd)
    # Of the 12 pairs of different seeds, a loses only where b's seed is the luckier one:
    # 1.0 < 1.5, 2.5, 3.9; 2.0 < 2.5, 3.9; 3.0 < 3.9.
    assert contrast.ranked_right == pytest.approx(6 / 12)
    assert contrast.correlation == pytest.approx(np.corrcoef(a, b)[0, 1])


def test_arms_in_proportion_miss_a_third_however_tightly_they_are_paired() -> None:
    """The cluster gap's arms differ by a factor: with b = a / k exactly (correlation 1), the
    paired SD over the mean of the arms' SDs is 2 (k - 1) / (k + 1), over a third for k > 1.4."""
    a = np.array([1.2, 1.5, 1.8, 2.2, 2.6])
    k = 3.5
    contrast = Contrast("a - a / k", a, a / k)
    assert contrast.correlation == pytest.approx(1.0)
    assert contrast.paired_sd_share == pytest.approx(2 * (k - 1) / (k + 1))
    assert contrast.paired_sd_share > 1 / 3


def test_the_checks_pass_on_runs_that_show_the_lesson() -> None:
    runs = LessonRuns({"made-up": scenario_runs(6)}, statements(6), seeds=6, timed=6)
    checks = {check.name: check for check in checks_of(runs)}
    assert checks["lesson: the SCCT mistake shows"].passed
    assert checks["lesson: timing shows"].passed
    assert checks["lesson: coupling (same-seed sign)"].passed
    assert checks["lesson: coupling (a small change, a small difference)"].passed
    assert checks["lesson: the crisis builds (peak hour)"].passed
    assert checks["lesson: every outcome takes a value"].passed
    assert checks["lesson: answer reach (fast-transparent)"].passed
    gap = checks["lesson: apology vs denial / cluster gap"]
    assert gap.measured == pytest.approx(0.5 / 1.0) and gap.passed  # (1.6 - 1.1) / (1.3 - 0.3)
    assert checks["lesson: crisis type outweighs the response"].passed


def test_the_checks_fail_when_denial_ends_as_well_as_a_fast_transparent_answer() -> None:
    played = scenario_runs(6)
    for run in played:
        run.by_protocol["deny-then-apologise"] = run.by_protocol[FAST]
    runs = LessonRuns({"made-up": played}, statements(6), seeds=6, timed=6)
    checks = {check.name: check for check in checks_of(runs)}
    assert not checks["lesson: the SCCT mistake shows"].passed


def test_the_checks_fail_when_waiting_costs_nothing() -> None:
    played = scenario_runs(6)
    for run in played:
        for delay in TIMING_DELAYS_H:
            run.by_delay[delay] = run.by_delay[0.0]
    runs = LessonRuns({"made-up": played}, statements(6), seeds=6, timed=6)
    checks = {check.name: check for check in checks_of(runs)}
    assert not checks["lesson: timing shows"].passed


def test_a_small_change_fails_the_coupling_when_it_meets_another_seeds_luck() -> None:
    """One tick late lands where on time did, plus a constant: nothing of the seed's luck is
    left in the difference. Give the late run the luck of another seed, as a shared random
    stream reshuffled by the change would, and the difference carries all of it."""
    played = scenario_runs(6)
    name = "lesson: coupling (a small change, a small difference)"
    on_their_luck = {
        check.name: check
        for check in checks_of(LessonRuns({"made-up": played}, statements(6), seeds=6, timed=6))
    }
    assert on_their_luck[name].measured == pytest.approx(0.0, abs=1e-9)
    reshuffled = [
        dataclasses.replace(run, nudged=played[len(played) - 1 - index].by_protocol[FAST])
        for index, run in enumerate(played)
    ]
    runs = LessonRuns({"made-up": reshuffled}, statements(6), seeds=6, timed=6)
    check = {check.name: check for check in checks_of(runs)}[name]
    assert not check.passed
    assert check.measured == pytest.approx(2.0)  # the reversed luck: b = c - a, so SD(a - b) = 2 SD


def test_the_table_gives_each_protocols_mean_interval_and_the_two_contrasts() -> None:
    runs = LessonRuns({"made-up": scenario_runs(4)}, statements(4), seeds=4, timed=4)
    table = signal_to_noise(runs)
    assert "## made-up (preventable)" in table
    assert "| fast-transparent | 0.585 |" in table  # 0.6 - 0.01 * mean(0, 1, 2, 3)
    assert "| silent | -0.015 |" in table
    assert "fast-transparent - deny-then-apologise: +0.300" in table
    assert "ranked right 100% of the time" in table
    assert "delayed by 4 h avoids 0.080 less" in table  # 0.02 * 4


def test_the_lesson_command_refuses_sizes_that_cannot_measure(capsys) -> None:
    assert main(["lesson", "--seeds", "1"]) == 2
    assert "--seeds must be at least 2" in capsys.readouterr().err
    assert main(["lesson", "--users", "10"]) == 2
    assert "no bundled scenario has 10 users or fewer" in capsys.readouterr().err


def test_the_lesson_command_says_how_each_check_was_measured_when_asked(
    capsys, monkeypatch
) -> None:
    runs = LessonRuns({"made-up": scenario_runs(4)}, statements(4), seeds=4, timed=4)
    monkeypatch.setattr(lesson_runs, "play_lesson", lambda config, seeds, overrides: runs)
    main(["lesson", "--seeds", "4"])
    plain = capsys.readouterr().out
    main(["lesson", "--seeds", "4", "--details"])
    detailed = capsys.readouterr().out
    coupling = "lesson: coupling (same-seed sign): "
    assert coupling not in plain
    assert coupling in detailed
    assert "lowest share of seeds whose same-seed difference has the mean's sign" in detailed
