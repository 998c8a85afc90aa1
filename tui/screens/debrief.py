"""The debrief: the outcome, the decisions against the spread, and the same crisis replayed on
the same seed with other answers (filled in row by row as the App's worker computes them)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from sim.evaluation import ObjectiveRating
from sim.session import AS_PLAYED, EVERY_WHAT_IF, WHAT_IFS, WhatIf
from tui.debrief import DebriefState
from tui.outcome_text import COMPARISON_COLUMNS, comparison_row, outcome_rows
from tui.plain import plain, visible
from tui.widgets.charts import Series, SeriesPlot
from tui.widgets.timeline import Timeline

WINDOW_H = 72.0
"""The charts show the first three days: where timing makes its difference."""
RI_MIN_SPAN = 2.0
"""RI charts show at least 2 points of the index: a large crisis costs a few points (see
docs/calibration.md), and a 0.2-point dip should look like one."""


RATING_STYLE = {"P": "$success", "S": "$accent", "M": "$warning", "U": "$error"}


def ratings_content(ratings: tuple[ObjectiveRating, ...]) -> Content:
    """Each objective's EEG rating with the facts from the log behind it."""
    if not ratings:
        return Content("This scenario states no exercise objectives.")
    blocks = []
    for rating in ratings:
        lines = [
            Content.assemble(
                (f" {rating.rating} ", f"bold reverse {RATING_STYLE[rating.rating]}"),
                (f" {visible(rating.objective_id)} ", "bold"),
                plain(rating.text),
            ),
            Content.assemble(("    " + rating.rating_name, RATING_STYLE[rating.rating])),
        ]
        lines += [plain(f"    · {fact}") for fact in rating.evidence]
        blocks.append(Content("\n").join(lines))
    return Content("\n\n").join(blocks)


def timing_series(debrief: DebriefState, what_ifs: tuple[WhatIf, ...]) -> Series:
    """The lowest RI with every response moved earlier or later on the same seed (0: as
    played). Moving a journalist's answer does not move when it is quoted, so the line can be
    flat where timing made no difference."""
    points = sorted(
        [(0.0, debrief.outcome.reputation_index_min)]
        + [
            (shift_h, what_if.outcome.reputation_index_min)
            for what_if in what_ifs
            if (shift_h := what_if.variant.timing_shift_h) is not None
        ]
    )
    return Series(
        "Lowest RI with every response moved by (h)",
        tuple(shift for shift, _ in points),
        tuple(lowest for _, lowest in points),
        (0.0,),
        min_span=RI_MIN_SPAN,
    )


class DebriefScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "show_tab('outcome')", "Outcome", tooltip="The outcome as played"),
        Binding("w", "show_tab('what-if')", "What if", tooltip="Other answers, same seed"),
        Binding("i", "show_tab('timing')", "Timing", tooltip="Outcome against response time"),
        Binding("t", "show_tab('decisions')", "Decisions", tooltip="The team's decisions"),
        Binding("v", "show_tab('objectives')", "Objectives", tooltip="EEG rating per objective"),
        Binding(
            "x", "app.export", "Export", tooltip="Save the session log and the after-action report"
        ),
    ]

    what_ifs: reactive[tuple[WhatIf, ...]] = reactive((), init=False)

    def __init__(self, debrief: DebriefState) -> None:
        super().__init__()
        self.debrief = debrief

    def compose(self) -> ComposeResult:
        debrief = self.debrief
        yield Static(
            Content.assemble(
                ("Debrief", "bold"),
                plain(f" · {debrief.title} · team {debrief.team or '(unnamed)'} · "),
                f"seed {debrief.seed}",
            ),
            classes="screen-title",
        )
        with TabbedContent(id="debrief-tabs"):
            with TabPane("Outcome (o)", id="outcome"), Horizontal():
                yield DataTable(id="outcome-table", show_header=False, cursor_type="none")
                with Vertical(id="debrief-charts"):
                    yield SeriesPlot(id="ri-plot", classes="chart")
                    yield SeriesPlot(id="reach-plot", classes="chart")
            with TabPane("What if (w)", id="what-if"):
                yield Static(id="what-if-status")
                yield DataTable(id="what-if-table", cursor_type="row")
            with TabPane("Timing (i)", id="timing"):
                yield SeriesPlot(id="timing-plot", classes="chart")
            with TabPane("Decisions (t)", id="decisions"):
                yield Timeline(id="decisions-table")
            with TabPane("Objectives (v)", id="objectives"), VerticalScroll():
                yield Static(ratings_content(debrief.ratings), id="ratings")
        yield Footer()

    def on_mount(self) -> None:
        debrief = self.debrief
        table = self.query_one("#outcome-table", DataTable)
        table.add_columns("metric", "value")
        table.add_rows(outcome_rows(debrief.outcome))
        shown = sum(hour <= WINDOW_H for hour in debrief.hours)
        hours = debrief.hours[:shown]
        marks = tuple(hour for hour in debrief.statement_hours if hour <= WINDOW_H)
        self.query_one("#ri-plot", SeriesPlot).series = Series(
            "Reputation index (red: statements out)",
            hours,
            debrief.reputation_index[:shown],
            marks,
            min_span=RI_MIN_SPAN,
        )
        self.query_one("#reach-plot", SeriesPlot).series = Series(
            "Users aware of the crisis", hours, debrief.aware[:shown], marks
        )
        self.query_one(Timeline).entries = debrief.decisions
        what_if = self.query_one("#what-if-table", DataTable)
        what_if.add_columns(*COMPARISON_COLUMNS)
        what_if.add_row(*comparison_row(AS_PLAYED.label, debrief.outcome))
        self.watch_what_ifs(())

    def watch_what_ifs(self, what_ifs: tuple[WhatIf, ...]) -> None:
        table = self.query_one("#what-if-table", DataTable)
        compared = [what_if for what_if in what_ifs if what_if.variant in WHAT_IFS]
        for what_if in compared[table.row_count - 1 :]:
            table.add_row(*comparison_row(what_if.variant.label, what_if.outcome))
        self.query_one("#timing-plot", SeriesPlot).series = timing_series(self.debrief, what_ifs)
        done = len(what_ifs)
        status = self.query_one("#what-if-status", Static)
        if done < len(EVERY_WHAT_IF):
            status.update(
                f"Replaying the same seed with other answers: {done} of {len(EVERY_WHAT_IF)}..."
            )
        else:
            status.update(
                "The same crisis and seed, with other answers (lower RI is worse).\n"
                "One seed: gaps of a few tenths can be chance; stormdrill sweep compares many."
            )

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
