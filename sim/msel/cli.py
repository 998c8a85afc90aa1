"""`stormdrill scenarios msel export|import`: the MSEL as a workbook or CSV and back.

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
        help="export the MSEL to .xlsx or CSV, or import an edited one into a scenario",
        description="The Master Scenario Events List as an .xlsx workbook or CSV with the "
        "HSEEP column names, for editing in Excel, LibreOffice or any spreadsheet.",
    )
    steps = parser.add_subparsers(dest="msel_action", metavar="STEP", required=True)

    export = steps.add_parser("export", help="write a scenario's injects as .xlsx or CSV")
    export.add_argument("scenario", metavar="SCENARIO", help="a bundled name or a .toml path")
    export.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="write to FILE: a workbook if it ends in .xlsx, else CSV (default: CSV on stdout)",
    )
    export.set_defaults(func=export_command)

    into = steps.add_parser(
        "import",
        help="make a scenario file's injects those of an .xlsx or CSV MSEL",
        description="Check every row of the MSEL, then make the scenario file's [[injects]] "
        "tables match it: changed cells rewrite their value, new rows add an inject, deleted "
        "rows remove one; comments and the rest of the file are kept as written. Nothing is "
        "written if any row is wrong, or if nothing changed.",
    )
    into.add_argument(
        "msel", type=Path, metavar="MSEL", help="the MSEL as an .xlsx workbook or a CSV file"
    )
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
    from sim.msel.export import export_msel, write_msel
    from sim.spec.loader import load_scenario

    spec = load_scenario(args.scenario)
    if args.out is None:
        sys.stdout.write(export_msel(spec))
        return 0
    write_msel(spec, args.out)
    print(f"wrote {len(spec.injects)} injects to {args.out}")
    return 0


def import_command(args: argparse.Namespace) -> int:
    from sim.msel.importer import read_msel
    from sim.msel.merge import merge_into_scenario

    imported = read_msel(args.msel, allow_empty=args.allow_empty)
    for note in imported.notes:
        print(f"note: {note}", file=sys.stderr)
    count = len(imported.injects)
    if merge_into_scenario(args.into, imported.injects):
        print(f"wrote {count} injects into {args.into}")
    else:
        print(f"{args.into} already has these {count} injects; nothing was written")
    return 0
