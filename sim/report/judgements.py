"""The analysis of objectives as the AAR shows it: per objective the automatic rating, each
evaluator's own with their reason, and the rating used (sim.evaluation.judgement), one table
row and a few blocks per objective."""

from __future__ import annotations

from collections.abc import Mapping

from sim.clock import clock
from sim.evaluation import RATING_NAMES, Judgement
from sim.i18n import ENGLISH, N_, Translator
from sim.report.document import Block, Bullets, Paragraph, Table

SUMMARY_HEADER = (
    N_("Objective"),
    N_("Rating"),
    N_("Meaning"),
    N_("Automatic rating"),
    N_("Evaluators' ratings"),
    N_("Core capability"),
)
"""The summary table's columns, in English (translated where the table is built)."""


def summary_table(
    judgements: tuple[Judgement, ...], capability: Mapping[str, str], words: Translator = ENGLISH
) -> Table:
    """One row per objective: the rating used and its meaning, where it came from, and the
    objective's core capability (HSEEP)."""
    rows = tuple(
        (
            item.objective_id,
            item.rating,
            words(RATING_NAMES[item.rating]),
            item.automatic,
            ", ".join(f"{rated.by} {rated.rating}" for rated in item.evaluators) or words("none"),
            capability[item.objective_id],
        )
        for item in judgements
    )
    return Table(tuple(words(column) for column in SUMMARY_HEADER), rows, rating_column=1)


def evaluator_blocks(
    item: Judgement, start_h: float, words: Translator = ENGLISH
) -> tuple[Block, ...]:
    """Each evaluator's rating with the reason, and which rating the report uses; nothing when
    no evaluator rated the objective."""
    if not item.evaluators:
        return ()
    lines = tuple(
        words("{evaluator} at {time}: {rating} ({meaning}), because {reason}").format(
            evaluator=rated.by,
            time=clock(rated.at_h - start_h),
            rating=rated.rating,
            meaning=words(RATING_NAMES[rated.rating]),
            reason=rated.reason,
        )
        for rated in item.evaluators
    )
    return (Bullets(lines, lead=words("Evaluators' ratings")), Paragraph(item.sentence))
