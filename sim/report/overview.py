"""The HSEEP parts of the AAR/IP's exercise overview that are not the scenario's own words: the
core capability each objective tests, who sponsored the exercise and who to contact, and who
took part, seat by seat, as the session log shows them.

The core capability comes from the scenario's objective where it names one, else from the rule
that rates the objective (`DEFAULT_CAPABILITIES`, documented in docs/report.md): what is said
in public and when is Public Information and Warning; answering the inquiries and injects on
time and keeping one line across channels is Operational Coordination.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sim.errors import UserError
from sim.evaluation.objectives import intended_rule
from sim.evaluation.rating import Rule
from sim.i18n import ENGLISH, N_, Translator
from sim.session.record import (
    Approved,
    Drafted,
    InjectAnswered,
    InjectReleased,
    Joined,
    LogEntry,
    Note,
    Paused,
    Queued,
    Rejected,
    TurnEnded,
)
from sim.spec.capability import CoreCapability
from sim.spec.schema import Meta, Objective

DEFAULT_CAPABILITIES: dict[Rule, CoreCapability] = {
    "first_statement": CoreCapability.PUBLIC_INFORMATION_AND_WARNING,
    "instructions": CoreCapability.PUBLIC_INFORMATION_AND_WARNING,
    "responsibility": CoreCapability.PUBLIC_INFORMATION_AND_WARNING,
    "consistency": CoreCapability.OPERATIONAL_COORDINATION,
    "deadlines": CoreCapability.OPERATIONAL_COORDINATION,
    "not_exercised": CoreCapability.OPERATIONAL_COORDINATION,
}


def core_capability(objective: Objective) -> CoreCapability:
    """The scenario's capability for the objective, else its rating rule's default."""
    if objective.core_capability is not None:
        return objective.core_capability
    return DEFAULT_CAPABILITIES[intended_rule(objective)]


def capabilities(objectives: Iterable[Objective]) -> tuple[CoreCapability, ...]:
    """The distinct capabilities the objectives test, in the order first met."""
    return tuple(dict.fromkeys(core_capability(objective) for objective in objectives))


@dataclass(frozen=True)
class Contacts:
    """Sponsor and point of contact as the report prints them: the command line's over the
    scenario's; "not stated" when neither gives one."""

    sponsor: str
    point_of_contact: str


NOT_STATED = N_("not stated (set meta.{field} in the scenario, or give --{option})")


def contacts(
    meta: Meta,
    sponsor: str | None = None,
    point_of_contact: str | None = None,
    words: Translator = ENGLISH,
) -> Contacts:
    def chosen(given: str | None, own: str, field: str, option: str) -> str:
        text = " ".join((given if given is not None else own).split())
        return text or words(NOT_STATED).format(field=field, option=option)

    return Contacts(
        sponsor=chosen(sponsor, meta.sponsor, "sponsor", "sponsor"),
        point_of_contact=chosen(point_of_contact, meta.point_of_contact, "point_of_contact", "poc"),
    )


@dataclass(frozen=True)
class Participant:
    """One seat of the exercise, what the log shows it did, and who sat in it (as the command
    line names them: the log keeps seats, not names)."""

    seat: str
    kind: str
    activity: str
    people: str = ""


FACILITATOR, EVALUATORS = "facilitator", "evaluators"


def seats_of(roles: Sequence[str]) -> tuple[str, ...]:
    """The seats a person can be named for: the player roles, the facilitator, the evaluators."""
    return (*dict.fromkeys(roles), FACILITATOR, EVALUATORS)


