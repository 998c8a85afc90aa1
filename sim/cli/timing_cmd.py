"""`stormdrill timing`: one protocol with its response delayed by each of several delays, on the
same seeds: the teaching figure of what each hour of waiting costs in a scenario.

How a protocol is delayed is documented in `sim.lab.timing`: every rule's clock starts the
delay later, so the first response and everything after it move together.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

from sim.cli.options import output_folder, scenario_and_words, whole_number, worker_processes
from sim.cli.sweep_cmd import add_runner_options, failure_line, resumable
from sim.errors import UserError
from sim.i18n import Translator

DEFAULT_DELAYS = "0,0.5,1,2,4,8,24"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "timing",
        help="what each hour of waiting costs: one protocol at several delays",
        description="Run a protocol with its responses delayed by each delay (every rule's clock "
        "starts that much later) on the same seeds, and show the outcome against the delay and "
        "what each hour of waiting costs in damage avoided, paired by seed.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="a bundled name or a .toml path")
    parser.add_argument(
        "--protocol", required=True, metavar="FILE|NAME", help="the protocol to delay"
    )
    parser.add_argument(
        "--delays",
        default=DEFAULT_DELAYS,
        metavar="H,H,...",
        help=f"delays in hours (default {DEFAULT_DELAYS})",
    )
    parser.add_argument("--runs", type=whole_number(1), default=50, help="seeds per delay (50)")
    add_runner_options(parser)
    parser.set_defaults(func=timing_command)


def _delays(text: str, words: Translator) -> list[float]:
    try:
        delays = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise UserError(
            words(
                "--delays {text} is not a list of hours; write for example --delays 0,0.5,1,2."
            ).format(text=repr(text))
        ) from None
    for delay in delays:
        if not math.isfinite(delay):
            raise UserError(
                words(
                    "--delays {text} holds {delay}, which is not a number of hours; write for "
                    "example --delays 0,0.5,1,2."
                ).format(text=repr(text), delay=delay)
            )
    return delays


def timing_command(args: argparse.Namespace) -> int:
    from sim.lab import sweep, timing_plan, timing_table
    from sim.lab.plot import plot_timing
    from sim.lab.progress import ProgressBar
    from sim.lab.result import with_metric_columns
    from sim.lab.text import timing_text

    _spec, words = scenario_and_words(args, args.overrides)
    delays = _delays(args.delays, words)
    out = None if args.out is None else output_folder(args.out, words=words)
    with tempfile.TemporaryDirectory(prefix="stormdrill-timing-") as scratch:
        folder = out if out is not None else Path(scratch)
        study = timing_plan(
            args.scenario,
            args.protocol,
            delays,
            folder,
            runs=args.runs,
            overrides=args.overrides,
            root_seed=args.seed,
            words=words,
        )
        label = words("timing {protocol}").format(protocol=study.protocol)
        with resumable(out, words), ProgressBar(label, words=words) as progress:
            result = sweep(
                study.plan,
                workers=worker_processes(args.workers, words),
                dask=args.dask,
                out=out,
                resume=args.resume,
                watcher=progress,
                words=words,
            )
    table = timing_table(result, study)
    print(
        words("{scenario}, protocol {protocol} delayed, {runs} seeds per delay").format(
            scenario=args.scenario, protocol=study.protocol, runs=args.runs
        )
    )
    print()
    print(timing_text(table, words))
    print()
    print(table.sentence(words))
    for row in result.failures:
        print(failure_line(row, words))
    if args.out is not None:
        with_metric_columns(table.frame).to_csv(args.out / "timing.csv", index=False)
        plot_timing(table, args.out / "timing", words)
        print(
            words("timing table, plot and rows written to {out}").format(out=args.out),
            file=sys.stderr,
        )
    return 0
