"""`stormdrill scenarios msel export|import`: the MSEL as a spreadsheet and back.

Kept here, next to the format it serves, and hung under `stormdrill scenarios` by
sim/cli/scenarios_cmd.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(actions: argparse._SubParsersAction) -> None:
    parser = actions.add_parser(
        "msel",
        help="export the MSEL to CSV, or import an edited CSV into a scenario",
        description="The Master Scenario Events List as CSV with the HSEEP column names, for "
        "editing in a spreadsheet.",
    )
    steps = parser.add_subparsers(dest="msel_action", metavar="STEP", required=True)

    export = steps.add_parser("export", help="write a scenario's injects as CSV")
    export.add_argument("scenario", metavar="SCENARIO", help="a bundled name or a .toml path")
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
    export.set_defaults(func=export_command)

    into = steps.add_parser(
        "import",
        help="replace a scenario file's injects with those of a CSV",
        description="Check every row of the CSV, then replace the [[injects]] tables of the "
        "scenario file (the rest of the file is kept as written). Nothing is written if any "
        "row is wrong.",
    )
    into.add_argument("csv", type=Path, metavar="CSV", help="the MSEL spreadsheet saved as CSV")
    into.add_argument(
        "--into", type=Path, required=True, metavar="SCENARIO.toml", help="scenario file to update"
    )
    into.add_argument(
        "--allow-empty",
        action="store_true",
        help="accept an MSEL with no inject, and so delete every inject of the scenario",
    )
    into.set_defaults(func=import_command)


def export_command(args: argparse.Namespace) -> int:
    from sim.msel.export import export_msel, write_msel_csv
    from sim.spec.loader import load_scenario

    spec = load_scenario(args.scenario)
    if args.out is None:
        sys.stdout.write(export_msel(spec))
        return 0
    write_msel_csv(spec, args.out)
    print(f"wrote {len(spec.injects)} injects to {args.out}")
    return 0


def import_command(args: argparse.Namespace) -> int:
    from sim.msel.importer import import_msel
    from sim.msel.merge import merge_into_scenario

    injects = import_msel(args.csv, allow_empty=args.allow_empty)
    merge_into_scenario(args.into, injects)
    print(f"wrote {len(injects)} injects into {args.into}")
    return 0
