"""The results of a sweep: one row per run, the summary per protocol, and the paired differences
between protocols with their verdicts, which lead with the headline measure (damage avoided and
the damage among the aware, docs/model.md section 10; `sim.lab.reading`).

pandas is imported inside the methods: `import sim` (the TUI, every worker process) should not
pay for it.
"""

from __future__ import annotations

import itertools
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.data_dictionary import (
    METRIC_COLUMNS,
    ROW_HOURLY,
    ROW_IDENTITY,
    ROW_REST,
    Column,
    metric_column,
)
from sim.i18n import ENGLISH, Translator
from sim.lab.plan import SweepPlan
from sim.lab.reading import HEADLINE, READINGS
from sim.lab.statistics import Estimate, describe, verdict
from sim.lab.worker import RunRow
from sim.outcome import Outcome

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

METRICS = tuple(name for name in Outcome.model_fields if name != "seed")
ARRAY_COLUMNS = ("ri_hourly", "aware_damage_hourly")


@dataclass(frozen=True)
class Paired:
    """One protocol against an earlier one on the same seeds, within one variation: the per-seed
    differences of a metric (protocol minus baseline, NaN where either is undefined) and their
    mean with its bootstrap 95% interval. What a verdict and a paired plot rest on."""

    variation: dict[str, str]
    baseline: str
    protocol: str
    metric: str
    seed_index: np.ndarray
    differences: np.ndarray
    estimate: Estimate


