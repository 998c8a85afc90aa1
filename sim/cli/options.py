"""Command-line options shared by several subcommands, declared once."""

from __future__ import annotations

import argparse


def add_set_option(parser: argparse.ArgumentParser) -> None:
    """`--set key=value`, repeatable or several at once, overriding scenario fields."""
    parser.add_argument(
        "--set",
        dest="overrides",
        action="extend",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help="override a scenario field, e.g. --set crisis.cluster=preventable",
    )
