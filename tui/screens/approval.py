"""The drafts waiting for this seat's approval (a hosted approver: legal, the CEO): pick one,
approve it (it goes out now, or on to the next step of the approval chain) or reject it (it
never goes out)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sim.clock import clock
from sim.i18n import N_
from sim.session import Drafted
from tui.i18n import SpeaksTheExercise, words_of
from tui.plain import plain
from tui.snapshot import action_summary


@dataclass(frozen=True)
class Verdict:
    draft: int
    verdict: Literal["approve", "reject"]


class ApprovalScreen(SpeaksTheExercise, ModalScreen[Verdict | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "y",
            "verdict('approve')",
            N_("Approve"),
            tooltip=N_("It goes out, or on to the next approver of the chain"),
        ),
        Binding("x", "verdict('reject')", N_("Reject"), tooltip=N_("It never goes out")),
        Binding(
            "escape",
            "close",
            N_("Close"),
            tooltip=N_("Back to the war room; it keeps waiting"),
        ),
    ]

    def __init__(self, drafts: tuple[Drafted, ...]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        _ = words_of(self)
        with Vertical(classes="dialog", id="approvals"):
            yield Static(_("Drafts waiting for your approval"))
            yield OptionList(
                *(
                    Option(
                        plain(
                            _("#{number} at {time}: {summary}").format(
                                number=draft.draft,
                                time=clock(draft.at_h),
                                summary=action_summary(draft.action, _),
                            )
                            + f"\n{draft.action.text}"
                        ),
                        id=str(draft.draft),
                    )
                    for draft in self.drafts
                ),
                id="drafts",
            )
            yield Static(_("y approves · x rejects · Esc closes"), classes="hint")

    def action_verdict(self, verdict: Literal["approve", "reject"]) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            self.notify(words_of(self)("Highlight a draft first."), severity="warning")
            return
        chosen = options.get_option_at_index(options.highlighted).id
        assert chosen is not None
        self.dismiss(Verdict(int(chosen), verdict))

    def action_close(self) -> None:
        self.dismiss(None)
