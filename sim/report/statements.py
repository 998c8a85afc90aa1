"""The report's record of what the brand said: every statement and answer as it went out, word for
word, with its strategy, channel and spokesperson, and the rubric's breakdown of its text
(sim/rubric, contradictions checked against the earlier public statements), so the team sees
which words counted."""

from __future__ import annotations

from sim.clock import clock
from sim.report.document import Block, Bullets, Paragraph, Quote
from sim.rubric import score_message
from sim.session import RunRecord
from sim.spec.schema import ScenarioSpec


def statement_blocks(spec: ScenarioSpec, record: RunRecord) -> tuple[Block, ...]:
    start = spec.crisis.start_h
    locale = spec.meta.locale
    blocks: list[Block] = []
    earlier: list[str] = []
    for statement in record.statements:
        at_h, action = statement.at_h, statement.action
        where = (
            f"answer to {action.answers}"
            if action.answers
            else action.channel.value.replace("_", " ")
        )
        attribution = (
            f"{clock(at_h - start)}, {action.strategy.value.replace('_', ' ')}, {where}, "
            f"{action.spokesperson.value.replace('_', ' ')}, transparency {action.transparency:g}"
            + (f", template {action.template}" if action.template else "")
            + (f", by {action.source}" if action.source != "team" else "")
        )
        blocks.append(Quote(action.text or "(no text written)", attribution))
        if action.text.strip():
            blocks.append(_rubric(action.text, locale, earlier))
            if action.is_public:
                earlier.append(action.text)
    return tuple(blocks) or (Paragraph("The brand said nothing during the exercise."),)


def _rubric(text: str, locale: str, earlier: list[str]) -> Bullets:
    score = score_message(text, locale, earlier)
    items = [f"{c.name.replace('_', ' ')} {c.score:.2f}" for c in score.components]
    items += [
        f"penalty: {p.name.replace('_', ' ')} {p.score:.2f}" for p in score.penalties if p.score
    ]
    return Bullets((f"overall {score.overall:.2f}; " + ", ".join(items),), lead="Rubric")
