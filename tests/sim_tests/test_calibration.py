"""Calibration (docs/model.md sections 8 and 9): the statistics helpers on data with known answers,
the cascade simulator's invariants, determinism with one worker or two, the report command, and
the reduced-size calibration itself.

The reduced size of the section 8 checks (REDUCED_RUNS runs of REDUCED_USERS users) is judged by
the rule in `sim.calibration.check`: the 95% interval of each measurement must overlap its band.
The lesson checks (section 9) play the bundled scenarios up to REDUCED_LESSON_USERS users with
REDUCED_LESSON_SEEDS seeds each, against the same bands as at full size. Checks the current
model misses are marked `xfail(strict=True)` with the measured finding as the reason, so the day
a model change brings one on target, the suite says so.
"""

from __future__ import annotations

import argparse
import json
import math

import numpy as np
import pytest

from sim.calibration import CalibrationConfig, CheckResult, run_calibration
from sim.calibration import runner as calibration_runner
from sim.calibration.apology import apology_checks
from sim.calibration.cascade import Cascades, spread_ordinary_posts
from sim.calibration.check import Band, judge
from sim.calibration.negativity import negativity_checks
from sim.calibration.scenario import calibration_spec
from sim.calibration.statistics import (
    cluster_bootstrap,
    cohens_d,
    mean_interval,
    pearson,
    tail_ratio,
    wilson_interval,
)
from sim.cli import calibrate_cmd
from sim.engine.model import build_followers
from sim.engine.world.population import build_population
from sim.errors import ScenarioError, UserError
from sim.lab.statistics import describe

# Fewer runs than the full 200, on networks of the full size: at 2,000 users the crises and
# the response reach are another regime (29% of exposed users saw the response, against 1.5%
# at 10,000), which moved r(matched strategy) from +0.24 at full size to -0.11.
REDUCED_RUNS = 32
REDUCED_USERS = 10_000
REDUCED_WORKERS = 2
REDUCED_LESSON_SEEDS = 5
REDUCED_LESSON_USERS = 10_000

# Checks the model currently misses at the reduced size, with what was measured there and at
# the full size.
FINDINGS = {
    "lesson: coupling (same-seed sign)": "the same-seed difference has the mean's sign on every "
    "seed of all 12 contrasts, but its SD is 1.03 times the SD across seeds for the cluster gap "
    "(preventable against victim, holding statement), which compares two different crises: "
    "every user's attributed responsibility differs from the first tick, and the preventable "
    "arm's damage is a multiple of the victim arm's. The coupling itself holds (the check of a "
    "small change passes); what the contrasts keep is how much each change's own effect varies "
    "between worlds (docs/calibration.md, sessions 6 and 8)",
}

CHECK_NAMES = (
    "graph: in-degree tail exponent",
    "graph: reciprocity",
    "graph: average clustering",
    "graph: mean path in giant SCC",
    "cascades: share with no reshare",
    "cascades: share deeper than 1 hop",
    "cascades: largest / median size",
    "reshares: median delay (min)",
    "reshares: share within 1st hour",
    "attitude: |da_neg| / |da_pos|",
    "response: r(responsibility, attitude)",
    "response: r(matched strategy, attitude)",
    "response: apology vs denial, Cohen's d",
    "firestorms: significant short-term drop",
    "firestorms: below baseline at day 30",
    "lesson: coupling (same-seed sign)",
    "lesson: coupling (a small change, a small difference)",
    "lesson: answer reach (fast-transparent)",
    "lesson: the crisis builds (peak hour)",
    "lesson: crisis type outweighs the response",
    "lesson: apology vs denial / cluster gap",
    "lesson: the SCCT mistake shows",
    "lesson: timing shows",
    "lesson: every outcome takes a value",
)


# --------------------------------------------------------------------------- statistics


def test_mean_interval_is_the_labs_bca_interval_of_the_mean() -> None:
    values = [1.0, 2.0, 3.0, 5.0, 8.0]
    mean, interval = mean_interval(values)
    assert mean == 3.8
    lab = describe(np.array(values), seed=0)
    assert interval == (lab.low, lab.high), "one method, lab and calibration"
    assert interval[0] < mean < interval[1]


