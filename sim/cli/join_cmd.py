"""`stormdrill join URL --code CODE`: one seat of a hosted exercise, in the terminal.

The code is checked before the screen opens, so a wrong code or an unreachable host is one
sentence on stderr; Textual is imported only once it is (as `play` does)."""

from __future__ import annotations

import argparse

from sim.cli.options import add_lang_option
from sim.errors import UserError
from sim.i18n import interface_locale, translator


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "join",
        help="join a hosted exercise at your seat",
        description="Join the exercise `stormdrill host` is running at URL, at the seat CODE "
        "opens (the host printed one code per role).",
    )
    parser.add_argument("url", metavar="URL", help="the address the host printed, http://...")
    parser.add_argument("--code", help="your seat's join code (without it, the screen asks for it)")
    parser.add_argument(
        "--name",
        help="your name, as the after-action report's participants should show it (recorded in "
        "the exercise's log; the facilitator and the evaluators see who is in the room)",
    )
    add_lang_option(parser, "the seat's language", "the language the host gives")
    parser.set_defaults(func=join_command)


def join_command(args: argparse.Namespace) -> int:
    import asyncio

    from sim.host.client import SeatClient
    from sim.session.record import given_name

    # Until the host answers, only --lang (or $STORMDRILL_LANG) says the seat's language; a
    # refused code comes in the host's.
    words = translator(interface_locale("en_US", args.lang))
    try:
        name = "" if args.name is None else given_name(args.name, words)
    except UserError as error:
        raise UserError(f"--name {args.name!r}: {error}") from None
    if not args.url.startswith(("http://", "https://")):
        raise UserError(
            words(
                "{url}: not an address to join; give the http://HOST:PORT the host printed."
            ).format(url=args.url)
        )
    if args.code is not None:
        asyncio.run(_check(SeatClient(args.url, args.code, words=words)))

    from tui.remote import SeatApp

    client = SeatClient(args.url, args.code or "", name=name, words=words)
    app = SeatApp(client, ask_code=args.code is None, lang=args.lang)
    app.run()
    return app.return_code or 0


async def _check(client: object) -> None:
    """Join once and leave, so a mistake is said before the screen takes over."""
    from sim.host.client import SeatClient

    assert isinstance(client, SeatClient)
    await client.join()
    await client.close()
