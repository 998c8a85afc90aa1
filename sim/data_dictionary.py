"""The columns of every data file stormdrill writes, declared once: their names on file, their
types and their meaning. The writers take names and types from here, and docs/data.md is
generated from here (`data_dictionary_markdown`), so the files and their documentation agree.

Names carry their unit where a value has one: `_h` hours of scenario time, `_per_h` per hour,
`_per_tick` per tick of the scenario's clock, `_0_100` on the 0-100 scale of the reputation
index, `_ri_pts` points of that scale (a difference of two indices), `_share` a fraction (1 is
all of it). Counts are plain numbers of users, posts or articles. A user's state is named as
the war room names it (`sim.vocabulary.STATE_NAMES`).

Types are pyarrow's names (`int64`, `float64`, `bool`, `string`, `list<float64>`); pyarrow itself
is imported by the writers only, so `import sim` stays light.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from types import NoneType, UnionType
from typing import Union, get_args, get_origin

from sim.outcome import Outcome
from sim.vocabulary import STATE_NAMES, State


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str


# ---------------------------------------------------------------------------- the outcome

OUTCOME_FILE_NAMES = {
    "aware_damage": "aware_damage_ri_pts",
    "aware_damage_peak": "aware_damage_peak_ri_pts",
    "stakeholder_damage": "stakeholder_damage_ri_pts",
    "damage_avoided": "damage_avoided_share",
    "unanswered_aware_damage": "unanswered_aware_damage_ri_pts",
    "reputation_index_start": "reputation_index_start_0_100",
    "reputation_index_final": "reputation_index_final_0_100",
    "reputation_index_min": "reputation_index_min_0_100",
    "reputation_index_drop": "reputation_index_drop_ri_pts",
    "stakeholder_reputation_index_final": "stakeholder_reputation_index_final_0_100",
    "peak_negative_posts_per_hour": "peak_negative_posts_per_h",
    "response_coverage": "response_coverage_share",
}
"""An outcome metric's column in the lab's tables, where its field name does not say its unit.
`run --json` and outcome.json keep the field names (a stable contract scripts rely on)."""


def metric_column(field: str) -> str:
    """The column (and the `metric` value in summary, differences and timing tables) of an
    outcome field."""
    return OUTCOME_FILE_NAMES.get(field, field)


def _arrow_type(annotation: object) -> str:
    if get_origin(annotation) in (Union, UnionType):
        (annotation,) = (arg for arg in get_args(annotation) if arg is not NoneType)
    return {bool: "bool", int: "int64", float: "float64", str: "string"}[annotation]  # type: ignore[index]


def _meaning(field: str) -> str:
    info = Outcome.model_fields[field]
    nullable = type(None) in get_args(info.annotation)
    text = info.description or field
    return text if not nullable or "None" in text else f"{text} Empty when undefined."


OUTCOME_FIELDS = tuple(name for name in Outcome.model_fields if name != "seed")

METRIC_COLUMNS = tuple(
    Column(metric_column(name), _arrow_type(Outcome.model_fields[name].annotation), _meaning(name))
    for name in OUTCOME_FIELDS
)


# ---------------------------------------------------------------------------- the series

SERIES_FILE_NAMES = {
    "susceptible": STATE_NAMES[State.SUSCEPTIBLE],
    "exposed": STATE_NAMES[State.EXPOSED],
    "spreading": STATE_NAMES[State.SPREADING],
    "skeptic": STATE_NAMES[State.SKEPTIC],
    "removed": STATE_NAMES[State.REMOVED],
    "reputation_index": "reputation_index_0_100",
    "stakeholder_reputation_index": "stakeholder_reputation_index_0_100",
    "aware_damage": "aware_damage_ri_pts",
    "negative_posts": "negative_posts_per_tick",
    "defending_posts": "defending_posts_per_tick",
}
"""A per-tick series' column in series.csv, where its name in the run does not say its unit or
is not the war room's word for a state."""

SERIES_IDENTITY = (
    Column("scenario", "string", "The scenario as given to `run` (a bundled name or a path)."),
    Column("seed", "int64", "The run's seed."),
    Column("tick", "int64", "The tick, from 0; its length is the scenario's `turns.tick_h`."),
)