@dataclass(frozen=True)
class SweepResult:
    """Every finished run of a plan, in run-id order."""

    plan: SweepPlan
    rows: tuple[RunRow, ...]

    @property
    def failures(self) -> tuple[RunRow, ...]:
        return tuple(row for row in self.rows if row.error is not None)

    @property
    def protocols(self) -> list[str]:
        """Protocol names in plan order (the first is the baseline of every comparison)."""
        return list(dict.fromkeys(row.protocol for row in self.rows))

    @property
    def vary_keys(self) -> list[str]:
        return [axis.key for axis in self.plan.vary]

    def to_pandas(self) -> pd.DataFrame:
        """One row per run, as rows.parquet holds it (docs/data.md): identity, the exact
        `stormdrill run` command that replays it, the error if it failed, every outcome metric
        under its column name with its unit, and the hourly reputation index and damage."""
        return self.to_arrow().to_pandas()

    def to_arrow(self) -> pa.Table:
        """The rows as a pyarrow Table with the lab's fixed schema: every column typed whatever
        the runs gave (one that no run filled is still typed, a `--vary` column has its
        values' type), so files from different sweeps stack and compare."""
        import pyarrow as pa

        schema = rows_schema(self.plan)
        records = [self._file_record(row) for row in self.rows]
        return pa.Table.from_pylist(records, schema=schema)

    def _file_record(self, row: RunRow) -> dict[str, Any]:
        record = self._record(row)
        for axis in self.plan.vary:
            record[axis.key] = axis.typed(record[axis.key])
        for name in METRICS:
            record[metric_column(name)] = record.pop(name)
        record[ROW_HOURLY[0].name] = record.pop("ri_hourly")
        record[ROW_HOURLY[1].name] = record.pop("aware_damage_hourly")
        return record

    def _frame(self) -> pd.DataFrame:
        """One row per run under the outcome's own field names, variations as text: what the
        summaries and verdicts compute on."""
        import pandas as pd

        records = [self._record(row) for row in self.rows]
        columns = [
            "run_id",
            "scenario",
            "protocol",
            *self.vary_keys,
            "seed_index",
            "seed",
            "protocol_ref",
            "overrides",
            "replay",
            "error",
            *METRICS,
            *ARRAY_COLUMNS,
        ]
        return pd.DataFrame.from_records(records, columns=columns)

    def _record(self, row: RunRow) -> dict[str, Any]:
        metrics = row.outcome.model_dump() if row.outcome is not None else {}
        command = ["stormdrill", "run", row.scenario, "--seed", str(row.seed)]
        command += ["--protocol", row.protocol_ref]
        if row.overrides:
            command += ["--set", *row.overrides]
        return {
            "run_id": row.run_id,
            "scenario": row.scenario,
            "protocol": row.protocol,
            **row.variation,
            "seed_index": row.seed_index,
            "seed": row.seed,
            "protocol_ref": row.protocol_ref,
            "overrides": shlex.join(row.overrides),
            "replay": shlex.join(command),
            "error": row.error,
            **{name: metrics.get(name) for name in METRICS},
            "ri_hourly": list(row.ri_hourly),
            "aware_damage_hourly": list(row.aware_damage_hourly),
        }

    def groups(self) -> list[tuple[str, dict[str, str], pd.DataFrame]]:
        """(protocol, variation, its finished runs) in plan order."""
        frame = self.metrics_frame()
        found = []
        for protocol, variation in itertools.product(self.protocols, self.plan.variations()):
            chosen = frame["protocol"] == protocol
            for key, value in variation.items():
                chosen &= frame[key] == value
            found.append((protocol, variation, frame[chosen]))
        return found

    def metrics_frame(self) -> pd.DataFrame:
        """Finished runs with every metric as a float (True = 1, undefined = NaN)."""
        frame = self._frame()
        frame = frame[frame["error"].isna()].copy()
        for name in METRICS:
            frame[name] = frame[name].astype(float)
        return frame

    def summary(self) -> pd.DataFrame:
        """Per protocol and variation, per metric: runs, mean, median and 95% CI of the mean."""
        import pandas as pd

        records = []
        for protocol, variation, runs in self.groups():
            errors = sum(
                1
                for row in self.failures
                if row.protocol == protocol and row.variation == variation
            )
            for name in METRICS:
                estimate = describe(runs[name].to_numpy(), self.plan.root_seed)
                records.append(
                    {
                        "protocol": protocol,
                        **variation,
                        "metric": name,
                        "failed_runs": errors,
                        **_estimate_columns(estimate),
                    }
                )
        return pd.DataFrame.from_records(records)

    def differences(self) -> pd.DataFrame:
        """Every later protocol minus every earlier one, paired by seed within each variation,
        with bootstrap 95% intervals, for every metric."""
        import pandas as pd

        records = [
            {
                **pair.variation,
                "baseline": pair.baseline,
                "protocol": pair.protocol,
                "metric": pair.metric,
                **_estimate_columns(pair.estimate),
            }
            for pair in self.paired(METRICS)
        ]
        return pd.DataFrame.from_records(records)

    def paired(self, metrics: tuple[str, ...] = HEADLINE) -> list[Paired]:
        """Every later protocol against every earlier one, on the seeds both finished, within
        each variation, for each of `metrics`; in plan order, the first protocol's pairs first."""
        found = []
        for variation in self.plan.variations():
            for baseline, other, paired in self._pairs(variation):
                for name in metrics:
                    difference = (paired[f"{name}_b"] - paired[f"{name}_a"]).to_numpy()
                    found.append(
                        Paired(
                            variation=variation,
                            baseline=baseline,
                            protocol=other,
                            metric=name,
                            seed_index=paired.index.to_numpy(),
                            differences=difference,
                            estimate=describe(difference, self.plan.root_seed),
                        )
                    )
        return found

    def _pairs(self, variation: dict[str, str]) -> Iterator[tuple[str, str, pd.DataFrame]]:
        by_protocol = {
            protocol: runs.set_index("seed_index")[list(METRICS)]
            for protocol, group_variation, runs in self.groups()
            if group_variation == variation
        }
        for baseline, other in itertools.combinations(self.protocols, 2):
            paired = by_protocol[baseline].merge(
                by_protocol[other], left_index=True, right_index=True, suffixes=("_a", "_b")
            )
            yield baseline, other, paired

    def verdicts(self, words: Translator = ENGLISH) -> list[str]:
        """One sentence per pair of protocols (and variation) and headline metric: damage
        avoided, then the damage among the aware; in the language of `words`."""
        sentences = []
        for pair in self.paired():
            prefix = ", ".join(f"{key}={value}" for key, value in pair.variation.items())
            reading = READINGS[pair.metric]
            sentence = verdict(pair.protocol, pair.baseline, pair.estimate, reading, words)
            if prefix:
                sentence = words("With {variation}: {verdict}").format(
                    variation=prefix, verdict=sentence
                )
            sentences.append(sentence)
        return sentences

    def write(self, folder: Path, words: Translator = ENGLISH) -> list[Path]:
        """rows.parquet (with the hourly RI and damage among the aware), rows.csv (without them:
        spreadsheets hold no arrays), summary.csv, differences.csv and the plots; returns the
        paths written. The files' columns and values stay English whatever the language; the
        plots' titles, labels and ticks are in that of `words`."""
        from sim.lab.plot import plot_aware_damage_over_time, plot_paired

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        import pyarrow.parquet as pq

        table = self.to_arrow()
        pq.write_table(table, folder / "rows.parquet")
        flat = table.drop_columns([column.name for column in ROW_HOURLY])
        flat.to_pandas(types_mapper=pd_arrow_dtype).to_csv(folder / "rows.csv", index=False)
        with_metric_columns(self.summary()).to_csv(folder / "summary.csv", index=False)
        with_metric_columns(self.differences()).to_csv(folder / "differences.csv", index=False)
        written = [folder / name for name in _TABLES]
        written += plot_paired(self, folder / "paired_differences", words)
        written += plot_aware_damage_over_time(self, folder / "aware_damage_over_time", words)
        return written


