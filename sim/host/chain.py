"""Who approves a statement in hosted play, step by step: the scenario's approval chain
(`team.approval_chain`, e.g. legal then the CEO) played by the people in those seats.

A draft waits at the first step someone holds, then at the next, and goes out when the last
held step approves. A step nobody holds is passed over, and the scenario's approval delay
stands in for it: the statement goes out that long after the last approval (with no step held
at all it is queued with the delay at once, as in one-seat play). The drafter's own step counts
as done: they wrote it. Without a chain in the scenario, today's inference holds: the first
role named legal, CEO or chief executive that someone else holds approves alone
(`sim.host.seats.approver_for`), so existing scenarios play as they did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sim.host.seats import approver_for


@dataclass(frozen=True)
class Step:
    approver: str | None
    """The role whose seat approves next; None: nobody, the statement goes out."""
    passed_over: tuple[str, ...] = ()
    """The chain's steps on the way that nobody holds (the approval delay stands in)."""


def first_step(
    roles: Sequence[str],
    chain: Sequence[str] | None,
    seated: Iterable[str],
    drafter: str,
) -> Step:
    """Where a statement that needs approval, drafted at `drafter`'s seat, waits first."""
    if chain is None:
        return Step(approver_for(roles, seated, drafter, True))
    return _from(tuple(chain), set(seated), drafter)


def next_step(
    chain: Sequence[str] | None,
    seated: Iterable[str],
    drafter: str,
    approved_by: str,
) -> Step:
    """Where a draft waits after `approved_by` approved it: the next step someone holds."""
    if chain is None or approved_by not in chain:
        return Step(None)
    steps = tuple(chain)
    return _from(steps[steps.index(approved_by) + 1 :], set(seated), drafter)


def _from(steps: tuple[str, ...], held: set[str], drafter: str) -> Step:
    passed: list[str] = []
    for role in steps:
        if role == drafter:
            continue
        if role in held:
            return Step(role, tuple(passed))
        passed.append(role)
    return Step(None, tuple(passed))