_SERIES_MEANINGS = {
    "hour": ("float64", "Scenario hours at the end of the tick (after the trigger's hour 0)."),
    "susceptible": ("int64", "Users who have not heard of the crisis."),
    "exposed": ("int64", "Users who saw negative content and have not decided."),
    "spreading": ("int64", "Users posting and resharing negative content."),
    "skeptic": ("int64", "Users who counter-argue (defend the brand when favourable enough)."),
    "removed": ("int64", "Users who lost interest."),
    "reputation_index": ("float64", "Reputation index of the whole population."),
    "stakeholder_reputation_index": ("float64", "Reputation index among stakeholders."),
    "aware_damage": ("float64", "Damage among the users aware of the crisis so far."),
    "negative_posts": ("int64", "Negative posts in the tick."),
    "defending_posts": ("int64", "Posts defending the brand in the tick."),
    "aware_total": ("int64", "Users ever aware of the crisis, so far."),
    "spreaders_total": ("int64", "Users who ever spread negative content, so far."),
    "aware_saw_response": ("int64", "Aware users who saw a statement of the brand, so far."),
    "observed_mentions_per_h": (
        "float64",
        "Negative mentions per hour as the team's listening tool shows them (noisy, delayed).",
    ),
    "observed_sentiment": (
        "float64",
        "Tone of the mentions as the listening tool shows it, from -1 (hostile) to 1.",
    ),
}


def series_column(name: str) -> str:
    return SERIES_FILE_NAMES.get(name, name)


SERIES_COLUMNS = (
    *SERIES_IDENTITY,
    *(
        Column(series_column(name), kind, meaning)
        for name, (kind, meaning) in _SERIES_MEANINGS.items()
    ),
)


# ---------------------------------------------------------------------------- the lab

ROW_IDENTITY = (
    Column("run_id", "int64", "The run's number in the plan, from 0."),
    Column("scenario", "string", "The scenario as given to `sweep`."),
    Column("protocol", "string", "The protocol's name."),
)
ROW_VARIATION_NOTE = (
    "One column per `--vary` field (named as the field, e.g. `crisis.severity`), typed as its "
    "values: int64 when all are integers, float64 when all are numbers, bool, else string."
)
ROW_REST = (
    Column(
        "seed_index",
        "int64",
        "The seed's position in the plan; runs that share it met the same crowd.",
    ),
    Column("seed", "int64", "The run's seed."),
    Column("protocol_ref", "string", "The protocol as given (a bundled name or a path)."),
    Column("overrides", "string", "The run's `--set` overrides, shell-quoted."),
    Column("replay", "string", "The `stormdrill run` command that replays the run exactly."),
    Column("error", "string", "What went wrong, for a run that failed; empty otherwise."),
)
ROW_HOURLY = (
    Column(
        "reputation_index_0_100_by_hour",
        "list<float64>",
        "The reputation index at each whole hour, from hour 0 (before the crisis). Parquet only.",
    ),
    Column(
        "aware_damage_ri_pts_by_hour",
        "list<float64>",
        "The damage among the aware at each whole hour, from hour 0. Parquet only.",
    ),
)

ESTIMATE_COLUMNS = (
    Column("n", "int64", "Runs (or seeds, for a paired difference) the estimate rests on."),
    Column("mean", "float64", "Their mean, in the metric's unit."),
    Column("median", "float64", "Their median."),
    Column("ci_low", "float64", "Lower end of the 95% interval of the mean."),
    Column("ci_high", "float64", "Upper end of the 95% interval of the mean."),
)
_METRIC = Column("metric", "string", "The metric: a metric column's name of rows.parquet.")

SUMMARY_COLUMNS = (
    Column("protocol", "string", "The protocol's name."),
    _METRIC,
    Column("failed_runs", "int64", "Runs of this protocol and variation that failed."),
    *ESTIMATE_COLUMNS,
)
DIFFERENCE_COLUMNS = (
    Column("baseline", "string", "The earlier protocol of the pair."),
    Column("protocol", "string", "The later protocol: the difference is it minus the baseline."),
    _METRIC,
    *ESTIMATE_COLUMNS,
)
TIMING_COLUMNS = (
    Column("delay_h", "float64", "Hours every rule of the protocol was delayed by."),
    _METRIC,
    *ESTIMATE_COLUMNS,
    Column("change_mean", "float64", "Mean change from the shortest delay, paired by seed."),
    Column("change_ci_low", "float64", "Lower end of its 95% interval."),
    Column("change_ci_high", "float64", "Upper end of its 95% interval."),
)


GRAPH_NODE_ATTRIBUTES = (
    Column("label", "string", "The user's handle with its '@': the node's label in Gephi."),
    Column("handle", "string", "The user's handle in the war room's feed, without '@'."),
    Column("followers", "int64", "Users who follow the user (the node's out-degree)."),
    Column("state", "string", "The user's state at the end of the run (war room's names)."),
    Column("attitude", "float64", "The user's attitude to the brand at the end, -1 to 1."),
    Column("ever_aware", "bool", "The user heard of the crisis."),
    Column("ever_spread", "bool", "The user spread negative content."),
    Column("aware_h", "float64", "When the user heard of the crisis."),
    Column("spread_h", "float64", "When the user first spread negative content."),
    Column(
        "turned_h",
        "float64",
        "When a user who liked the brand (pre-crisis attitude zero or above) first fell below "
        "zero.",
    ),
    Column(
        "phase",
        "string over time",
        "GEXF only: unaware until the user heard, aware until they spread, spreading after.",
    ),
    Column(
        "against_brand",
        "bool over time",
        "GEXF only: false until turned_h, true from then on.",
    ),
)


