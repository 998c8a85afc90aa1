"""The response composer: how, where and who, and the message itself.

It only collects the team's choices; the App turns a `Draft` into an Action through the Session,
which applies approval delays, templates and the rubric. The voice is read from the text unless
the team picks one: what it picks is sent, and the Session keeps it (sim.session.wording).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from sim.i18n import ENGLISH, Translator
from sim.labels import label
from sim.spec.schema import Channel, Spokesperson, Strategy, Template, Voice
from tui.i18n import words_of
from tui.plain import plain, visible
from tui.widgets.rubric_panel import RubricPanel

OWN_WORDS = "own"
AS_WRITTEN = "as_written"


def choices(kind: type[StrEnum], words: Translator = ENGLISH) -> list[tuple[str, str]]:
    return [(label(member, words), member.value) for member in kind]


@dataclass(frozen=True)
class Draft:
    """The composer's content when the team presses Send."""

    strategy: str
    channel: str
    spokesperson: str
    voice: str | None  # None: the rubric reads it from the text
    text: str
    replies: int = 0
    template: str | None = None
    answers: str | None = None
    private: bool = False
    """An answer to an inject in private (`Session.answer_inject`), not an action."""

    def action_fields(self) -> dict[str, Any]:
        """Keyword arguments for `Session.make_action`."""
        fields: dict[str, Any] = {
            "strategy": self.strategy,
            "channel": self.channel,
            "spokesperson": self.spokesperson,
            "text": self.text,
            "replies": self.replies,
        }
        if self.voice is not None:
            fields["voice"] = self.voice
        if self.template is not None:
            fields["template"] = self.template
            del fields["strategy"]
        if self.answers is not None:
            fields["answers"] = self.answers
        return fields


@dataclass(frozen=True)
class Answering:
    """What the message answers: a journalist's inquiry (a statement that answers it), or an
    internal, executive or regulator inject (`private`: a reply that is never published)."""

    target_id: str
    title: str
    private: bool = False


