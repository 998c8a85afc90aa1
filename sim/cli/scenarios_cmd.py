"""`stormdrill scenarios`: list, show, validate and describe scenario files, and round-trip
their MSEL through CSV (sim/msel/cli.py).

Facilitators edit scenarios by hand; these commands are how they find the bundled ones, read one
at a glance before an exercise, check their edits, and get the JSON Schema for their editor and
the format's documentation (sim/spec/docs.py).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from sim.cli.options import add_set_option
from sim.clock import clock
from sim.errors import ScenarioError, UserError
from sim.msel import cli as msel_cli

if TYPE_CHECKING:
    from sim.spec.schema import Inject, Objective, ScenarioSpec

WIDTH = 100
INDENT = "  "


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scenarios",
        help="list, show and validate scenarios",
        description="List, show and validate scenario files; `scenarios` alone lists them.",
    )
    parser.set_defaults(func=list_command)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")

    listing = actions.add_parser("list", help="the bundled scenarios as a table")
    listing.set_defaults(func=list_command)

    show = actions.add_parser("show", help="a readable summary of one scenario")
    show.add_argument("scenario", metavar="SCENARIO", help="a bundled name or a .toml path")
    add_set_option(show)
    show.set_defaults(func=show_command)

    validate = actions.add_parser("validate", help="check scenario files (all bundled if none)")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="scenario files to check")
    add_set_option(validate)
    validate.set_defaults(func=validate_command)

    schema = actions.add_parser("schema", help="the JSON Schema of scenario files")
    schema.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
    schema.set_defaults(func=schema_command)

    docs = actions.add_parser(
        "docs", help="the scenario format as Markdown (scenarios/README.md), from the schema"
    )
    docs.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
    docs.set_defaults(func=docs_command)

    msel_cli.add_parser(actions)


# --------------------------------------------------------------------------- list


def list_command(args: argparse.Namespace) -> int:
    from sim.spec.loader import list_bundled_scenarios

    rows: list[tuple[str, ...]] = [("NAME", "USERS", "CRISIS", "CLUSTER", "TITLE")]
    for name, spec in list_bundled_scenarios():
        crisis = spec.crisis
        rows.append(
            (name, str(spec.graph.users), crisis.type.value, crisis.cluster.value, spec.meta.title)
        )
    print(_aligned(rows))
    return 0


def _aligned(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# --------------------------------------------------------------------------- show


def show_command(args: argparse.Namespace) -> int:
    from sim.spec.loader import load_scenario, resolve_scenario_path

    spec = load_scenario(args.scenario, args.overrides)
    print(render_summary(spec, resolve_scenario_path(args.scenario)))
    return 0


def render_summary(spec: ScenarioSpec, path: Path) -> str:
    """The briefing a facilitator reads before an exercise: who, what, objectives, the MSEL."""
    meta, crisis, team, turns = spec.meta, spec.crisis, spec.team, spec.turns
    graph = "generated graph" if spec.graph.source == "generate" else spec.graph.source
    templates = ", ".join(f"{t.id} ({t.strategy.value})" for t in team.templates) or "none"
    facts = [
        ("Brand", f"{meta.brand} ({meta.locale})"),
        ("Roles", ", ".join(meta.roles)),
        (
            "Crisis",
            f"{crisis.type.value}, {crisis.cluster.value} cluster, severity {crisis.severity}, "
            f"true responsibility {crisis.true_responsibility}, "
            f"{'a history of similar crises' if crisis.history else 'no history'}, "
            f"prior reputation {crisis.prior_reputation}; {crisis.seeds} first posters from "
            f"{crisis.seed_from} at {clock(crisis.start_h)}",
        ),
        ("World", f"{spec.graph.users} users ({graph}), monitoring {spec.monitoring.level.value}"),
        (
            "Team",
            f"{team.staffing} people, {team.reply_capacity_h} direct replies per hour; "
            f"pre-approved: {templates}",
        ),
        (
            "Clock",
            f"{turns.turns} turns of {clock(turns.turn_ticks * turns.tick_h, sign='')} "
            f"({turns.tick_minutes:g}-minute ticks); headless runs last "
            f"{turns.horizon_days:g} days",
        ),
    ]
    parts = [meta.title, str(path), "", _wrapped(meta.summary, "")]
    if meta.situation.strip():
        parts += ["", "Situation", _wrapped(meta.situation, INDENT)]
    parts.append("")
    parts += [_labelled(label, text) for label, text in facts]
    parts += ["", f"Objectives ({len(meta.objectives)})"]
    parts += [_objective_line(objective) for objective in meta.objectives]
    parts += ["", f"MSEL ({len(spec.injects)} injects, in time order)"]
    for inject in sorted(spec.injects, key=_release_order):
        parts += _inject_lines(inject)
    return "\n".join(parts)


def _wrapped(text: str, indent: str, hanging: str = "") -> str:
    """Re-flow a TOML multi-line string as one paragraph; `hanging` indents its later lines."""
    return textwrap.fill(
        " ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent + hanging
    )


def _labelled(label: str, text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=f"{label:<8}", subsequent_indent=" " * 8)


def _objective_line(objective: Objective) -> str:
    target = objective.first_statement_within_h
    rule = f" [first statement within {clock(target, sign='')}]" if target is not None else ""
    return _wrapped(f"{objective.id} {objective.text}{rule}", INDENT, hanging=INDENT * 2)


def _release_order(inject: Inject) -> tuple[bool, float, float]:
    """Timed injects by time first, then those that wait for a volume, by threshold."""
    return (inject.time_h is None, inject.time_h or 0.0, inject.when_volume_above or 0.0)


def _trigger(inject: Inject) -> str:
    triggers = []
    if inject.time_h is not None:
        triggers.append(clock(inject.time_h))
    if inject.when_volume_above is not None:
        triggers.append(f"volume > {inject.when_volume_above:g}/h")
    trigger = " or ".join(triggers)
    if inject.if_no_statement_by_h is not None:
        trigger += f", if silent at {clock(inject.if_no_statement_by_h)}"
    return trigger


def _inject_lines(inject: Inject) -> list[str]:
    heading = (
        f"{inject.id} {_trigger(inject)} | {inject.type.value} | "
        f"{inject.sender} -> {inject.recipient}"
    )
    details = []
    if inject.controller:
        details.append(f"controller {inject.controller}")
    if inject.objective:
        details.append(f"objective {inject.objective}")
    if inject.deadline_h is not None:
        details.append(f"answer within {clock(inject.deadline_h, sign='')}")
    if inject.effect.value != "none":
        details.append(f"effect: {inject.effect.value}")
    body = INDENT * 3
    lines = [_wrapped(heading, INDENT, hanging=INDENT * 2)]
    if inject.synopsis:
        lines.append(_wrapped(f"Synopsis: {inject.synopsis}", body))
    lines.append(_wrapped(inject.message, body))
    if inject.expected_response:
        lines.append(_wrapped(f"Expected: {inject.expected_response}", body))
    if details:
        lines.append(f"{body}({', '.join(details)})")
    return lines


# --------------------------------------------------------------------------- validate, schema


def validate_command(args: argparse.Namespace) -> int:
    """Each file as a run reads it: the scenario, then its graph file."""
    from sim.session.world_check import check_world
    from sim.spec.loader import bundled_names, load_scenario

    failures = 0
    for target in args.paths or bundled_names():
        try:
            check_world(load_scenario(target, args.overrides))
        except ScenarioError as error:
            failures += 1
            print(error, file=sys.stderr)
        else:
            print(f"ok {target}")
    return ScenarioError.exit_code if failures else 0


def schema_command(args: argparse.Namespace) -> int:
    from sim.cli.schemas_cmd import schema_text
    from sim.spec.loader import scenario_json_schema

    return _emit(schema_text(scenario_json_schema()), args.out)


def docs_command(args: argparse.Namespace) -> int:
    from sim.spec.docs import scenario_format_markdown

    return _emit(scenario_format_markdown(), args.out)


def _emit(text: str, out: Path | None) -> int:
    """Print `text`, or write it to `out` and say so."""
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UserError(
            f"cannot write {out} ({error.strerror}); choose a writable path for --out."
        ) from None
    print(f"wrote {out}")
    return 0
