"""The rubric's reading of the message as it is typed: each component's score and the phrases
that counted, the penalties, and the transparency and voice the statement will carry."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from sim.i18n import ENGLISH, Translator
from sim.labels import COMPONENT_LABELS as COMPONENT_LABELS
from sim.labels import component_label, label
from sim.rubric.result import ComponentScore, RubricScore
from sim.spec.schema import Strategy, Voice
from tui.i18n import words_of
from tui.plain import visible

BAR_WIDTH = 8
BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(score: float, width: int = BAR_WIDTH) -> str:
    """A fractional bar: 0.55 of 8 cells is four full cells and a part."""
    eighths = round(max(0.0, min(1.0, score)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (BLOCKS[part] if part else "")).ljust(width)


def phrases(score: ComponentScore) -> str:
    return ", ".join(f"“{visible(match.text)}”" for match in score.matches)


def component_line(score: ComponentScore, style: str, words: Translator = ENGLISH) -> Content:
    return Content.assemble(
        (f"{component_label(score.name, words):<16}", ""),
        (bar(score.score), style),
        " ",
        (phrases(score), "$text-muted italic"),
    )


def voice_text(read: Voice, picked: Voice | None, words: Translator = ENGLISH) -> str:
    """The voice the statement will carry: the team's pick when it made one (said so, with what
    the text reads as when that differs), else what the text reads as."""
    if picked is None:
        return words("{voice} voice").format(voice=label(read, words))
    if picked is read:
        return words("{voice} voice (chosen)").format(voice=label(picked, words))
    return words("{voice} voice (chosen; the text reads {read})").format(
        voice=label(picked, words), read=label(read, words)
    )


def rubric_content(
    score: RubricScore, chosen: Strategy, voice: Voice | None = None, words: Translator = ENGLISH
) -> Content:
    _ = words
    reading = _("transparency {transparency} · {voice}").format(
        transparency=_.figure(f"{score.transparency:.2f}"), voice=voice_text(score.voice, voice, _)
    )
    lines = [
        Content.assemble(
            (_("Rubric") + " ", "bold"), (_.figure(f"{score.overall:.0%}"), "bold $accent")
        ),
        Content(reading + (" · " + _("concrete") if score.concrete else "")),
    ]
    lines += [component_line(component, "$success", _) for component in score.components]
    applied = [penalty for penalty in score.penalties if penalty.score > 0]
    lines += [component_line(penalty, "$error", _) for penalty in applied]
    if score.suggested_strategy is not None:
        suggested = label(score.suggested_strategy, _)
        lines.append(Content.assemble(_("Reads as:") + " ", (suggested, "bold")))
        if score.suggested_strategy is not chosen:
            but = _("but the strategy is {strategy}").format(strategy=label(chosen, _))
            lines.append(Content.styled(but, "$warning"))
    return Content("\n").join(lines)


class RubricPanel(Widget):
    """Renders a RubricScore given to it; it scores nothing itself."""

    score: reactive[RubricScore | None] = reactive(None)
    chosen: reactive[Strategy] = reactive(Strategy.HOLDING_STATEMENT)
    """The strategy picked in the composer, to point out words that say something else."""
    voice: reactive[Voice | None] = reactive(None)
    """The voice picked in the composer; None: the text's reading is what goes out."""

    def render(self) -> Content:
        words = words_of(self)
        if self.score is None or not self.score.text.strip():
            return Content(words("Type the message: the rubric scores it as you write."))
        return rubric_content(self.score, self.chosen, self.voice, words)