class Composer(Vertical):
    """Form on top, the message below, with the rubric's reading of it alongside."""

    templates: reactive[tuple[Template, ...]] = reactive((), init=False)
    answering: reactive[Answering | None] = reactive(None)

    class Submitted(Message):
        def __init__(self, draft: Draft) -> None:
            super().__init__()
            self.draft = draft

    class TextChanged(Message):
        """The message text changed: the rubric panel re-scores it."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def compose(self) -> ComposeResult:
        _ = words_of(self)
        with Grid(id="composer-form"):
            yield Label(_("Strategy"))
            yield Select(
                choices(Strategy, _),
                value=Strategy.HOLDING_STATEMENT.value,
                allow_blank=False,
                compact=True,
                id="strategy",
                tooltip=_("Where the answer sits between denial and full accommodation"),
            )
            yield Label(_("Channel"))
            yield Select(
                choices(Channel, _),
                value=Channel.OWN_ACCOUNT.value,
                allow_blank=False,
                compact=True,
                id="channel",
                tooltip=_("Where it is published (direct replies go to the loudest spreaders)"),
            )
            yield Label(_("Speaker"))
            yield Select(
                choices(Spokesperson, _),
                value=Spokesperson.BRAND_ACCOUNT.value,
                allow_blank=False,
                compact=True,
                id="spokesperson",
                tooltip=_("Who speaks for the brand"),
            )
            yield Label(_("Voice"))
            yield Select(
                [(_("as written"), AS_WRITTEN), *choices(Voice, _)],
                value=AS_WRITTEN,
                allow_blank=False,
                compact=True,
                id="voice",
                tooltip=_(
                    "Corporate or human voice; as written: the rubric reads it from the text"
                ),
            )
            yield Label(_("Template"))
            yield Select(
                [(_("write my own"), OWN_WORDS)],
                value=OWN_WORDS,
                allow_blank=False,
                compact=True,
                id="template",
                tooltip=_("A pre-approved statement goes out at once, with no approval delay"),
            )
            yield Label(_("Replies"))
            yield Input(
                "0",
                type="integer",
                compact=True,
                id="replies",
                tooltip=_("For direct replies: how many of the loudest spreaders to answer"),
            )
        yield Static(id="answering")
        with Horizontal(id="composer-body"):
            yield TextArea(id="message", soft_wrap=True, show_line_numbers=False)
            yield RubricPanel(id="rubric")
        with Horizontal(id="composer-actions"):
            yield Button(
                _("Send for approval"),
                variant="primary",
                compact=True,
                id="send",
                tooltip=_("Send the statement (ctrl+s); it goes out after its approval delay"),
            )
            yield Static(
                _("ctrl+s sends · ctrl+l makes it public · esc leaves the text"),
                id="composer-hint",
            )

    def watch_templates(self, templates: tuple[Template, ...]) -> None:
        _ = words_of(self)
        options: list[tuple[str | Content, str]] = [(_("write my own"), OWN_WORDS)]
        options += [(plain(f"{t.id} ({label(t.strategy, _)})"), t.id) for t in templates]
        self.query_one("#template", Select).set_options(options)
        self.query_one("#template", Select).value = OWN_WORDS

    def watch_answering(self, answering: Answering | None) -> None:
        _ = words_of(self)
        line = self.query_one("#answering", Static)
        if answering is None:
            line.update(_("Public statement"))
        elif answering.private:
            target = visible(answering.target_id)
            line.update(
                Content.assemble(
                    (_("Answering {target} in private:").format(target=target), "bold $warning"),
                    " ",
                    plain(answering.title),
                    (
                        _(
                            " (never published: strategy, channel, speaker and template do not "
                            "apply)"
                        ),
                        "$text-muted",
                    ),
                )
            )
        else:
            target = visible(answering.target_id)
            line.update(
                Content.assemble(
                    (_("Answering {target}:").format(target=target), "bold $warning"),
                    " ",
                    plain(answering.title),
                )
            )

    @on(Select.Changed, "#template")
    def _use_template(self, event: Select.Changed) -> None:
        for template in self.templates:
            if template.id == event.value:
                self.query_one("#strategy", Select).value = template.strategy.value
                self.query_one("#message", TextArea).text = template.text

    @on(Select.Changed, "#strategy")
    def _strategy_changed(self, event: Select.Changed) -> None:
        self.query_one(RubricPanel).chosen = Strategy(str(event.value))

    @on(Select.Changed, "#voice")
    def _voice_changed(self, event: Select.Changed) -> None:
        picked = None if event.value == AS_WRITTEN else Voice(str(event.value))
        self.query_one(RubricPanel).voice = picked

    @on(TextArea.Changed, "#message")
    def _text_changed(self, event: TextArea.Changed) -> None:
        self.post_message(self.TextChanged(event.text_area.text))

    @on(Button.Pressed, "#send")
    def _send_pressed(self) -> None:
        self.submit()

    def draft(self) -> Draft:
        template = self.query_one("#template", Select).value
        voice = self.query_one("#voice", Select).value
        replies = self.query_one("#replies", Input).value
        return Draft(
            strategy=str(self.query_one("#strategy", Select).value),
            channel=str(self.query_one("#channel", Select).value),
            spokesperson=str(self.query_one("#spokesperson", Select).value),
            voice=None if voice == AS_WRITTEN else str(voice),
            text=self.query_one("#message", TextArea).text.strip(),
            replies=int(replies) if replies.lstrip("-").isdigit() else 0,
            template=None if template == OWN_WORDS else str(template),
            answers=None if self.answering is None else self.answering.target_id,
            private=self.answering is not None and self.answering.private,
        )

    def submit(self) -> None:
        self.post_message(self.Submitted(self.draft()))

    def clear(self) -> None:
        """After a statement was queued: empty message, no template, no inquiry."""
        self.query_one("#message", TextArea).text = ""
        self.query_one("#template", Select).value = OWN_WORDS
        self.query_one("#replies", Input).value = "0"
        self.answering = None
