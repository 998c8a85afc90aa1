"""`stormdrill lesson`: does a drill show its lesson? The signal-to-noise table of the bundled
scenarios (docs/model.md section 9) and the lesson checks judged on the same runs.

Every bundled scenario at its own size and horizon, every bundled protocol on the same seeds,
fast-transparent also along the timing curve; the seeds are those of `stormdrill calibrate`'s
lesson family for the same `--seed`, so the two commands agree figure for figure.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from sim.calibration.check import DEFAULT_SEED
from sim.cli.options import add_set_option
from sim.errors import UserError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lesson",
        help="signal and noise of the bundled scenarios: does a drill show its lesson?",
        description="Play every bundled scenario with every bundled protocol on the same seeds "
        "and print, per scenario, damage avoided per protocol (mean, 95% interval, SD across "
        "seeds, paired SD), fast-transparent against deny-then-apologise and the cost of a 4 h "
        "delay; then the lesson checks of docs/model.md section 9 on those runs. Exit status 1 "
        "if a check fails.",
    )
    parser.add_argument(
        "--seeds", type=int, default=20, metavar="N", help="seeds per protocol and scenario"
    )
    parser.add_argument(
        "--users",
        type=int,
        default=None,
        metavar="N",
        help="only the bundled scenarios of up to N users",
    )
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="NAME",
        help="only this bundled scenario (repeat for more); the statement checks always play "
        "the default scenario",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help=f"worker processes (this machine has {os.cpu_count()}); results do not change",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="root random seed")
    parser.add_argument("--out", type=Path, default=None, help="also write the table here (.md)")
    parser.add_argument(
        "--details",
        action="store_true",
        help="print how each check was measured (which contrast, scenario or run decided it)",
    )
    add_set_option(parser)
    parser.set_defaults(func=lesson_command)


def lesson_command(args: argparse.Namespace) -> int:
    if args.seeds < 2:
        raise UserError(f"--seeds must be at least 2, got {args.seeds}; try --seeds 5.")
    if args.workers < 1:
        raise UserError(f"--workers must be at least 1, got {args.workers}.")
    from sim.calibration.lesson import checks_of, lesson_checks
    from sim.calibration.lesson_runs import LessonConfig, lesson_scenarios, play_lesson
    from sim.calibration.pool import run_seeds, worker_pool
    from sim.calibration.runner import family_seed
    from sim.calibration.scenario import calibration_spec
    from sim.calibration.signal import signal_to_noise
    from sim.cli.calibrate_cmd import exit_status, render_details, render_table
    from sim.interval import too_few, too_few_note

    calibration_spec(1000, overrides=args.overrides)  # a bad --set is one sentence, at once
    known = lesson_scenarios()
    for name in args.scenario:
        if name not in known:
            raise UserError(
                f"--scenario {name} is not a bundled scenario; choose one of {', '.join(known)}."
            )
    config = LessonConfig(args.seeds, args.workers, args.users, tuple(args.scenario))
    if not config.scenarios():
        raise UserError(
            f"no bundled scenario has {args.users} users or fewer; raise --users or leave it out."
        )
    started = time.perf_counter()
    with worker_pool(args.workers):
        seeds = run_seeds(family_seed(lesson_checks, args.seed), args.seeds)
        runs = play_lesson(config, seeds, tuple(args.overrides))
    table = signal_to_noise(runs)
    checks = checks_of(runs)
    print(table)
    print(render_table(checks))
    if args.details:
        print()
        print(render_details(checks))
    passed = sum(check.passed for check in checks)
    print(
        f"\n{passed} of {len(checks)} lesson checks pass ({args.seeds} seeds, seed {args.seed}, "
        f"{time.perf_counter() - started:.0f} s)."
    )
    if too_few(args.seeds):
        print(f"Note: {too_few_note(args.seeds, 'seeds')}.")
    if args.out is not None:
        args.out.write_text(table, encoding="utf-8")
    return exit_status(checks)
