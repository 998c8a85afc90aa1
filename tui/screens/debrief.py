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
from sim.i18n import ENGLISH, N_, Translator
from sim.session import AS_PLAYED, EVERY_WHAT_IF, WHAT_IFS, WhatIf
from sim.session.counterfactual import variant_label
from tui.debrief import DebriefState
from tui.i18n import SpeaksTheExercise, words_of
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
    ratings: tuple[ObjectiveRating, ...],
    judgements: tuple[Judgement, ...] = (),
    words: Translator = ENGLISH,
) -> Content:
    """Each objective's EEG rating with the facts from the log behind it; where evaluators
    rated it (`judgements`, for who may see them), the rating used, the automatic one and
    theirs with the reasons."""
    if not ratings:
        return Content(words("This scenario states no exercise objectives."))
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
            Content.assemble(("    " + words(RATING_NAMES[used]), RATING_STYLE[used])),
        ]
        if judgement is not None and judgement.evaluators:
            automatic = words("Automatic rating {rating} ({name})").format(
                rating=rating.rating, name=words(rating.rating_name)
            )
            lines.append(plain(f"    {automatic}"))
            lines += [
                plain(
                    "    "
                    + words("{evaluator}: {rating}, because {reason}").format(
                        evaluator=rated.by, rating=rated.rating, reason=rated.reason
                    )
                )
                for rated in judgement.evaluators
            ]
            lines.append(plain(f"    {judgement.sentence}"))
        lines += [plain(f"    · {fact}") for fact in rating.evidence]
        blocks.append(Content("\n").join(lines))
    return Content("\n\n").join(blocks)


def timing_series(debrief: DebriefState, what_ifs: tuple[WhatIf, ...]) -> Series:
    """(Its title is a catalog message: the plot shows it translated.)"""
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
        N_("Damage avoided (% of silence's) with every response moved by (h)"),
        tuple(shift for shift, _ in curve),
        tuple(avoided for _, avoided in curve),
        (0.0,),
        min_span=SHARE_MIN_SPAN,
        origin=0.0,
    )


class DebriefScreen(SpeaksTheExercise, KeepsKeysToFields, Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "show_tab('outcome')", N_("Outcome"), tooltip=N_("The outcome as played")),
        Binding("w", "show_tab('what-if')", N_("What if"), tooltip=N_("Other answers, same seed")),
        Binding(
            "i", "show_tab('timing')", N_("Timing"), tooltip=N_("Outcome against response time")
        ),
        Binding("t", "show_tab('decisions')", N_("Decisions"), tooltip=N_("The team's decisions")),
        Binding(
            "v", "show_tab('objectives')", N_("Objectives"), tooltip=N_("EEG rating per objective")
        ),
        Binding(
            "x",
            "app.export",
            N_("Export"),
            tooltip=N_("Save the session log and the after-action report"),
        ),
    ]

    what_ifs: reactive[tuple[WhatIf, ...]] = reactive((), init=False)

    def __init__(self, debrief: DebriefState) -> None:
        super().__init__()
        self.debrief = debrief

    def compose(self) -> ComposeResult:
        debrief = self.debrief
        _ = words_of(self)
        team = _("team {team}").format(team=debrief.team or _("(unnamed)"))
        yield Static(
            Content.assemble(
                (_("Debrief"), "bold"),
                plain(f" · {debrief.title} · {team} · "),
                _("seed {seed}").format(seed=debrief.seed),
            ),
            classes="screen-title",
        )
        headline = headline_sentence(debrief.outcome, _("your answers"), _)
        with TabbedContent(id="debrief-tabs"):
            with TabPane(_("Outcome (o)"), id="outcome"):
                yield Static(Content(headline), id="headline")
                with Horizontal():
                    yield DataTable(id="outcome-table", show_header=False, cursor_type="none")
                    with Vertical(id="debrief-charts"):
                        yield SeriesPlot(id="damage-plot", classes="chart")
                        yield SeriesPlot(id="reach-plot", classes="chart")
            with TabPane(_("What if (w)"), id="what-if"):
                yield Static(id="what-if-status")
                yield DataTable(id="what-if-table", cursor_type="row")
            with TabPane(_("Timing (i)"), id="timing"):
                yield SeriesPlot(id="timing-plot", classes="chart")
            with TabPane(_("Decisions (t)"), id="decisions"):
                yield Timeline(id="decisions-table")
            with TabPane(_("Objectives (v)"), id="objectives"), VerticalScroll():
                yield Static(ratings_content(debrief.ratings, debrief.judgements, _), id="ratings")
        yield Footer()

    def on_mount(self) -> None:
        debrief = self.debrief
        _ = words_of(self)
        table = self.query_one("#outcome-table", DataTable)
        table.add_columns(_("metric"), _("value"))
        table.add_rows(outcome_rows(debrief.outcome, _))
        shown = sum(hour <= WINDOW_H for hour in debrief.hours)
        hours = debrief.hours[:shown]
        marks = tuple(hour for hour in debrief.statement_hours if hour <= WINDOW_H)
        self.query_one("#damage-plot", SeriesPlot).series = Series(
            N_("Damage among the aware (RI)"),
            hours,
            debrief.aware_damage[:shown],
            marks,
            min_span=DAMAGE_MIN_SPAN,
            origin=0.0,
        )
        self.query_one("#reach-plot", SeriesPlot).series = Series(
            N_("Users aware of the crisis"), hours, debrief.aware[:shown], marks
        )
        self.query_one(Timeline).entries = debrief.decisions
        what_if = self.query_one("#what-if-table", DataTable)
        what_if.add_columns(*(_(column) for column in COMPARISON_COLUMNS))
        what_if.add_row(*comparison_row(variant_label(AS_PLAYED, _), debrief.outcome, _))
        self.watch_what_ifs(self.what_ifs)

    def watch_what_ifs(self, what_ifs: tuple[WhatIf, ...]) -> None:
        _ = words_of(self)
        table = self.query_one("#what-if-table", DataTable)
        compared = [what_if for what_if in what_ifs if what_if.variant in WHAT_IFS]
        for what_if in compared[table.row_count - 1 :]:
            label = variant_label(what_if.variant, _)
            table.add_row(*comparison_row(label, what_if.outcome, _))
        self.query_one("#timing-plot", SeriesPlot).series = timing_series(self.debrief, what_ifs)
        done = len(what_ifs)
        status = self.query_one("#what-if-status", Static)
        if done < len(EVERY_WHAT_IF):
            status.update(
                _("Replaying the same seed with other answers: {done} of {total}...").format(
                    done=done, total=len(EVERY_WHAT_IF)
                )
            )
        else:
            status.update(
                _(
                    "The same crisis and seed, with other answers: the share of silence's damage "
                    "each avoided, and the damage among the aware (RI points).\n"
                    "One seed: small gaps can be chance; stormdrill sweep compares many."
                )
            )

    def show_after_the_end(self, debrief: DebriefState) -> None:
        """What changes after the end: the objectives' ratings and the decisions, as hosted
        evaluators rate and take notes at the hot wash."""
        self.debrief = debrief
        self.query_one("#ratings", Static).update(
            ratings_content(debrief.ratings, debrief.judgements, words_of(self))
        )
        self.query_one(Timeline).entries = debrief.decisions

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