def test_mean_interval_of_one_run_is_a_point_and_of_none_is_nan() -> None:
    assert mean_interval([4.0]) == (4.0, (4.0, 4.0))
    assert math.isnan(mean_interval([])[0])


def test_wilson_interval_known_values() -> None:
    assert wilson_interval(0, 10) == pytest.approx((0.0, 3.8415 / 13.8415), abs=1e-4)
    low, high = wilson_interval(8, 8)
    assert low == pytest.approx(0.6756, abs=1e-4)
    assert high == 1.0
    low, high = wilson_interval(50, 100)
    assert (low + high) / 2 == pytest.approx(0.5)
    assert high - low == pytest.approx(2 * 0.0960, abs=1e-3)


def test_pearson_known_values() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    assert pearson(x, 2 * x + 1) == pytest.approx(1.0)
    assert pearson(x, -x) == pytest.approx(-1.0)
    assert pearson(x, np.array([2.0, 1.0, 4.0, 3.0, 5.0])) == pytest.approx(0.8)
    assert math.isnan(pearson(x, np.ones(5)))


def test_pearson_of_a_binary_variable_is_the_point_biserial_correlation() -> None:
    group = np.array([0, 0, 0, 1, 1, 1, 1, 0], dtype=float)
    y = np.array([1.0, 2.0, 3.0, 5.0, 6.0, 4.0, 7.0, 2.0])
    p = group.mean()
    expected = (y[group == 1].mean() - y[group == 0].mean()) / y.std() * math.sqrt(p * (1 - p))
    assert pearson(group, y) == pytest.approx(expected)


def test_cohens_d_known_value_and_sign() -> None:
    base = np.array([1.0, 2.0, 3.0, 4.0, 5.0])  # sd sqrt(2.5)
    assert cohens_d(base + 1.0, base) == pytest.approx(1.0 / math.sqrt(2.5))
    assert cohens_d(base, base + 1.0) == pytest.approx(-1.0 / math.sqrt(2.5))
    assert math.isnan(cohens_d(np.array([1.0]), base))


def test_cohens_d_recovers_a_planted_effect() -> None:
    rng = np.random.default_rng(3)
    treated = rng.normal(0.5, 1.0, 200_000)
    control = rng.normal(0.0, 1.0, 200_000)
    assert cohens_d(treated, control) == pytest.approx(0.5, abs=0.01)


def test_tail_ratio_separates_heavy_from_light_tails() -> None:
    assert tail_ratio(np.array([1] * 99 + [500])) == 500.0
    rng = np.random.default_rng(5)
    heavy = rng.zipf(2.0, 10_000)  # P(size >= 100) ~ 1%: the largest is far beyond 100
    light = 1 + rng.poisson(0.1, 10_000)
    assert tail_ratio(heavy) >= 100
    assert tail_ratio(light) < 10


def test_cluster_bootstrap_resamples_whole_groups_deterministically() -> None:
    groups = [np.array([1.0, 1.0]), np.array([3.0, 3.0, 3.0, 3.0])]

    def pooled_mean(chosen) -> float:
        return float(np.concatenate(chosen).mean())

    low, high = cluster_bootstrap(groups, pooled_mean, np.random.default_rng(1))
    assert (low, high) == cluster_bootstrap(groups, pooled_mean, np.random.default_rng(1))
    assert 1.0 <= low < high <= 3.0, "between the all-first and the all-second resample"
    assert cluster_bootstrap(groups[:1], pooled_mean, np.random.default_rng(1)) == (1.0, 1.0)


def test_cluster_bootstrap_covers_a_pooled_mean_of_skewed_runs() -> None:
    rng = np.random.default_rng(8)

    def pooled_mean(chosen) -> float:
        return float(np.concatenate(chosen).mean())

    covered = 0
    for _ in range(40):
        groups = [rng.standard_exponential(20) + rng.normal(0.0, 0.3) for _ in range(30)]
        low, high = cluster_bootstrap(groups, pooled_mean, rng, resamples=300)
        covered += low <= 1.0 <= high
    assert covered >= 32