_TABLES = ("rows.parquet", "rows.csv", "summary.csv", "differences.csv")


def rows_schema(plan: SweepPlan) -> pa.Schema:
    """rows.parquet's schema for a plan: the columns of docs/data.md, the plan's `--vary`
    columns after `protocol`."""
    import pyarrow as pa

    variation = [Column(axis.key, axis.column_type(), "") for axis in plan.vary]
    columns = (*ROW_IDENTITY, *variation, *ROW_REST, *METRIC_COLUMNS, *ROW_HOURLY)
    return pa.schema([pa.field(column.name, _arrow(column.type)) for column in columns])


def _arrow(kind: str) -> pa.DataType:
    """A type of docs/data.md as pyarrow's."""
    import pyarrow as pa

    return pa.list_(pa.float64()) if kind == "list<float64>" else pa.type_for_alias(kind)


def pd_arrow_dtype(kind: pa.DataType) -> pd.ArrowDtype:
    """Columns read back as pyarrow-backed pandas dtypes, so an integer column with an empty
    cell stays integer (12, not 12.0) in the CSV."""
    import pandas as pd

    return pd.ArrowDtype(kind)


def with_metric_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """A summary or difference table with each metric named as its column in rows.parquet."""
    if frame.empty:
        return frame
    return frame.assign(metric=frame["metric"].map(metric_column))


def _estimate_columns(estimate: Estimate) -> dict[str, float]:
    return {
        "n": estimate.n,
        "mean": estimate.mean,
        "median": estimate.median,
        "ci_low": estimate.low,
        "ci_high": estimate.high,
    }


def group_label(protocol: str, variation: dict[str, str]) -> str:
    """'fast-transparent' or 'fast-transparent, crisis.severity=0.8' for legends and tables."""
    return ", ".join([protocol, *(f"{key}={value}" for key, value in variation.items())])


def hourly_matrix(runs: pd.DataFrame, column: str) -> np.ndarray:
    """Runs x hours of an hourly array column (runs cut to the shortest, which only differs if a
    varied field changes the horizon)."""
    arrays = [np.asarray(values, dtype=float) for values in runs[column]]
    if not arrays:
        return np.empty((0, 0))
    hours = min(len(values) for values in arrays)
    return np.vstack([values[:hours] for values in arrays])
