"""The after-action report speaks the exercise's language: an Italian session's report, built in
a pseudo-locale (every message of the catalog template in look-alike letters, «Ŕóóť çáúšé»),
has no plain word of ours outside the scenario's, the world's and the team's text; the real
Italian catalog writes its titles and figures the Italian way; `--lang` and `STORMDRILL_LANG`
choose another language, and one it does not speak is the house sentence."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from sim.cli.main import main
from sim.i18n import LANG_VARIABLE, Translator, translator
from sim.report import build_report, figures, render_html, render_markdown
from sim.report.content import session_document
from sim.report.figures import index_limits
from sim.session import Session
from sim.session.counterfactual import REFERENCE_PROTOCOL
from sim.spec.capability import CoreCapability
from sim.spec.loader import load_scenario
from sim.spec.schema import ScenarioSpec
from tests.catalogs import pseudo_locale

OURS = re.compile(r"[A-Za-z]{3,}")
"""A word of three plain letters or more: English, unless the scenario, the world or the team
wrote it."""
STATEMENT = "Il servizio è tornato regolare alle 11:00, ci scusiamo con tutti i clienti."
NOTE = "Il legale ha impiegato quaranta minuti"
REASON = "troppa attesa per la firma"
SAVED = date(2026, 12, 2)
ITALIAN = translator("it_IT")
CLI_WORDS = {"stormdrill", "facilitator", "evaluators", "team", "approval", "meta", "png"}
"""Names the report must keep as the command line and the scenario file spell them: the
product, the two non-player seats (`--participant facilitator=...`), scenario fields."""


def small_italian_scenario(folder: Path) -> Path:
    """`disservizio` (it_IT) on 300 users and one day: quick to replay for the what-ifs."""
    root = Path(__file__).resolve().parents[2]
    text = (root / "scenarios" / "disservizio.toml").read_text(encoding="utf-8")
    path = folder / "disservizio-piccolo.toml"
    path.write_text(text.replace("users = 5000", "users = 300"), encoding="utf-8")
    return path


def played(scenario: Path) -> Session:
    """Two turns: a holding statement, an apology, an evaluator's note, two evaluators who
    disagree."""
    overrides = ["turns.horizon_days=1"]
    spec = load_scenario(str(scenario), overrides)
    session = Session(spec, 3, team="Blu", scenario_ref="disservizio", overrides=overrides)
    session.queue(session.make_action(strategy="holding_statement", at_h=0.5, text=STATEMENT))
    session.end_turn()
    session.queue(session.make_action(strategy="apology", text="Ci scusiamo."))
    session.add_note(NOTE, objective="O1")
    session.rate("O1", "S", REASON, by="Chiara")
    session.rate("O1", "M", REASON, by="Paolo")
    session.end_turn()
    return session


def words_in(texts: list[str]) -> set[str]:
    return {word.casefold() for text in texts for word in OURS.findall(text)}


def theirs(spec: ScenarioSpec, session: Session) -> set[str]:
    """What the scenario, the simulated world (its own catalog test: sim_tests/test_i18n.py)
    and the team wrote, shown as written; and FEMA's core capability names."""
    meta = spec.meta
    texts = [meta.title, meta.summary, meta.situation, meta.brand, meta.sponsor]
    texts += [meta.point_of_contact, *meta.roles, STATEMENT, NOTE, REASON, "Blu Chiara Paolo"]
    texts += [REFERENCE_PROTOCOL]
    texts += [f"{o.id} {o.text}" for o in meta.objectives]
    texts += [f"{i.id} {i.sender} {i.message}" for i in spec.injects]
    texts += [f"{e.title} {e.body} {e.sender}" for e in session.run_record().events]
    texts += [capability.value for capability in CoreCapability]
    texts += ["disservizio drill.json", format_date(SAVED, "long", locale="it_IT")]  # files, month
    return words_in(texts) | CLI_WORDS


def test_a_pseudo_locale_report_has_no_plain_word_of_ours(tmp_path: Path):
    session = played(small_italian_scenario(tmp_path))
    words = translator("it_IT", pseudo_locale(tmp_path / "locales"))
    try:
        document = session_document(session, SAVED, "drill.json", words=words)
        allowed = theirs(session.spec, session)
    finally:
        session.close()
    text = render_markdown(document, tmp_path / "drill-report.md")
    text = re.sub(r"\]\([^)]*\)", "]", text)  # the figures' file names
    leaks = words_in([text.replace("\\", "")]) - allowed
    assert leaks == set(), sorted(leaks)


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("italian")
    session = played(small_italian_scenario(folder))
    path = folder / "drill.json"
    session.save(path)
    session.close()
    return path


