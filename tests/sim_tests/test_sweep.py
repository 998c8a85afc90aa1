"""Sweeps: the same rows serially, in a process pool and on Dask; resume after an interruption;
failed runs recorded; bootstrap intervals that cover the truth; rows that replay exactly; the
CLI's verdict and the timing curve, on the headline measure, with figures that never round an
effect to zero; the paired differences the plots draw."""

from __future__ import annotations

import json
import re
import shlex
import socket
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from sim.cli.main import main
from sim.data_dictionary import metric_column
from sim.errors import UserError
from sim.lab import Axis, SweepPlan, SweepResult, TimingTable, delayed, sweep
from sim.lab import worker as worker_module
from sim.lab.journal import JOURNAL_FILE
from sim.lab.plot import against_baseline
from sim.lab.reading import READINGS
from sim.lab.result import METRICS
from sim.lab.statistics import Estimate, describe, verdict
from sim.lab.timing import protocol_toml
from sim.protocol import load_protocol
from tests.tiny import TINY

SHORT = ("turns.horizon_days=1",)
DASK_DASHBOARD_PORT = 8787


@pytest.fixture(scope="module")
def plan() -> SweepPlan:
    """2 protocols x 2 severities x 3 seeds of the 200-user scenario over one day: 12 runs."""
    return SweepPlan(
        scenario=TINY,
        overrides=SHORT,
        protocols=("silent", "fast-transparent"),
        vary=(Axis.parse("crisis.severity=0.4,0.8"),),
        runs=3,
        root_seed=11,
    )


@pytest.fixture(scope="module")
def serial(plan):
    return sweep(plan, workers=1)


class Counter:
    """A watcher that can stop the sweep after `stop_after` rows, as Ctrl-C would."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.stop_after = stop_after
        self.total = self.already = self.seen = 0

    def started(self, total: int, already_done: int) -> None:
        self.total, self.already = total, already_done

    def finished(self, row) -> None:
        self.seen += 1
        if self.seen == self.stop_after:
            raise KeyboardInterrupt


FREEZE_IN_A_FRESH_PROCESS = """
import gc, json, sys
from sim.lab import SweepPlan, sweep
plan = SweepPlan.model_validate_json(sys.argv[1])
class Watcher:
    frozen = []
    def started(self, total, already_done): pass
    def finished(self, row): self.frozen.append(gc.get_freeze_count())
class Stopper(Watcher):
    def finished(self, row): raise KeyboardInterrupt
watcher = Watcher()
sweep(plan, workers=1, watcher=watcher)
after = gc.get_freeze_count()
try:
    sweep(plan, workers=1, watcher=Stopper())
except KeyboardInterrupt:
    pass
after_a_stop = gc.get_freeze_count()
gc.freeze()
callers = gc.get_freeze_count()
sweep(plan, workers=1)
print(json.dumps([watcher.frozen, after, after_a_stop, callers, gc.get_freeze_count()]))
"""


def test_a_serial_sweep_hides_the_callers_heap_from_the_collector_and_then_restores_it(plan):
    """As a pool worker does (sim.lab.worker.settle_worker), a sweep in this process freezes
    what is alive when it starts, so each run's collection walks only the run's objects; it
    unfreezes at the end, also when the sweep stops early, so nothing of the caller's stays out
    of the collector's reach; and a caller's own freeze is left as it was. In a fresh process:
    the test processes freeze their heap at collection (tests/conftest.py)."""
    printed = _in_a_fresh_process(FREEZE_IN_A_FRESH_PROCESS, plan)
    during, after, after_a_stop, callers, callers_after = printed
    assert len(during) == 2 and min(during) > 10_000
    assert (after, after_a_stop) == (0, 0)
    assert callers > 10_000 and callers_after > 10_000  # not unfrozen (only freed ones left)


TRACKED_IN_A_FRESH_PROCESS = """
import gc, json, sys
from sim.lab import SweepPlan, sweep
plan = SweepPlan.model_validate_json(sys.argv[1])
class Watcher:
    tracked = []
    def started(self, total, already_done): pass
    def finished(self, row): self.tracked.append(len(gc.get_objects()))