def test_judge_is_strict_at_full_size_and_uses_the_interval_when_reduced() -> None:
    band = Band(0.3, 0.9)
    full = CalibrationConfig(runs=200, users=10_000)
    reduced = CalibrationConfig(runs=8, users=2000)
    assert full.full_size and not reduced.full_size
    assert not judge(full, band, 0.25, (0.2, 0.35))[0]
    assert judge(reduced, band, 0.25, (0.2, 0.35))[0]
    assert not judge(reduced, band, 0.1, (0.05, 0.2))[0]
    assert judge(reduced, Band(low=100.0), 150.0, (150.0, 150.0))[0]
    assert not judge(reduced, band, math.nan, (math.nan, math.nan))[0]


# --------------------------------------------------------------------------- cascades


def test_cascade_invariants() -> None:
    spec = calibration_spec(800)
    rng = np.random.default_rng(11)
    followers = build_followers(spec, rng)
    population = build_population(spec, followers, rng)
    roots = rng.choice(np.flatnonzero(population.active), size=3000)
    cascades = spread_ordinary_posts(spec, followers, population.active, roots, rng)
    assert cascades.sizes.shape == cascades.depths.shape == (3000,)
    assert np.all(cascades.sizes >= 1)
    assert np.array_equal(cascades.sizes == 1, cascades.depths == 0)
    assert np.all(cascades.depths <= cascades.sizes - 1)
    assert cascades.delays_min.size == cascades.sizes.sum() - 3000
    assert np.all(cascades.delays_min % spec.turns.tick_minutes == 0)
    assert cascades.delays_min.max() <= spec.spread.exposure_window_h * 60
    assert 0.0 < cascades.no_reshare_share < 1.0


def test_within_hour_share_averages_over_posts() -> None:
    cascades = Cascades(
        sizes=np.array([4, 1]),
        depths=np.array([2, 0]),
        delays_min=np.array([10.0, 90.0, 30.0]),
        parents=np.array([0, 0, 2]),
    )
    assert cascades.within_hour_share == pytest.approx((0.5 + 1.0) / 2)
    assert cascades.deep_share == 0.5
    assert cascades.median_delay_min == 30.0


# --------------------------------------------------------------------------- checks


def test_negativity_ratio_is_the_loss_aversion() -> None:
    (check,) = negativity_checks(CalibrationConfig(runs=1, users=1000))
    assert check.measured == pytest.approx(2.25)
    assert check.passed


@pytest.mark.slow
def test_a_family_gives_the_same_numbers_with_one_worker_or_two() -> None:
    serial = apology_checks(CalibrationConfig(runs=2, users=300, workers=1), 7)
    parallel = apology_checks(CalibrationConfig(runs=2, users=300, workers=2), 7)
    assert serial == parallel


@pytest.fixture(scope="module")
def reduced_results() -> dict[str, CheckResult]:
    results = run_calibration(
        REDUCED_RUNS,
        REDUCED_USERS,
        REDUCED_WORKERS,
        lesson_seeds=REDUCED_LESSON_SEEDS,
        lesson_small_users=REDUCED_LESSON_USERS,
    )
    return {r.name: r for r in results}


@pytest.mark.slow
@pytest.mark.timeout(3600)  # the reduced calibration itself runs in this test's setup
def test_reduced_calibration_reports_every_check(reduced_results) -> None:
    assert tuple(reduced_results) == CHECK_NAMES


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=FINDINGS[name]))
        if name in FINDINGS
        else name
        for name in CHECK_NAMES
    ],
)
@pytest.mark.slow
@pytest.mark.timeout(3600)  # the first one run builds reduced_results
def test_reduced_calibration_check_passes(reduced_results, name: str) -> None:
    check = reduced_results[name]
    assert check.passed, f"{name}: measured {check.measured} for {check.target}; {check.detail}"


# --------------------------------------------------------------------------- command


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="stormdrill")
    calibrate_cmd.add_parser(parser.add_subparsers())
    return parser.parse_args(["calibrate", *argv])


FAKE = [
    CheckResult("graph: reciprocity", "in [0.15, 0.30]", 0.22, True, "how"),
    CheckResult("a much longer check name", ">= 100", 9.375, False, "why"),
]


