"""The team's inbox: MSEL injects, journalists, alerts and news, with deadlines that lapse."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sim.clock import clock
from sim.i18n import ENGLISH, N_, Translator
from tui.i18n import words_of
from tui.plain import plain, visible
from tui.snapshot import InboxItem, InboxStatus

STATUS_STYLE = {
    InboxStatus.INFO: "$text-muted",
    InboxStatus.OPEN: "bold $warning",
    InboxStatus.QUEUED: "$success",
    InboxStatus.LATE: "$warning",
    InboxStatus.ANSWERED: "$success",
    InboxStatus.COVERED: "$success",
    InboxStatus.NO_COMMENT: "bold $error",
    InboxStatus.LAPSED: "bold $error",
}


STATUS_LABELS = {
    InboxStatus.OPEN: N_("answer by {due}"),
    InboxStatus.QUEUED: N_("answer queued before {due}"),
    InboxStatus.LATE: N_("answer goes out after the deadline {due}"),
    InboxStatus.ANSWERED: N_("answered in time"),
    InboxStatus.COVERED: N_("covered in time by a public statement"),
    InboxStatus.NO_COMMENT: N_("'no comment' printed (due {due})"),
    InboxStatus.LAPSED: N_("LAPSED at {due}"),
}
ACT_BY = N_("act on it by {due}")
"""An open item that no journalist asked: it is acted on, not answered."""


def status_label(
    item: InboxItem, time: Callable[[float], str] = clock, words: Translator = ENGLISH
) -> str:
    """In the words the debrief's ratings use for the same item; `time` writes an hour."""
    due = "" if item.due_h is None else time(item.due_h)
    if item.status is InboxStatus.OPEN and not item.answer_to:
        return words(ACT_BY).format(due=due)
    label = STATUS_LABELS.get(item.status)
    return "" if label is None else words(label).format(due=due)


def item_prompt(
    item: InboxItem, time: Callable[[float], str] = clock, words: Translator = ENGLISH
) -> Content:
    event = item.event
    return Content.assemble(
        (f"{time(event.at_h):>8} ", "$text-muted"),
        (visible(event.title), "bold" if item.needs_answer else ""),
        "  ",
        (status_label(item, time, words), STATUS_STYLE[item.status]),
    )


EMPTY_INBOX = N_(
    "No messages yet. Injects, journalists' questions and listening alerts arrive here as the "
    "clock runs: press e to end the turn."
)


class Inbox(Vertical):
    """Newest message first; the highlighted one is shown in full below the list."""

    items: reactive[tuple[InboxItem, ...]] = reactive(())
    time: Callable[[float], str] = staticmethod(clock)
    """How an hour is written: the war room's clock, with the time of day when it has one."""

    class AnswerRequested(Message):
        """The team chose to answer an inquiry, or in private an inject, from the inbox; with
        no id, a message that only a public statement answers."""

        def __init__(self, answer_to: str | None, title: str, private: bool = False) -> None:
            super().__init__()
            self.answer_to = answer_to
            self.title = title
            self.private = private

    def compose(self) -> ComposeResult:
        yield OptionList(id="inbox-list")
        yield Static(id="inbox-detail")

    def watch_items(self, items: tuple[InboxItem, ...]) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        words = words_of(self)
        options.set_options(
            Option(item_prompt(item, self.time, words), id=str(index))
            for index, item in enumerate(reversed(items))
        )
        if items:
            options.highlighted = min(highlighted or 0, len(items) - 1)
        else:
            self.query_one("#inbox-detail", Static).update(words(EMPTY_INBOX))

    def _item_at(self, index: int | None) -> InboxItem | None:
        if index is None or not self.items:
            return None
        return tuple(reversed(self.items))[index]

    @property
    def highlighted_item(self) -> InboxItem | None:
        return self._item_at(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionHighlighted)
    def _show_detail(self, event: OptionList.OptionHighlighted) -> None:
        item = self._item_at(event.option_index)
        detail = self.query_one("#inbox-detail", Static)
        if item is None:
            detail.update("")
            return
        _ = words_of(self)
        sender = _("From {sender}").format(sender=item.event.sender)
        parts = [plain(f"{sender}\n")] if item.event.sender else []
        parts.append(plain(item.event.body))
        if item.needs_answer:
            how = (
                _("Press r to answer it (in private: it is never published).")
                if item.private
                else _("Press r to answer it.")
                if item.answer_to is not None
                else _("Press r to answer it with a public statement.")
            )
            parts.append(Content.styled(f"\n\n{how}", "bold"))
        detail.update(Content.assemble(*parts))

    @on(OptionList.OptionSelected)
    def _answer(self, event: OptionList.OptionSelected) -> None:
        self.request_answer()

    def request_answer(self) -> bool:
        """Ask to answer the highlighted message; False if it asks for no answer (any more)."""
        item = self.highlighted_item
        if item is None or not item.needs_answer:
            return False
        self.post_message(self.AnswerRequested(item.answer_to, item.event.title, item.private))
        return True
