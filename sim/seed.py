"""What a seed is: a whole number from 0 to 2^63 - 1, whoever gives it (the command line, the
briefing, a session file). numpy's SeedSequence refuses negative numbers, and a seed that fits
in 63 bits stays an exact integer in every table a sweep or a report writes."""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import Field

from sim.i18n import ENGLISH, Translator

SEED_MAX: Final = 2**63 - 1

Seed = Annotated[int, Field(ge=0, le=SEED_MAX, description="The run's seed, 0 to 2^63 - 1.")]


def seed_problem(text: str, words: Translator = ENGLISH) -> str | None:
    """Why `text` is not a seed, as the end of a sentence (in the language of `words`); None
    when it is one."""
    try:
        value = int(text)
    except ValueError:
        return words("{text} is not a whole number; give a seed from 0 to {top}").format(
            text=repr(text), top=SEED_MAX
        )
    if not 0 <= value <= SEED_MAX:
        return words("{value} is not a seed; give a whole number from 0 to {top}").format(
            value=value, top=SEED_MAX
        )
    return None