def test_table_is_aligned_and_exit_status_follows_the_checks(monkeypatch, capsys) -> None:
    monkeypatch.setattr(calibration_runner, "run_calibration", lambda *args, **kwargs: FAKE)
    assert calibrate_cmd.calibrate_command(_parse(["--runs", "2", "--users", "500"])) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["check", "target", "measured", "pass"]
    assert lines[2].index("in [0.15") == lines[3].index(">= 100") == lines[0].index("target")
    assert lines[2].endswith("yes") and lines[3].endswith("NO")
    assert "1 of 2 checks pass" in lines[-1]
    assert "Note: only 2 runs per family: too few for a 95% interval to mean much" in lines[-3]
    monkeypatch.setattr(calibration_runner, "run_calibration", lambda *args, **kwargs: FAKE[:1])
    assert calibrate_cmd.calibrate_command(_parse([])) == 0


def test_json_output(monkeypatch, capsys) -> None:
    monkeypatch.setattr(calibration_runner, "run_calibration", lambda *args, **kwargs: FAKE)
    calibrate_cmd.calibrate_command(_parse(["--json"]))
    rows = json.loads(capsys.readouterr().out)
    assert rows[1] == {
        "name": "a much longer check name",
        "target": ">= 100",
        "measured": 9.375,
        "passed": False,
        "detail": "why",
    }


def test_json_output_has_null_for_a_measurement_that_could_not_be_made(monkeypatch, capsys) -> None:
    missing = [CheckResult("graph: reciprocity", "in [0.15, 0.30]", math.nan, False, "empty")]
    monkeypatch.setattr(calibration_runner, "run_calibration", lambda *args, **kwargs: missing)
    calibrate_cmd.calibrate_command(_parse(["--json"]))
    assert json.loads(capsys.readouterr().out)[0]["measured"] is None


def test_defaults_are_the_full_size_and_bad_sizes_are_user_errors() -> None:
    args = _parse([])
    assert (args.runs, args.users, args.workers) == (200, 10_000, 1)
    with pytest.raises(UserError, match="--runs"):
        calibrate_cmd.calibrate_command(_parse(["--runs", "0"]))
    with pytest.raises(UserError, match="--users"):
        calibrate_cmd.calibrate_command(_parse(["--users", "10"]))


# --------------------------------------------------------------------------- sensitivity runs


def test_an_override_reaches_the_checks() -> None:
    config = CalibrationConfig(runs=1, users=1000, overrides=("attitude.loss_aversion=3",))
    (check,) = negativity_checks(config)
    assert check.measured == pytest.approx(3.0)


def test_a_check_keeps_its_own_design_over_an_override() -> None:
    spec = calibration_spec(
        500,
        crisis={"type": "data_breach", "cluster": "preventable"},
        overrides=("crisis.cluster=victim", "crisis.severity=0.9", "graph.users=900"),
        turns={"horizon_days": 3.0},
    )
    assert spec.crisis.cluster == "preventable" and spec.crisis.severity == 0.9
    assert spec.graph.users == 500 and spec.turns.horizon_days == 3.0


def test_a_bad_override_is_one_sentence_before_any_run() -> None:
    with pytest.raises(ScenarioError, match=r"^calibrate: --set .attitude\.eta=1. names an"):
        run_calibration(1, 300, overrides=("attitude.eta=1",))
    with pytest.raises(ScenarioError, match=r"learning_rate = 0\.9 is out of range"):
        run_calibration(1, 300, overrides=("attitude.learning_rate=0.9",))


def test_the_summary_line_names_the_overrides(monkeypatch, capsys) -> None:
    seen = []

    def recording(*args, **kwargs):
        seen.append(args)
        return FAKE

    monkeypatch.setattr(calibration_runner, "run_calibration", recording)
    calibrate_cmd.calibrate_command(_parse(["--set", "attitude.learning_rate=0.05"]))
    assert seen[0][-1] == ["attitude.learning_rate=0.05"]
    assert "seed 20240601, --set attitude.learning_rate=0.05," in capsys.readouterr().out
