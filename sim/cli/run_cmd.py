"""`stormdrill run`: one headless run of a scenario with a protocol, for scripts and quick looks.

It goes through the same Session as an exercise, so a run here is exactly what the protocol would
do in the TUI. With --json, stdout carries one JSON object and nothing else, so scripts can pipe
it; everything meant for people goes to the readable summary or to stderr.
"""

from __future__ import annotations

import argparse
import json
import math
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.cli.options import (
    add_lang_option,
    add_seed_option,
    add_set_option,
    output_folder,
    scenario_and_words,
)
from sim.clock import hours_text
from sim.errors import UserError
from sim.i18n import ENGLISH, N_, Translator

if TYPE_CHECKING:
    from sim.outcome import Outcome

SUMMARY_WIDTH = 88


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run a scenario headless with a protocol",
        description="Run a scenario to its horizon with a response protocol (none: silence) and "
        "print the outcome.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="a bundled name or a .toml path")
    add_seed_option(parser, 1, "random seed, 0 to 2^63 - 1 (default 1)")
    parser.add_argument(
        "--protocol", metavar="FILE|NAME", help="a bundled protocol name or a .toml path"
    )
    add_set_option(parser)
    add_lang_option(parser, "the summary's language")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object of the outcome on stdout"
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="write series.csv and outcome.json into DIR"
    )
    parser.add_argument(
        "--graph-out",
        type=Path,
        metavar="FILE",
        help="export the follower graph with each user's final state, for Gephi "
        "(GEXF or GraphML, by the file's extension)",
    )
    parser.set_defaults(func=run_command)


def run_command(args: argparse.Namespace) -> int:
    from sim.lab.progress import ProgressBar
    from sim.protocol import load_protocol
    from sim.series_file import write_series_csv
    from sim.session import GRAPH_EXPORT_SUFFIXES as EXPORT_SUFFIXES
    from sim.session import Session

    spec, words = scenario_and_words(args, args.overrides)
    if args.graph_out is not None and args.graph_out.suffix.lower() not in EXPORT_SUFFIXES:
        raise UserError(
            words(
                "--graph-out {file}: the extension '{extension}' is not one of {extensions}; "
                "name the file .gexf (Gephi) or .graphml."
            ).format(
                file=args.graph_out,
                extension=args.graph_out.suffix,
                extensions=", ".join(EXPORT_SUFFIXES),
            )
        )
    protocol = load_protocol(args.protocol or "silent", words)
    session = Session(
        spec, args.seed, scenario_ref=args.scenario, overrides=args.overrides, protocol=protocol
    )
    label = words("run {scenario} (scenario hours)").format(scenario=args.scenario)
    with ProgressBar(label, words=words) as progress:
        outcome = session.finish(progress=progress.update)
    result = {
        **outcome.model_dump(mode="json"),
        "scenario": args.scenario,
        "protocol": protocol.name,
    }
    if args.out is not None:
        out = output_folder(args.out, words=words)
        series = {name: list(values) for name, values in session.run_record().series.items()}
        try:
            write_series_csv(series, out / "series.csv", scenario=args.scenario, seed=args.seed)
            (out / "outcome.json").write_text(strict_json(result, indent=2) + "\n")
        except OSError as error:
            raise UserError(
                words(
                    "--out {folder}: cannot write the results ({reason}); give a writable folder."
                ).format(folder=out, reason=error.strerror)
            ) from None
    if args.graph_out is not None:
        session.export_graph(args.graph_out)
    if args.json:
        print(strict_json(result))
    else:
        print(_summary(spec.meta.title, protocol.name, outcome, words))
    return 0


def strict_json(data: dict[str, Any], indent: int | None = None) -> str:
    """JSON that every parser reads: a number that is not finite (none should be) is null,
    as an undefined metric is, never the NaN or Infinity that strict parsers refuse."""
    clean = {
        key: None if isinstance(value, float) and not math.isfinite(value) else value
        for key, value in data.items()
    }
    return json.dumps(clean, indent=indent, allow_nan=False)


def _summary(title: str, protocol: str, outcome: Outcome, words: Translator = ENGLISH) -> str:
    """The headline first (docs/model.md section 10), then the rest of the outcome, in the
    language of `words` (the scenario's, or --lang)."""
    from sim.headline import aware_damage_text, headline_sentence, points

    _ = words

    def row(name: str, value: str) -> tuple[str, str]:
        return _(name), value

    def hours(value: float | None, missing: str) -> str:
        return missing if value is None else _.figure(hours_text(value, places=2))

    recovered = hours(outcome.recovery_time_h, _("not recovered"))
    first = hours(outcome.time_to_first_response_h, _("none"))
    subject = _("the {protocol} protocol's answers").format(protocol=protocol)
    head = [
        _("{title}, protocol {protocol}, seed {seed}").format(
            title=title, protocol=protocol, seed=outcome.seed
        ),
        textwrap.fill(
            headline_sentence(outcome, subject, _),
            width=SUMMARY_WIDTH,
            initial_indent="  ",
            subsequent_indent="  ",
        ),
    ]
    rows = [
        row(
            N_("aware damage"),
            _("{damage}, at its peak {peak}").format(
                damage=aware_damage_text(outcome, _(" RI points"), _),
                peak=_.figure(points(outcome.aware_damage_peak)),
            ),
        ),
        row(
            N_("stakeholder damage"),
            _("{damage} RI points").format(damage=_.figure(points(outcome.stakeholder_damage))),
        ),
        row(
            N_("reputation index"),
            _("{start} -> {final} (lowest {lowest}, recovery {recovered})").format(
                start=_.figure(f"{outcome.reputation_index_start:.1f}"),
                final=_.figure(f"{outcome.reputation_index_final:.1f}"),
                lowest=_.figure(f"{outcome.reputation_index_min:.1f}"),
                recovered=recovered,
            ),
        ),
        row(
            N_("negative reach"),
            _("{aware} aware, {spreaders} spread it").format(
                aware=outcome.negative_reach, spreaders=outcome.spreaders_total
            ),
        ),
        row(N_("detection"), hours(outcome.time_to_detection_h, _("never"))),
        row(
            N_("first response"),
            _("{time}, before the media").format(time=first)
            if outcome.spoke_before_media
            else first,
        ),
        row(
            N_("response coverage"),
            _("{share} of aware users saw it").format(
                share=_.figure(f"{outcome.response_coverage:.0%}")
            ),
        ),
        row(N_("media pickups"), str(outcome.media_pickups)),
    ]
    width = max(len(name) for name, _value in rows) + 2
    return "\n".join([*head, *(f"  {name:<{width}}{value}" for name, value in rows)])
