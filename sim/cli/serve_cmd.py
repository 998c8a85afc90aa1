"""`stormdrill serve`: the war room in a web browser, through textual-serve.

Each browser tab runs its own `stormdrill play` process, or, with `--join URL`, its own
`stormdrill join URL`, which asks for the seat's code: a browser then sits at a seat of the one
exercise `stormdrill host` runs. `--public-url` tells the page the address browsers reach it at
through a reverse proxy. It binds to 127.0.0.1 by default, so
only this machine can connect; give `--host 0.0.0.0` (and, for anything beyond a trusted network,
a reverse proxy with authentication) to let others in.
"""

from __future__ import annotations

import argparse
import shlex
import sys

from sim.cli.options import whole_number
from sim.errors import UserError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the exercise to a web browser",
        description="Serve the war room to web browsers. Binds to 127.0.0.1 unless --host says "
        "otherwise; anyone who can reach the address can play.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument(
        "--port", type=whole_number(1, 65535), default=8000, help="port to listen on (1-65535)"
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers reach it at through a reverse proxy "
        "(https://drill.example.org), "
        "so the page does not point them at --host",
    )
    parser.add_argument(
        "--join",
        metavar="URL",
        help="instead of a new exercise per tab, each tab joins the exercise `stormdrill host` "
        "runs at URL, at the seat whose code is typed in it",
    )
    parser.add_argument(
        "scenario", nargs="?", metavar="SCENARIO", help="open this scenario (default: the picker)"
    )
    parser.set_defaults(func=serve_command)


def play_command_line(scenario: str | None) -> str:
    """The command each browser session runs: this Python's stormdrill, so the same install."""
    words = [sys.executable, "-m", "sim.cli.main", "play"]
    if scenario is not None:
        words.append(scenario)
    return shlex.join(words)


def join_command_line(url: str) -> str:
    """The command each browser tab runs with --join: a seat that asks for its code."""
    return shlex.join([sys.executable, "-m", "sim.cli.main", "join", url])


def public_url_of(given: str | None) -> str | None:
    """The --public-url as textual-serve wants it (no trailing slash), or one sentence."""
    if given is None:
        return None
    if not given.startswith(("http://", "https://")) or given.endswith("://"):
        raise UserError(
            f"--public-url {given}: not an address browsers can open; give the proxy's "
            "https://HOST[:PORT][/PATH]."
        )
    return given.rstrip("/")


def serve_command(args: argparse.Namespace) -> int:
    from textual_serve.server import Server

    if args.join is not None and not args.join.startswith(("http://", "https://")):
        raise UserError(
            f"--join {args.join}: not an address to join; give the http://HOST:PORT "
            "`stormdrill host` printed."
        )
    command = (
        play_command_line(args.scenario) if args.join is None else join_command_line(args.join)
    )
    server = Server(
        command,
        host=args.host,
        port=args.port,
        title="stormdrill",
        public_url=public_url_of(args.public_url),
    )
    try:
        server.serve()
    except (OSError, UnicodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise UserError(
            f"--host {args.host} --port {args.port}: cannot listen there ({reason}); give an "
            "address of this machine and a port no other program uses."
        ) from None
    return 0
