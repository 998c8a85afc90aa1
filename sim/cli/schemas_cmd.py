"""`stormdrill schemas write`: regenerate the references the repository keeps generated from
the code, so they cannot drift from it: docs/data.md, the data dictionary of every file
stormdrill writes (sim/data_dictionary.py). Tests check that the committed files are current.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from sim.errors import UserError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schemas",
        help="regenerate the generated references (data dictionary)",
        description="Regenerate the references generated from the code.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    write = actions.add_parser("write", help="write every generated reference under --root")
    write.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the checkout to write into (default: the current folder)",
    )
    write.set_defaults(func=write_command)


def generated_files() -> dict[str, Callable[[], str]]:
    """Each generated file, by its path in the checkout, and what builds its text."""
    from sim.data_dictionary import data_dictionary_markdown

    return {"docs/data.md": data_dictionary_markdown}


def write_command(args: argparse.Namespace) -> int:
    for relative, build in generated_files().items():
        path = args.root / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(build(), encoding="utf-8")
        except OSError as error:
            raise UserError(
                f"cannot write {path} ({error.strerror}); give --root a writable checkout."
            ) from None
        print(f"wrote {path}")
    return 0
