"""`stormdrill host`: one exercise in one server process, a join code for each seat.

The Session lives only here; seats join with `stormdrill join URL --code CODE`
(sim.host.client). It listens on 127.0.0.1 unless `--host` says otherwise. The exercise is kept
in its store (sim.session.store) with the seats' codes hashed, so `--resume` continues it after
the server was stopped or killed and the same codes still open the same seats.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from sim.cli.options import add_lang_option, add_seed_option, whole_number
from sim.errors import UserError
from sim.i18n import ENGLISH, Translator, interface_locale, translator

if TYPE_CHECKING:
    from sim.host.hosting import Hosted

DEFAULT_SCENARIO = "data-breach"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "host",
        help="host one exercise for a whole team, each role at its own seat",
        description="Host one exercise: prints a join code for each seat (the scenario's "
        "player roles, the facilitator, the evaluators, the observers) and the command to join "
        "it. Binds to 127.0.0.1 unless --host says otherwise.",
    )
    parser.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help=f"a bundled name or a .toml path (default {DEFAULT_SCENARIO})",
    )
    add_seed_option(parser, 1, "random seed, 0 to 2^63 - 1 (default 1)")
    parser.add_argument("--team", default="", help="the team's name, shown in the reports")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument(
        "--port",
        type=whole_number(0, 65535),
        default=8765,
        help="port to listen on (0: any free port; default 8765)",
    )
    parser.add_argument(
        "--resume",
        metavar="ID",
        help="continue a hosted exercise: its ID (as printed) or its .sqlite file",
    )
    add_lang_option(parser, "the language the seats are shown")
    parser.set_defaults(func=host_command)


def host_command(args: argparse.Namespace) -> int:
    import asyncio

    from sim.host.hosting import open_hosted, run_host

    interface_locale("en_US", args.lang)
    scenario = args.scenario or DEFAULT_SCENARIO
    hosted = open_hosted(scenario, args.seed, args.team, args.resume, args.lang)
    locale = interface_locale(hosted.session.spec.meta.locale, args.lang)
    words = translator(locale)
    args.words = words  # the language of "the output was closed" (sim.cli.main)
    try:
        asyncio.run(
            run_host(hosted, args.host, args.port, lambda url: announce(hosted, url, words), locale)
        )
    except OSError as error:
        raise UserError(
            words(
                "--host {host} --port {port}: cannot listen there ({reason}); give an address of "
                "this machine and a port no other program uses (0 for any free one)."
            ).format(host=args.host, port=args.port, reason=error.strerror or error)
        ) from None
    finally:
        hosted.session.close()
    return 0


def announce(
    hosted: Hosted, url: str, words: Translator = ENGLISH, out: TextIO = sys.stdout
) -> None:
    """What the facilitator needs, in the language of `words`: the exercise's ID, the address,
    each seat's join command (the commands and the seats' roles as they are typed)."""
    _ = words
    session = hosted.session
    print(
        _("Hosting '{title}', seed {seed}.").format(
            title=session.spec.meta.title, seed=session.seed
        ),
        file=out,
    )
    print(
        _("Exercise ID: {id} ({file})").format(id=hosted.exercise_id, file=session.autosave),
        file=out,
    )
    print(_("Listening on {url}").format(url=url), file=out)
    if hosted.codes:
        print(
            _("Seats: give each code only to the people in that role (shown only now):"), file=out
        )
        width = max(len(seat.role) for seat, _code in hosted.codes)
        for seat, code in hosted.codes:
            print(f"  {seat.role:<{width}}  stormdrill join {url} --code {code}", file=out)
    else:
        roles = ", ".join(seat.role for seat in hosted.seats)
        print(
            _("Seats ({roles}): the codes given when it was first hosted still open them.").format(
                roles=roles
            ),
            file=out,
        )
    print(
        _("Stop with Ctrl+C; continue with: {command}").format(
            command=f"stormdrill host --resume {hosted.exercise_id}"
        ),
        file=out,
    )
    out.flush()