sweep(plan, workers=1, watcher=Watcher())
print(json.dumps(Watcher.tracked))
"""


def test_what_a_process_first_run_brings_in_is_hidden_from_the_collector_too(plan):
    """The engine's compiled kernels (and whatever else a run imports) arrive with a process's
    first run, after its heap was frozen: frozen then as well, they are not walked again by the
    collection after every later run. Objects the collector still tracks once a run is done:
    some 80,000 without this (numba's), a few hundred with it. In a fresh process."""
    tracked = _in_a_fresh_process(TRACKED_IN_A_FRESH_PROCESS, plan)
    assert len(tracked) == 2
    assert max(tracked) < 5_000


def _in_a_fresh_process(code: str, plan: SweepPlan) -> list:
    """What `code` prints last, as JSON, run on one seed of `plan` (its two protocols) in a new
    interpreter."""
    small = SweepPlan(**{**plan.model_dump(), "runs": 1, "vary": ()})
    printed = subprocess.run(
        [sys.executable, "-c", code, small.model_dump_json()],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(printed.splitlines()[-1])


def test_every_protocol_and_variation_meets_the_same_seeds(plan, serial):
    frame = serial.to_pandas()
    assert list(frame["run_id"]) == list(range(12))
    seeds = frame.groupby(["protocol", "crisis.severity"])["seed"].apply(tuple)
    assert set(seeds) == {plan.seeds()}
    assert len(set(plan.seeds())) == 3
    assert plan.seeds() == SweepPlan(**{**plan.model_dump(), "runs": 3}).seeds()
    assert frame["error"].isna().all()


@pytest.fixture
def dask_default_port_taken():
    """Dask's default dashboard port held for the test, as another cluster would hold it; if
    something already holds it, so much the better."""
    holder = socket.socket()
    try:
        holder.bind(("127.0.0.1", DASK_DASHBOARD_PORT))
        holder.listen()
    except OSError:
        pass
    try:
        yield
    finally:
        holder.close()


def test_process_pool_and_dask_give_the_serial_rows(plan, serial, dask_default_port_taken):
    expected = serial.to_pandas()
    assert sweep(plan, workers=2).to_pandas().equals(expected)
    assert sweep(plan, workers=1, dask="local").to_pandas().equals(expected)


def test_resume_after_an_interruption_gives_the_uninterrupted_table(plan, serial, tmp_path):
    with pytest.raises(KeyboardInterrupt):
        sweep(plan, workers=1, out=tmp_path, watcher=Counter(stop_after=5))
    journal = tmp_path / JOURNAL_FILE
    assert len(journal.read_text().splitlines()) == 5
    with journal.open("a") as handle:  # a row torn by a crash mid-write
        handle.write('{"run_id": 7, "scen')
    watcher = Counter()
    resumed = sweep(plan, workers=1, out=tmp_path, resume=True, watcher=watcher)
    assert (watcher.total, watcher.already, watcher.seen) == (12, 5, 7)
    assert resumed.to_pandas().equals(serial.to_pandas())
    for name in ("rows.parquet", "rows.csv", "summary.csv", "differences.csv"):
        assert (tmp_path / name).is_file()


def test_a_folder_is_never_mixed_with_another_sweep(plan, tmp_path):
    small = SweepPlan(**{**plan.model_dump(), "runs": 1, "vary": ()})
    sweep(small, workers=1, out=tmp_path)
    with pytest.raises(UserError, match="already holds a sweep; add --resume"):
        sweep(small, workers=1, out=tmp_path)
    other = SweepPlan(**{**small.model_dump(), "root_seed": 12})
    with pytest.raises(UserError, match="different plan"):
        sweep(other, workers=1, out=tmp_path, resume=True)


def test_a_failing_run_is_recorded_and_the_sweep_goes_on(plan, monkeypatch):
    doomed = plan.seeds()[1]
    real_session = worker_module.Session

    def session(spec, seed, **options):
        if seed == doomed:
            raise RuntimeError("the model broke")
        return real_session(spec, seed, **options)

    monkeypatch.setattr(worker_module, "Session", session)
    result = sweep(plan, workers=1)
    failed = result.failures
    assert len(failed) == 4 and len(result.rows) == 12
    assert {row.seed for row in failed} == {doomed}
    assert all("RuntimeError: the model broke" in row.error for row in failed)
    assert all(row.outcome is None for row in failed)
    summary = result.summary()
    final = summary[summary["metric"] == "reputation_index_final"]
    assert set(final["n"]) == {2} and set(final["failed_runs"]) == {1}
    assert result.differences()["n"].max() == 2


def test_a_row_replays_exactly_with_stormdrill_run(serial, capsys):
    row = serial.to_pandas().iloc[-1]
    command = shlex.split(row["replay"])
    assert command[:2] == ["stormdrill", "run"] and "crisis.severity=0.8" in command
    assert main([*command[1:], "--json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    assert replayed["seed"] == row["seed"]
    for name in METRICS:
        expected = row[metric_column(name)]
        if replayed[name] is None:
            assert expected is None or np.isnan(expected)
        else:
            assert replayed[name] == expected, name


def test_the_bca_interval_covers_a_known_difference():
    rng = np.random.default_rng(5)
    truth = 2.0
    covered = 0
    for trial in range(200):
        differences = truth + rng.standard_exponential(40) - 1.0  # skewed, mean `truth`
        estimate = describe(differences, seed=trial)
        covered += estimate.low <= truth <= estimate.high
    assert 0.88 <= covered / 200 <= 0.99
    sure = describe(truth + rng.normal(0.0, 1.0, 400), seed=1)
    assert sure.low <= truth <= sure.high and sure.low > 0
    assert describe(np.arange(10.0), seed=3) == describe(np.arange(10.0), seed=3)


def test_the_interval_is_scipys_bca_bootstrap_of_the_finite_values():
    values = np.array([1.0, 2.0, 3.0, 7.0, 4.0, 2.5, np.nan, 9.0, 1.5, 3.5, 6.0])
    estimate = describe(values, seed=4)
    finite = values[np.isfinite(values)]
    expected = scipy_stats.bootstrap(
        (finite,), np.mean, method="BCa", n_resamples=10_000, rng=np.random.default_rng(4)
    ).confidence_interval
    assert (estimate.n, estimate.mean) == (10, pytest.approx(finite.mean()))
    assert (estimate.low, estimate.high) == (
        pytest.approx(expected.low),
        pytest.approx(expected.high),
    )
    assert describe(np.array([2.0, 2.0, 2.0]), seed=1).low == 2.0, "no spread: the point"
    assert np.isnan(describe(np.array([2.0]), seed=1).low), "one run has no interval"


def test_an_estimate_asked_again_is_not_bootstrapped_again(monkeypatch):
    """The summary, the plots, the printed summary and the verdicts ask for the same
    estimates: the second time is the first's answer, the same values (however they are
    held) with another seed or another value are bootstrapped afresh."""
    from sim.lab import statistics

    monkeypatch.setattr(statistics, "_known", {})
    bootstraps = []

    def counted(values, seed):
        bootstraps.append(seed)
        return scipy_interval(values, seed)

    scipy_interval = statistics.mean_interval
    monkeypatch.setattr(statistics, "mean_interval", counted)
    values = np.array([1.0, 4.0, np.nan, 2.0, 8.0])
    first = describe(values, seed=3)
    assert describe(list(values), seed=3) is first
    assert bootstraps == [3]
    describe(values, seed=4)
    describe(np.array([1.0, 4.0, 2.0, 8.5]), seed=3)
    assert bootstraps == [3, 4, 3]


def test_verdict_sentences_and_a_warning_when_the_runs_are_too_few():
    final_ri = READINGS["reputation_index_final"]
    clear = verdict("B", "A", Estimate(40, 0.61, 0.6, 0.48, 0.734), final_ri)
    assert clear == "B ends 0.61 RI points higher than A, 95% CI 0.48 to 0.73 (40 paired runs)."
    unclear = verdict("B", "A", Estimate(40, -0.3, -0.2, -1.1, 0.5), final_ri)
    assert unclear.startswith("B ends 0.30 RI points lower than A, 95% CI -1.10 to 0.50")
    assert unclear.endswith("do not tell them apart.")
    few = verdict("B", "A", Estimate(5, 0.61, 0.6, 0.48, 0.734), final_ri)
    assert few == (
        "B ends 0.61 RI points higher than A, 95% CI 0.48 to 0.73 (5 paired runs) (only 5 "
        "paired runs: too few for a 95% interval to mean much; use 10 or more)."
    )


def test_the_verdict_on_damage_avoided_is_in_percentage_points_and_keeps_small_effects():
    avoided = READINGS["damage_avoided"]
    clear = verdict("B", "A", Estimate(20, 0.234, 0.23, 0.18, 0.291), avoided)
    assert clear == (
        "B avoids 23.4 percentage points more of the damage silence would do than A, 95% CI "
        "18.0 to 29.1 (20 paired runs)."
    )
    small = verdict("B", "A", Estimate(20, -0.00004, 0.0, -0.00009, 0.00002), avoided)
    assert small.startswith("B avoids 0.0040 percentage points less of the damage silence")
    assert "95% CI -0.0090 to 0.0020" in small and small.endswith("do not tell them apart.")
    aware = verdict("B", "A", Estimate(20, -0.086, 0.0, -0.098, -0.071), READINGS["aware_damage"])
    assert aware.startswith("B leaves 0.086 RI points less damage among the aware than A")


def a_timing_table(slope: Estimate, first_step: Estimate | None = None) -> TimingTable:
    """A timing table written out by hand: delays 0 to 24 h, and the slope of damage avoided."""
    frame = pd.DataFrame({"delay_h": [0.0, 1.0, 24.0]})
    return TimingTable(
        protocol="fast-transparent",
        runs=10,
        frame=frame,
        changes=pd.DataFrame(),
        per_hour={"damage_avoided": slope},
        first_step=first_step,
        first_delays=None if first_step is None else (0.0, 1.0),
    )


def test_the_cost_of_an_hour_is_in_percentage_points_of_the_damage_silence_would_do():
    table = a_timing_table(Estimate(10, -0.031, -0.03, -0.038, -0.024))
    assert table.sentence() == (
        "Each hour of waiting costs about 3.1 percentage points of the damage silence would do "
        "(95% CI 2.4 to 3.8; least-squares slope over delays 0 to 24 h, paired by seed over 10 "
        "seeds)."
    )


def test_a_curve_that_is_not_flat_never_costs_a_rounded_zero():
    table = a_timing_table(Estimate(10, -0.0000412, -0.00004, -0.00006, -0.000021))
    sentence = table.sentence()
    assert "costs about 0.0041 percentage points" in sentence
    assert "(95% CI 0.0021 to 0.0060;" in sentence
    assert " 0.0 " not in sentence and "0.00 " not in sentence


def test_the_cost_of_an_hour_says_when_its_interval_includes_zero():
    table = a_timing_table(
        Estimate(10, -0.01, -0.01, -0.03, 0.012), first_step=Estimate(10, 0.02, 0.02, -0.001, 0.05)
    )
    sentence = table.sentence()
    assert "(95% CI -1.2 to 3.0;" in sentence
    assert "the interval includes zero, so these runs show no clear cost" in sentence
    assert sentence.endswith(
        "Going from 0 h to 1 h, each hour avoids about 2.0 percentage points more of the damage "
        "silence would do (95% CI -0.10 to 5.0, which includes zero)."
    )


def test_a_flat_curve_costs_zero():
    assert (
        "costs about 0.0 percentage points" in a_timing_table(Estimate(10, 0, 0, 0, 0)).sentence()
    )


def test_the_paired_plot_shows_each_protocol_minus_the_first_seed_by_seed(plan, serial):
    frame = serial.metrics_frame()
    for metric in ("damage_avoided", "aware_damage"):
        pairs = against_baseline(serial, metric)
        assert [(p.baseline, p.protocol, p.variation) for p in pairs] == [
            ("silent", "fast-transparent", {"crisis.severity": "0.4"}),
            ("silent", "fast-transparent", {"crisis.severity": "0.8"}),
        ]
        for pair in pairs:
            chosen = frame[frame["crisis.severity"] == pair.variation["crisis.severity"]]
            by_seed = chosen.pivot(index="seed_index", columns="protocol", values=metric)
            expected = (by_seed["fast-transparent"] - by_seed["silent"]).to_numpy()
            assert list(pair.seed_index) == list(by_seed.index)
            np.testing.assert_array_equal(pair.differences, expected)
            assert pair.estimate.mean == pytest.approx(np.nanmean(expected))
            assert pair.estimate.low <= pair.estimate.mean <= pair.estimate.high
    single = SweepResult(plan=plan, rows=tuple(r for r in serial.rows if r.protocol == "silent"))
    assert against_baseline(single, "damage_avoided") == []


def test_sweep_command_prints_the_verdict_and_writes_tables_and_plots(tmp_path, capsys):
    out = tmp_path / "sweep"
    options = ["--runs", "3", "--set", *SHORT, "--workers", "1", "--out", str(out)]
    code = main(["sweep", TINY, "--protocol", "silent", "--protocol", "fast-transparent", *options])
    assert code == 0
    printed = capsys.readouterr().out
    assert re.search(
        r"fast-transparent avoids [\d.]+ percentage points (more|less) of the damage silence "
        r"would do than silent, 95% CI",
        printed,
    )
    assert "damage among the aware than silent" in printed
    headline, rest = (part.splitlines()[0].split() for part in printed.split("\n\n")[1:3])
    assert headline[:6] == ["protocol", "runs", "failed", "damage", "avoided", "(%)"]
    assert rest[:3] == ["protocol", "final", "RI"], "whole-population RI stays, after it"
    for name in ("rows.parquet", "rows.csv", "summary.csv", "differences.csv"):
        assert (out / name).is_file()
    columns = (out / "rows.csv").read_text().splitlines()[0].split(",")
    assert columns.index("aware_damage_ri_pts") < columns.index("reputation_index_final_0_100")
    assert {"damage_avoided_share", "reputation_index_min_0_100", "negative_reach"} <= set(columns)
    parquet = pd.read_parquet(out / "rows.parquet")
    hourly = ("reputation_index_0_100_by_hour", "aware_damage_ri_pts_by_hour")
    assert set(hourly) <= set(parquet.columns)
    assert (parquet[hourly[0]].map(len) == parquet[hourly[1]].map(len)).all()
    for stem in ("paired_differences", "aware_damage_over_time"):
        assert (out / f"{stem}.png").stat().st_size > 0
        assert (out / f"{stem}.svg").read_text().lstrip().startswith("<?xml")


def test_sweep_command_errors_are_one_sentence(capsys):
    assert main(["sweep", TINY, "--protocol", "silent", "--vary", "crisis.severity"]) == 2
    assert "is not of the form key=v1,v2" in capsys.readouterr().err
    assert main(["sweep", TINY, "--protocol", "silent", "--resume", "--runs", "1"]) == 2
    assert "--resume needs --out" in capsys.readouterr().err


def test_delayed_protocol_moves_every_clock_and_reads_back_from_toml(tmp_path):
    protocol = load_protocol("slow-transparent")
    late = delayed(protocol, 2.0)
    assert late.name == "slow-transparent+2h"
    assert [rule.after_h for rule in late.rules] == [8.0, 8.75, 13.75]
    assert late.rules[2].repeat_until_h == 31.75
    path = tmp_path / "late.toml"
    path.write_text(protocol_toml(late))
    assert load_protocol(str(path)) == late
    with pytest.raises(UserError, match="no rules"):
        delayed(load_protocol("silent"), 1.0)


def test_timing_command_states_the_cost_of_waiting(tmp_path, capsys):
    out = tmp_path / "timing"
    options = ["--runs", "3", "--set", *SHORT, "--workers", "1", "--out", str(out)]
    code = main(["timing", TINY, "--protocol", "fast-transparent", "--delays", "0,2,6", *options])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Each hour of waiting" in printed
    assert "percentage points of the damage silence would do" in printed
    assert "Going from 0 h to 2 h, each hour" in printed
    assert "final RI" in printed and "per hour of delay" in printed, "the RI figures stay"
    assert (out / "timing.svg").is_file()
    timing = pd.read_csv(out / "timing.csv")
    assert list(timing["metric"].unique()[:2]) == ["damage_avoided_share", "aware_damage_ri_pts"]
    assert {"reputation_index_final_0_100", "reputation_index_min_0_100"} <= set(timing["metric"])
    unmoved = timing[timing["delay_h"] == 0]
    assert (unmoved["change_mean"] == 0).all(), "the change is from the shortest delay"
    assert (out / "protocols" / "fast-transparent+6h.toml").is_file()