def test_an_italian_report_is_in_italian_with_italian_figures(saved: Path):
    text = render_markdown(build_report(saved), saved.with_name("drill-report.md"))
    assert text.startswith(
        "# Rapporto post-esercitazione e piano di miglioramento (AAR/IP): Banca Aurora"
    )
    for heading in ("## Sintesi", "## Esito", "## Punti di forza e aree di miglioramento"):
        assert f"\n{heading}\n" in text
    assert re.search(r"\| Data \| \d{1,2} \w+ \d{4} \|", text)  # "2 dicembre 2026"
    assert re.search(r"\| Indice di reputazione \(intera popolazione\) \| \d+,\d prima", text)
    assert "I valutatori non concordano tra loro (Chiara S, Paolo M)" in text
    assert "Executive summary" not in text and "Root cause" not in text
    assert render_html(build_report(saved)).startswith('<!DOCTYPE html>\n<html lang="it">')


def test_lang_and_the_variable_choose_the_reports_language(saved: Path, tmp_path, monkeypatch):
    out = tmp_path / "aar.md"
    assert main(["report", str(saved), "--out", str(out), "--lang", "en"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# After-Action Report / Improvement Plan:")
    monkeypatch.setenv(LANG_VARIABLE, "en_GB")
    assert build_report(saved).title.startswith("After-Action Report / Improvement Plan:")
    assert build_report(saved, lang="it").title.startswith("Rapporto post-esercitazione")


def test_a_language_it_does_not_speak_is_one_sentence_before_any_work(saved, capsys, monkeypatch):
    assert main(["report", str(saved), "--lang", "xx"]) == 2
    err = capsys.readouterr().err
    assert "--lang = 'xx' is not a language stormdrill speaks" in err
    assert not saved.with_name("drill-report.md").exists()
    monkeypatch.setenv(LANG_VARIABLE, "fr")
    assert main(["report", str(saved)]) == 2
    assert f"{LANG_VARIABLE} = 'fr' is not a language stormdrill speaks" in capsys.readouterr().err


def test_the_figures_say_their_range_in_the_reports_language():
    assert index_limits([50.0, 50.5]).note == "axis zoomed: RI 50.0-50.5 of 0-100"
    italian = index_limits([50.0, 50.5], ITALIAN)
    assert italian.note == "asse ingrandito: IR 50,0-50,5 su 0-100"
    png = figures.reach_figure([1.0, 2.0], [3.0, 5.0], figures.hourly([1.0, 2.0], 1), ITALIAN)
    assert png != figures.reach_figure([1.0, 2.0], [3.0, 5.0], figures.hourly([1.0, 2.0], 1))


def test_the_figures_ticks_are_written_in_the_reports_language(monkeypatch):
    """A small damage (under one RI point) is drawn on ticks 0.1, 0.2, ...: "0,1" in Italian,
    the English labels unchanged; a plan's name on a category axis is left as it is."""
    drawn: list[Figure] = []
    local_ticks = figures.local_ticks

    def kept(figure: Figure, words: Translator) -> None:
        local_ticks(figure, words)
        drawn.append(figure)

    monkeypatch.setattr(figures, "local_ticks", kept)
    hours, damage = [0.0, 1.0, 2.0, 3.0], [0.0, 0.2, 0.45, 0.5]
    figures.damage_figure(hours, damage, [1.0], ITALIAN)
    figures.damage_figure(hours, damage, [1.0])
    figures.comparison_figure(["silence 1.5"], [0.25], [0.5], ITALIAN)
    italian, english, plans = ([tick_labels(axes) for axes in f.axes] for f in drawn)
    assert "0,1" in italian[0]["y"] and "0.1" not in italian[0]["y"]
    assert "0.1" in english[0]["y"] and "0,1" not in english[0]["y"]
    assert italian[1]["x"] and all("." not in label for label in italian[1]["x"])
    assert plans[0]["y"] == ["silence 1.5"] and "0,1" in plans[1]["x"]


def tick_labels(axes: Axes) -> dict[str, list[str]]:
    axes.figure.canvas.draw()
    return {
        "x": [label.get_text() for label in axes.get_xticklabels()],
        "y": [label.get_text() for label in axes.get_yticklabels()],
    }
