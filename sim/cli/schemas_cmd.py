"""`stormdrill schemas write`: regenerate the references the repository keeps generated from
the code, so they cannot drift from it: the JSON Schemas of scenario and protocol files
(schemas/, for editors), and docs/data.md, the data dictionary of every file stormdrill writes
(sim/data_dictionary.py). Tests check that the committed files are current.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sim.errors import UserError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schemas",
        help="regenerate the JSON Schemas of scenario and protocol files and docs/data.md",
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
    from sim.protocol.loader import protocol_json_schema
    from sim.spec.loader import scenario_json_schema

    return {
        "schemas/scenario.schema.json": lambda: schema_text(scenario_json_schema()),
        "schemas/protocol.schema.json": lambda: schema_text(protocol_json_schema()),
        "docs/data.md": data_dictionary_markdown,
    }


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


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