def people_by_seat(given: Sequence[str], roles: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """`--participant "ROLE=NAME"` values as the names at each seat, in the order given; a value
    without '=' or a role that is not a seat of the exercise is one sentence."""
    seats = seats_of(roles)
    people: dict[str, list[str]] = {}
    for value in given:
        role, equals, name = value.partition("=")
        role, name = role.strip(), " ".join(name.split())
        if not equals or not role or not name:
            raise UserError(
                f"--participant {value!r}: give a seat and a name as ROLE=NAME, e.g. "
                "--participant 'legal=Ana Ruiz'."
            )
        seat = next((s for s in seats if s.lower() == role.lower()), None)
        if seat is None:
            close = difflib.get_close_matches(role, seats, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise UserError(
                f"--participant {value!r}: {role!r} is not a seat of this exercise; use one of "
                f"{', '.join(seats)}{hint}."
            )
        people.setdefault(seat, []).append(name)
    return {seat: tuple(names) for seat, names in people.items()}


def _count_text(key: str, count: int, words: Translator) -> str:
    """One count of what the log records at a seat, "2 statements queued", in the language of
    `words` (each in full, for the catalog's plurals)."""
    _ = words
    texts = {
        "queued": lambda: _.ngettext(
            "{count} statement queued", "{count} statements queued", count
        ),
        "answered": lambda: _.ngettext(
            "{count} inject answered", "{count} injects answered", count
        ),
        "asked": lambda: _.ngettext(
            "{count} draft sent for approval", "{count} drafts sent for approval", count
        ),
        "approved": lambda: _.ngettext("{count} draft approved", "{count} drafts approved", count),
        "rejected": lambda: _.ngettext("{count} draft rejected", "{count} drafts rejected", count),
        "turns": lambda: _.ngettext("{count} turn ended", "{count} turns ended", count),
        "released": lambda: _.ngettext(
            "{count} inject released early", "{count} injects released early", count
        ),
        "paused": lambda: _.ngettext("{count} pause", "{count} pauses", count),
        "notes": lambda: _.ngettext("{count} note taken", "{count} notes taken", count),
    }
    return texts[key]().format(count=count)


def _counted(counts: Counter[str], keys: Sequence[str], words: Translator) -> str:
    """ "2 statements queued, 1 inject answered" from counts by key, singular where one."""
    return ", ".join(_count_text(key, counts[key], words) for key in keys if counts[key])


TEAM_COUNTS = ("queued", "answered")
SEAT_COUNTS = ("asked", "approved", "rejected")
CONTROL_COUNTS = ("turns", "released", "paused")
NOTE_COUNTS = ("notes",)


def participants(
    team: str,
    roles: Sequence[str],
    log: Iterable[LogEntry],
    people: Mapping[str, Sequence[str]] | None = None,
    words: Translator = ENGLISH,
) -> tuple[Participant, ...]:
    """The team, each player role (an approver seat with what it approved and rejected), the
    facilitator and the evaluators, with what the log records of each, and who sat there: the
    names people gave joining a hosted seat (`join --name`; the observers' with the
    evaluators'), unless `people` (`--participant`) names that seat's."""
    joined: dict[str, list[str]] = {}
    team_counts: Counter[str] = Counter()
    seat_counts: dict[str, Counter[str]] = {role: Counter() for role in roles}
    control: Counter[str] = Counter()
    for entry in log:
        if isinstance(entry, Queued):
            team_counts["queued"] += 1
        elif isinstance(entry, InjectAnswered):
            team_counts["answered"] += 1
        elif isinstance(entry, Drafted):
            seat_counts.setdefault(entry.approver, Counter())["asked"] += 1
        elif isinstance(entry, Approved):
            seat_counts.setdefault(entry.by, Counter())["approved"] += 1
        elif isinstance(entry, Rejected):
            seat_counts.setdefault(entry.by, Counter())["rejected"] += 1
        elif isinstance(entry, TurnEnded):
            control["turns"] += 1
        elif isinstance(entry, InjectReleased):
            control["released"] += 1
        elif isinstance(entry, Paused):
            control["paused"] += 1
        elif isinstance(entry, Note):
            control["notes"] += 1
        elif isinstance(entry, Joined):
            seat = {FACILITATOR: FACILITATOR, "evaluator": EVALUATORS, "observer": EVALUATORS}
            names = joined.setdefault(seat.get(entry.role, entry.role), [])
            names += [] if entry.name in names else [entry.name]
    named = {**joined, **(people or {})}
    _ = words
    rows = [
        Participant(
            team or _("unnamed team"),
            _("players (the team)"),
            _counted(team_counts, TEAM_COUNTS, _) or _("nothing sent"),
        )
    ]
    rows += [
        Participant(
            role,
            _("player role"),
            _counted(counts, SEAT_COUNTS, _) or _("no action of its own"),
            ", ".join(named.get(role, ())),
        )
        for role, counts in seat_counts.items()
    ]
    rows.append(
        Participant(
            FACILITATOR,
            _("controller"),
            _counted(control, CONTROL_COUNTS, _) or _("no action"),
            ", ".join(named.get(FACILITATOR, ())),
        )
    )
    rows.append(
        Participant(
            EVALUATORS,
            _("evaluators and observers"),
            _counted(control, NOTE_COUNTS, _) or _("no notes taken"),
            ", ".join(named.get(EVALUATORS, ())),
        )
    )
    return tuple(rows)
