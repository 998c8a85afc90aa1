"""The debrief: the outcome, led by the headline measure (docs/model.md section 10), the decisions
against the spread, and the same crisis replayed on the same seed with other answers (filled in
row by row as the App's worker computes them)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from sim.evaluation import RATING_NAMES, Judgement, ObjectiveRating
from sim.headline import headline_sentence
from sim.session import AS_PLAYED, EVERY_WHAT_IF, WHAT_IFS, WhatIf
from tui.debrief import DebriefState
from tui.keys import KeepsKeysToFields
from tui.outcome_text import COMPARISON_COLUMNS, comparison_row, outcome_rows
from tui.plain import plain, visible
from tui.widgets.charts import Series, SeriesPlot
from tui.widgets.timeline import Timeline

WINDOW_H = 72.0
"""The charts show the first three days: where timing makes its difference."""
DAMAGE_MIN_SPAN = 1.0
"""The damage chart shows at least one RI point above zero: among the aware a crisis costs tenths
of a point to a few points, and a 0.05-point wobble should look like one."""
SHARE_MIN_SPAN = 20.0
"""The timing curve shows at least 20 percentage points of damage avoided from zero (no better
than silence), so that a step of a point or two looks like one."""


RATING_STYLE = {
    "P": "$success",
    "S": "$accent",
    "M": "$warning",
    "U": "$error",
    "N": "$text-muted",
}


def ratings_content(
    ratings: tuple[ObjectiveRating, ...], judgements: tuple[Judgement, ...] = ()
) -> Content:
    """Each objective's EEG rating with the facts from the log behind it; where evaluators
    rated it (`judgements`, for who may see them), the rating used, the automatic one and
    theirs with the reasons."""
    if not ratings:
        return Content("This scenario states no exercise objectives.")
    judged = {judgement.objective_id: judgement for judgement in judgements}
    blocks = []
    for rating in ratings:
        judgement = judged.get(rating.objective_id)
        used = judgement.rating if judgement is not None else rating.rating
        lines = [
            Content.assemble(
                (f" {used} ", f"bold reverse {RATING_STYLE[used]}"),
                (f" {visible(rating.objective_id)} ", "bold"),
                plain(rating.text),
            ),
            Content.assemble(("    " + RATING_NAMES[used], RATING_STYLE[used])),
        ]
        if judgement is not None and judgement.evaluators:
            lines.append(plain(f"    Automatic rating {rating.rating} ({rating.rating_name})"))
            lines += [
                plain(f"    {rated.by}: {rated.rating}, because {rated.reason}")
                for rated in judgement.evaluators
            ]
            lines.append(plain(f"    {judgement.sentence}"))
        lines += [plain(f"    · {fact}") for fact in rating.evidence]
        blocks.append(Content("\n").join(lines))
    return Content("\n\n").join(blocks)


def timing_series(debrief: DebriefState, what_ifs: tuple[WhatIf, ...]) -> Series:
    """Damage avoided, in percent of silence's, with every response moved earlier or later on
    the same seed (0: as played), on an axis that shows zero (no better than silence). Moving a
    journalist's answer does not move when it is quoted, so the line can be flat where timing
    made no difference."""
    moved = [(0.0, debrief.outcome)] + [
        (shift_h, what_if.outcome)
        for what_if in what_ifs
        if (shift_h := what_if.variant.timing_shift_h) is not None
    ]
    curve = sorted(
        (shift_h, 100.0 * outcome.damage_avoided)
        for shift_h, outcome in moved
        if outcome.damage_avoided is not None
    )
    return Series(
        "Damage avoided (% of silence's) with every response moved by (h)",
        tuple(shift for shift, _ in curve),
        tuple(avoided for _, avoided in curve),
        (0.0,),
        min_span=SHARE_MIN_SPAN,
        origin=0.0,
    )


class DebriefScreen(KeepsKeysToFields, Screen):
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
            with TabPane("Outcome (o)", id="outcome"):
                yield Static(Content(headline_sentence(debrief.outcome)), id="headline")
                with Horizontal():
                    yield DataTable(id="outcome-table", show_header=False, cursor_type="none")
                    with Vertical(id="debrief-charts"):
                        yield SeriesPlot(id="damage-plot", classes="chart")
                        yield SeriesPlot(id="reach-plot", classes="chart")
            with TabPane("What if (w)", id="what-if"):
                yield Static(id="what-if-status")
                yield DataTable(id="what-if-table", cursor_type="row")
            with TabPane("Timing (i)", id="timing"):
                yield SeriesPlot(id="timing-plot", classes="chart")
            with TabPane("Decisions (t)", id="decisions"):
                yield Timeline(id="decisions-table")
            with TabPane("Objectives (v)", id="objectives"), VerticalScroll():
                yield Static(ratings_content(debrief.ratings, debrief.judgements), id="ratings")
        yield Footer()

    def on_mount(self) -> None:
        debrief = self.debrief
        table = self.query_one("#outcome-table", DataTable)
        table.add_columns("metric", "value")
        table.add_rows(outcome_rows(debrief.outcome))
        shown = sum(hour <= WINDOW_H for hour in debrief.hours)
        hours = debrief.hours[:shown]
        marks = tuple(hour for hour in debrief.statement_hours if hour <= WINDOW_H)
        self.query_one("#damage-plot", SeriesPlot).series = Series(
            "Damage among the aware (RI)",
            hours,
            debrief.aware_damage[:shown],
            marks,
            min_span=DAMAGE_MIN_SPAN,
            origin=0.0,
        )
        self.query_one("#reach-plot", SeriesPlot).series = Series(
            "Users aware of the crisis", hours, debrief.aware[:shown], marks
        )
        self.query_one(Timeline).entries = debrief.decisions
        what_if = self.query_one("#what-if-table", DataTable)
        what_if.add_columns(*COMPARISON_COLUMNS)
        what_if.add_row(*comparison_row(AS_PLAYED.label, debrief.outcome))
        self.watch_what_ifs(self.what_ifs)

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
                "The same crisis and seed, with other answers: the share of silence's damage "
                "each avoided, and the damage among the aware (RI points).\n"
                "One seed: small gaps can be chance; stormdrill sweep compares many."
            )

    def show_after_the_end(self, debrief: DebriefState) -> None:
        """What changes after the end: the objectives' ratings and the decisions, as hosted
        evaluators rate and take notes at the hot wash."""
        self.debrief = debrief
        self.query_one("#ratings", Static).update(
            ratings_content(debrief.ratings, debrief.judgements)
        )
        self.query_one(Timeline).entries = debrief.decisions

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
