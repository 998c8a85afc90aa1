"""The analysis of objectives as the AAR shows it: per objective the automatic rating, each
evaluator's own with their reason, and the rating used (sim.evaluation.judgement), one table
row and a few blocks per objective."""

from __future__ import annotations

from collections.abc import Mapping

from sim.clock import clock
from sim.evaluation import RATING_NAMES, Judgement
from sim.report.document import Block, Bullets, Paragraph, Table

SUMMARY_HEADER = (
    "Objective",
    "Rating",
    "Meaning",
    "Automatic rating",
    "Evaluators' ratings",
    "Core capability",
)


def summary_table(judgements: tuple[Judgement, ...], capability: Mapping[str, str]) -> Table:
    """One row per objective: the rating used and its meaning, where it came from, and the
    objective's core capability (HSEEP)."""
    rows = tuple(
        (
            item.objective_id,
            item.rating,
            RATING_NAMES[item.rating],
            item.automatic,
            ", ".join(f"{rated.by} {rated.rating}" for rated in item.evaluators) or "none",
            capability[item.objective_id],
        )
        for item in judgements
    )
    return Table(SUMMARY_HEADER, rows, rating_column=1)


def evaluator_blocks(item: Judgement, start_h: float) -> tuple[Block, ...]:
    """Each evaluator's rating with the reason, and which rating the report uses; nothing when
    no evaluator rated the objective."""
    if not item.evaluators:
        return ()
    lines = tuple(
        f"{rated.by} at {clock(rated.at_h - start_h)}: {rated.rating} "
        f"({RATING_NAMES[rated.rating]}), because {rated.reason}"
        for rated in item.evaluators
    )
    return (Bullets(lines, lead="Evaluators' ratings"), Paragraph(item.sentence))
