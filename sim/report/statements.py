"""The report's record of what the brand said: every statement and answer as it went out, word for
word, with its strategy, channel and spokesperson, and the rubric's breakdown of its text
(sim/rubric, contradictions checked against the earlier public statements), so the team sees
which words counted."""

from __future__ import annotations

from sim.clock import clock
from sim.i18n import ENGLISH, Translator
from sim.labels import component_label, label
from sim.report.document import Block, Bullets, Paragraph, Quote
from sim.rubric import score_message
from sim.session import RunRecord
from sim.spec.schema import ScenarioSpec


def statement_blocks(
    spec: ScenarioSpec, record: RunRecord, words: Translator = ENGLISH
) -> tuple[Block, ...]:
    _ = words
    start = spec.crisis.start_h
    locale = spec.meta.locale
    blocks: list[Block] = []
    earlier: list[str] = []
    for statement in record.statements:
        at_h, action = statement.at_h, statement.action
        where = (
            _("answer to {inject}").format(inject=action.answers)
            if action.answers
            else label(action.channel, _)
        )
        attribution = (
            _("{time}, {strategy}, {where}, {speaker}, transparency {transparency}").format(
                time=clock(at_h - start),
                strategy=label(action.strategy, _),
                where=where,
                speaker=label(action.spokesperson, _),
                transparency=_.figure(f"{action.transparency:g}"),
            )
            + (
                _(", template {template}").format(template=action.template)
                if action.template
                else ""
            )
            + (_(", by {source}").format(source=action.source) if action.source != "team" else "")
        )
        blocks.append(Quote(action.text or _("(no text written)"), attribution))
        if action.text.strip():
            blocks.append(_rubric(action.text, locale, earlier, _))
            if action.is_public:
                earlier.append(action.text)
    return tuple(blocks) or (Paragraph(_("The brand said nothing during the exercise.")),)


def _rubric(text: str, locale: str, earlier: list[str], words: Translator) -> Bullets:
    _ = words
    score = score_message(text, locale, earlier)
    items = [f"{component_label(c.name, _)} {_.figure(f'{c.score:.2f}')}" for c in score.components]
    items += [
        _("penalty: {name} {score}").format(
            name=component_label(p.name, _), score=_.figure(f"{p.score:.2f}")
        )
        for p in score.penalties
        if p.score
    ]
    overall = _("overall {score}").format(score=_.figure(f"{score.overall:.2f}"))
    return Bullets((f"{overall}; " + ", ".join(items),), lead=_("Rubric"))