@dataclass(frozen=True)
class DataFile:
    name: str
    written_by: str
    columns: tuple[Column, ...]
    note: str = ""


DATA_FILES = (
    DataFile(
        "series.csv",
        "`run --out DIR`, and `sweep --out DIR` as `series/run-N.csv` for runs that keep series",
        SERIES_COLUMNS,
        "One row per tick.",
    ),
    DataFile(
        "outcome.json",
        "`run --out DIR` (the object `run --json` prints)",
        (
            Column("seed", "int64", "The run's seed."),
            *(
                Column(name, column.type, column.meaning)
                for name, column in zip(OUTCOME_FIELDS, METRIC_COLUMNS, strict=True)
            ),
            Column("scenario", "string", "The scenario as given."),
            Column("protocol", "string", "The protocol's name."),
        ),
        "Keys are the outcome's field names, the `run --json` contract; each has the unit of "
        "its column in rows.parquet (aware_damage is aware_damage_ri_pts, and so on). null "
        "where undefined.",
    ),
    DataFile(
        "rows.parquet, rows.csv",
        "`sweep --out DIR` and `timing --out DIR`",
        (*ROW_IDENTITY, *ROW_REST, *METRIC_COLUMNS, *ROW_HOURLY),
        "One row per run, the same schema whatever the runs gave (a column that is empty is "
        "still typed). " + ROW_VARIATION_NOTE + " They come after `protocol`.",
    ),
    DataFile(
        "summary.csv",
        "`sweep --out DIR`",
        SUMMARY_COLUMNS,
        "One row per protocol, variation and metric; the variation's columns follow `protocol`.",
    ),
    DataFile(
        "differences.csv",
        "`sweep --out DIR`",
        DIFFERENCE_COLUMNS,
        "One row per pair of protocols, variation and metric, paired by seed; the variation's "
        "columns come first.",
    ),
    DataFile("timing.csv", "`timing --out DIR`", TIMING_COLUMNS, "One row per delay and metric."),
    DataFile(
        "graph.gexf, graph.graphml",
        "`run --graph-out FILE` (GEXF or GraphML by the extension)",
        GRAPH_NODE_ATTRIBUTES,
        "One node per user, numbered as the scenario's users (zero-padded ids); the columns "
        "are node attributes. Edges run as information flows, from an account to each of its "
        "followers: an edge u -> v means v follows u, so a node's out-degree is its follower "
        "count. GEXF files are dynamic (time in scenario hours, `timeformat` double): Gephi's "
        "timeline replays `phase` and `against_brand`. Hours are at the end of the tick the "
        "thing happened in; NaN where it never happened.",
    ),
)


def data_dictionary_markdown() -> str:
    """docs/data.md: every column of every data file, from the declarations above."""
    lines = [
        "# Data files",
        "",
        _paragraph(
            "Every column of every data file stormdrill writes. Generated from "
            "`sim/data_dictionary.py` by `stormdrill schemas write`; "
            "a test checks that this file is current."
        ),
        "",
        _paragraph(
            "Names carry their unit: `_h` hours of scenario time after the trigger, `_per_h` per "
            "hour, `_per_tick` per tick (`turns.tick_h` hours), `_0_100` on the 0-100 scale of the "
            "reputation index (RI), `_ri_pts` points of that scale (a difference of two indices; "
            "positive is damage), `_share` a fraction (1 is all of it). Counts are numbers of "
            "users, posts or articles. States are named as the war room names them."
        ),
        "",
    ]
    for data_file in DATA_FILES:
        lines += [f"## {data_file.name}", "", _paragraph(f"Written by {data_file.written_by}.")]
        if data_file.note:
            lines += ["", _paragraph(data_file.note)]
        lines += ["", "| column | type | meaning |", "| --- | --- | --- |"]
        lines += [
            f"| `{column.name}` | {column.type} | {column.meaning.replace('|', '/')} |"
            for column in data_file.columns
        ]
        lines.append("")
    return "\n".join(lines)


def _paragraph(text: str) -> str:
    return textwrap.fill(text, width=100, break_on_hyphens=False, break_long_words=False)
