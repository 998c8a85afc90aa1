"""`stormdrill calibrate`: run the section 8 checks and the section 9 lesson checks of
docs/model.md and print the report.

Exit status 0 when every check passes and 1 when any fails, so CI can run a reduced size and a
modeller the full size. Measured on 2 cores: the section 8 checks at their full size (200 runs
of 10,000 users) take about 5 minutes with `--workers 2`, CI's 32 runs of 10,000 users about a
minute; the lesson checks at full size (20 seeds of every bundled scenario at its own size) take
much longer than both (docs/calibration.md has the time), and `--only model` leaves them out.
`--workers` never changes the numbers. `--set` runs the same checks with other parameter values
(a sensitivity run); the record of such runs is docs/calibration.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from collections.abc import Sequence
from dataclasses import asdict

from sim.calibration.check import DEFAULT_SEED, FULL_RUNS, FULL_USERS, CheckResult
from sim.cli.options import add_seed_option, add_set_option, worker_processes
from sim.errors import UserError

HEADER = ("check", "target", "measured", "pass")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "calibrate",
        help="check the model against the calibration targets",
        description="Run the calibration checks of docs/model.md section 8 and the lesson checks "
        "of section 9 and print a table; exit status 1 if any check fails. The defaults are "
        "the full size the targets are stated for; smaller section 8 runs widen each band by "
        "the measured 95% confidence interval.",
    )
    parser.add_argument(
        "--runs", type=int, default=FULL_RUNS, metavar="N", help="runs per check family"
    )
    parser.add_argument(
        "--users", type=int, default=FULL_USERS, metavar="N", help="users per simulated world"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help=f"worker processes (this machine has {os.cpu_count()}); results do not change",
    )
    add_seed_option(parser, DEFAULT_SEED, "root random seed")
    parser.add_argument(
        "--lesson-seeds",
        type=int,
        default=20,
        metavar="N",
        help="seeds per protocol and bundled scenario in the lesson checks (section 9)",
    )
    parser.add_argument(
        "--lesson-users",
        type=int,
        default=None,
        metavar="N",
        help="play only the bundled scenarios of up to N users in the lesson checks",
    )
    parser.add_argument(
        "--only",
        choices=("model", "lesson"),
        default=None,
        help="only the section 8 checks (model) or only the section 9 checks (lesson)",
    )
    add_set_option(parser)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--details", action="store_true", help="print how each figure was measured")
    parser.set_defaults(func=calibrate_command)


def calibrate_command(args: argparse.Namespace) -> int:
    if args.runs < 1:
        raise UserError(f"--runs must be at least 1, got {args.runs}; try --runs 8.")
    if args.users < 50:
        raise UserError(f"--users must be at least 50, got {args.users}; try --users 2000.")
    if args.workers < 1:
        raise UserError(f"--workers must be at least 1, got {args.workers}.")
    if args.lesson_seeds < 2:
        raise UserError(
            f"--lesson-seeds must be at least 2 (a spread across seeds needs two), got "
            f"{args.lesson_seeds}; try --lesson-seeds 5."
        )
    from sim.calibration import run_calibration
    from sim.interval import too_few, too_few_note
    from sim.lab.progress import ProgressBar

    started = time.perf_counter()
    with ProgressBar("calibrate: families of checks") as progress:
        results = run_calibration(
            args.runs,
            args.users,
            worker_processes(args.workers),
            args.seed,
            args.overrides,
            lesson_seeds=args.lesson_seeds,
            lesson_small_users=args.lesson_users,
            only=args.only,
            progress=progress.update,
        )
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps([_json_row(r) for r in results], indent=2))
    else:
        print(render_table(results))
        if args.details:
            print()
            print(render_details(results))
        counts = (
            (args.runs, "runs per family", args.only != "lesson"),
            (args.lesson_seeds, "lesson seeds", args.only != "model"),
        )
        for count, what, counted in counts:
            if counted and too_few(count):
                print(f"\nNote: {too_few_note(count, what)}.")
        passed = sum(r.passed for r in results)
        changed = "".join(f", --set {override}" for override in args.overrides)
        lesson = f", {args.lesson_seeds} lesson seeds" if args.only != "model" else ""
        print(
            f"\n{passed} of {len(results)} checks pass ({args.runs} runs, {args.users} users"
            f"{lesson}, seed {args.seed}{changed}, {elapsed:.0f} s)."
        )
    return exit_status(results)


def _json_row(check: CheckResult) -> dict[str, object]:
    """A result as strict JSON: a measurement that could not be made is null, not NaN."""
    row = asdict(check)
    if isinstance(check.measured, float) and math.isnan(check.measured):
        row["measured"] = None
    return row


def exit_status(results: Sequence[CheckResult]) -> int:
    return 0 if all(r.passed for r in results) else 1


def format_measured(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:.4g}"


def render_table(results: Sequence[CheckResult]) -> str:
    rows = [HEADER] + [
        (r.name, r.target, format_measured(r.measured), "yes" if r.passed else "NO")
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = []
    for row in rows:
        name, target, measured, verdict = row
        lines.append(
            f"{name:<{widths[0]}}  {target:<{widths[1]}}  {measured:>{widths[2]}}  {verdict}"
        )
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_details(results: Sequence[CheckResult]) -> str:
    return "\n".join(f"{r.name}: {r.detail}" for r in results)
