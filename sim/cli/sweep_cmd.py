"""`stormdrill sweep`: protocols compared over many seeds (and scenario variations), with
confidence intervals and a verdict, for choosing a protocol before a real incident.

The summary and verdicts go to stdout; the progress bar and the list of files written go to
stderr, so the results can be piped or saved as they are. Everything it says is in the
scenario's language (or `--lang`'s); the files it writes keep their English columns.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sim.cli.options import (
    add_lang_option,
    add_set_option,
    available_cores,
    output_folder,
    scenario_and_words,
    whole_number,
    worker_processes,
)
from sim.i18n import ENGLISH, Translator

if TYPE_CHECKING:
    from sim.lab import SweepResult
    from sim.lab.worker import RunRow

MAX_RUNS = 1_000_000
"""The most seeds per combination a plan holds (sim.lab.plan.SweepPlan.runs)."""
SEED_MAX = 2**32 - 1
"""numpy's SeedSequence takes any whole number; the root seed is kept to 32 bits, as every
run's own seed is."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sweep",
        help="compare protocols over many seeds, with confidence intervals",
        description="Run every combination of protocol x varied scenario field x seed and compare "
        "the protocols, paired by seed, with 95%% confidence intervals: first on damage avoided "
        "(the share of the damage silence would do on the same seed) and the damage among the "
        "aware, then on the rest of the outcome.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="a bundled name or a .toml path")
    parser.add_argument(
        "--protocol",
        dest="protocols",
        action="append",
        required=True,
        metavar="FILE|NAME",
        help="a protocol to compare (repeat it; the first is the baseline)",
    )
    parser.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="KEY=V1,V2,...",
        help="a scenario field to vary, e.g. --vary crisis.severity=0.4,0.8 (repeatable)",
    )
    parser.add_argument(
        "--runs",
        type=whole_number(1, MAX_RUNS),
        default=100,
        help=f"seeds per combination (100; at most {MAX_RUNS:,})",
    )
    parser.add_argument(
        "--series",
        action="store_true",
        help="also keep each run's per-tick series in DIR/series/ (needs --out)",
    )
    add_runner_options(parser)
    parser.set_defaults(func=sweep_command)


def add_runner_options(parser: argparse.ArgumentParser) -> None:
    """Where the runs execute and where results go: shared by sweep and timing."""
    add_set_option(parser)
    parser.add_argument(
        "--seed",
        type=whole_number(0, SEED_MAX),
        default=0,
        help="root seed every run's seed comes from (0)",
    )
    parser.add_argument(
        "--workers",
        type=whole_number(1),
        default=available_cores(),
        help="worker processes (default and most: one per core; 1 runs in this process)",
    )
    parser.add_argument(
        "--dask",
        metavar="ADDRESS|local",
        help="run on the Dask scheduler at ADDRESS, or on a LocalCluster of --workers processes",
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="write rows, tables and plots into DIR"
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="finish the sweep in --out DIR, running what is missing",
    )
    add_lang_option(parser, "the language of its tables, sentences and plots")


@contextmanager
def resumable(out: Path | None, words: Translator = ENGLISH) -> Iterator[None]:
    """On Ctrl-C, say what was kept and how to go on before the CLI exits with 130."""
    try:
        yield
    except KeyboardInterrupt:
        if out is not None:
            print(
                words(
                    "interrupted: finished runs are saved in {out}; run the same command with "
                    "--resume to finish."
                ).format(out=out),
                file=sys.stderr,
            )
        raise


def sweep_command(args: argparse.Namespace) -> int:
    from sim.lab import Axis, SweepPlan, sweep
    from sim.lab.progress import ProgressBar

    _spec, words = scenario_and_words(args, args.overrides)
    plan = SweepPlan(
        scenario=args.scenario,
        overrides=tuple(args.overrides),
        protocols=tuple(args.protocols),
        vary=tuple(Axis.parse(text, words) for text in args.vary),
        runs=args.runs,
        root_seed=args.seed,
    )
    out = None if args.out is None else output_folder(args.out, words=words)
    label = words("sweep {scenario}").format(scenario=args.scenario)
    with resumable(out, words), ProgressBar(label, words=words) as progress:
        result = sweep(
            plan,
            workers=worker_processes(args.workers, words),
            dask=args.dask,
            out=out,
            resume=args.resume,
            series=args.series,
            watcher=progress,
            words=words,
        )
    print(_report(result, words))
    if args.out is not None:
        print(
            words("rows, summary, differences and plots written to {out}").format(out=args.out),
            file=sys.stderr,
        )
    return 0


def failure_line(row: RunRow, words: Translator) -> str:
    """A run that failed, and why (the error as the run raised it)."""
    return words("run {run} (seed {seed}, {protocol}) failed: {error}").format(
        run=row.run_id, seed=row.seed, protocol=row.protocol, error=row.error
    )


def _report(result: SweepResult, words: Translator) -> str:
    from sim.lab.text import summary_text

    plan = result.plan
    combos = len(plan.protocols) * len(plan.variations())
    lines = [
        words(
            "{scenario}: {combinations} combinations x {runs} seeds = {total} runs (root seed "
            "{seed})"
        ).format(
            scenario=plan.scenario,
            combinations=combos,
            runs=plan.runs,
            total=len(result.rows),
            seed=plan.root_seed,
        ),
        "",
        summary_text(result, words),
    ]
    if len(result.protocols) > 1:
        lines += ["", *result.verdicts(words)]
    lines += [failure_line(row, words) for row in result.failures]
    return "\n".join(lines)
