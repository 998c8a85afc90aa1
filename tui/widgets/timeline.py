"""The team's decisions and the facilitator's interventions, with when each goes out."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import DataTable

from sim.clock import clock
from tui.i18n import words_of
from tui.plain import plain_cell
from tui.snapshot import TimelineEntry


class Timeline(DataTable):
    entries: reactive[tuple[TimelineEntry, ...]] = reactive(())

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        _ = words_of(self)
        self.add_columns(_("when"), _("turn"), _("what"), _("status"))

    def watch_entries(self, entries: tuple[TimelineEntry, ...]) -> None:
        self.clear()
        for entry in entries:
            self.add_row(
                clock(entry.at_h), str(entry.turn), plain_cell(entry.text), plain_cell(entry.status)
            )
        if entries:
            self.move_cursor(row=len(entries) - 1)
