"""The lab speaks the scenario's language: `sweep`, `timing` and `compare` of an Italian exercise,
called through the entry point as a user runs them (the progress bar drawn as on a terminal),
print no plain word of ours in the pseudo-locale (every message of the catalog template in
look-alike letters, «ŕúñ»): not their tables, verdicts, progress lines and refusals, nor the
titles, axis labels and ticks of the plots they write. With the real catalog, Italian words and
Italian figures ("39,3 (da 37,8 a 40,8)"); `--lang en` brings English back; the data files are
the same bytes in either language. Tiny runs: 300 users, half a day, two or three seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from matplotlib.figure import Figure

import sim.lab.plot
from sim.cli.main import main
from sim.i18n import LANG_VARIABLE, Translator
from sim.session import Session
from sim.spec.loader import load_scenario
from tests.sim_tests.test_cli_i18n import (  # noqa: F401 (fixtures)
    leaks,
    on_a_terminal,
    pseudo,
    saved,
    words_in,
)
from tests.sim_tests.test_report_i18n import small_italian_scenario
from tests.tiny import TINY

SHORT = ["--set", "turns.horizon_days=0.5", "--workers", "1"]
SWEEP = ["--protocol", "silent", "--protocol", "fast-transparent", "--runs", "3"]
TIMING = ["--protocol", "fast-transparent", "--delays", "0,1", "--runs", "2"]
PROTOCOLS = {"fast", "transparent"}
"""The second protocol's name, as given on the command line (`silent` is one of NAMES)."""
IT_FIGURE = r"-?\d+,\d+"
MEAN_CI = re.compile(rf"{IT_FIGURE} \(da {IT_FIGURE} a {IT_FIGURE}\)")
"""A mean and its interval the Italian way: "39,3 (da 37,8 a 40,8)"."""
TICK = re.compile(r"[-\u2212]?\d+([.,]\d+)?")
"""An axis's tick label: a figure, matplotlib's minus sign included."""
RATINGS = re.compile(r"\b[PSMUN]{2,}\b")


@pytest.fixture
def plot_words(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every word the plots written from now on show: titles, axis labels, tick labels (read
    after the figure is saved, when matplotlib has chosen its ticks)."""
    shown: list[str] = []
    save = sim.lab.plot._save

    def saving(figure: Figure, stem: Path, words: Translator) -> list[Path]:
        paths = save(figure, stem, words)
        texts = [figure.get_suptitle()]
        for axes in figure.axes:
            texts += [axes.get_title(), axes.get_xlabel(), axes.get_ylabel()]
            for axis in (axes.xaxis, axes.yaxis):
                texts += [label.get_text() for label in axis.get_ticklabels()]
        shown.extend(texts)
        return paths

    monkeypatch.setattr(sim.lab.plot, "_save", saving)
    return shown


def plain(text: str, scenario: Path) -> set[str]:
    return leaks(text, scenario) - PROTOCOLS


def test_sweep_speaks_the_scenarios_language_in_its_tables_verdicts_bar_and_plots(
    pseudo,  # noqa: F811
    plot_words,
    tmp_path,
    capsys,
    monkeypatch,
):
    terminal = on_a_terminal(monkeypatch)
    scenario = small_italian_scenario(tmp_path)
    out = tmp_path / "sweep"
    assert main(["sweep", str(scenario), *SWEEP, *SHORT, "--out", str(out)]) == 0
    printed, drawn = capsys.readouterr().out, terminal.getvalue()
    assert "«" in printed and "«" in drawn  # the tables and verdicts; the bar and the files line
    assert plain(printed + drawn, scenario) == set(), printed + drawn
    assert len(plot_words) > 20 and "«" in " ".join(plot_words)
    assert plain(" ".join(plot_words), scenario) == set(), plot_words
    summary = (out / "summary.csv").read_text(encoding="utf-8")
    assert summary.startswith("protocol,metric,") and ",damage_avoided_share," in summary


def test_sweep_and_timing_refuse_in_the_scenarios_language(pseudo, tmp_path, capsys):  # noqa: F811
    scenario = small_italian_scenario(tmp_path)
    refused = [  # each with the value typed that the sentence quotes
        (["sweep", str(scenario), *SWEEP, "--vary", "crisis.severity"], "crisis.severity"),
        (["sweep", str(scenario), *SWEEP, "--resume"], ""),
        (["sweep", str(scenario), *SWEEP, "--set", "graph.users=molti"], "graph.users molti"),
        (["timing", str(scenario), *TIMING[:2], "--delays", "0,0"], ""),
        (["timing", str(scenario), *TIMING[:2], "--delays", "mezz'ora"], "mezz'ora"),
        (["timing", str(scenario), "--protocol", "silent", "--delays", "0,1"], ""),
    ]
    for arguments, typed in refused:
        assert main(arguments) == 2
        said = capsys.readouterr().err
        assert said.startswith("stormdrill: ") and said.count("«") >= 1, said
        assert plain(said, scenario) - words_in(typed) == set(), said


def test_timing_speaks_the_scenarios_language_in_its_table_sentence_and_plot(
    pseudo,  # noqa: F811
    plot_words,
    tmp_path,
    capsys,
    monkeypatch,
):
    terminal = on_a_terminal(monkeypatch)
    scenario = small_italian_scenario(tmp_path)
    out = tmp_path / "timing"
    assert main(["timing", str(scenario), *TIMING, *SHORT, "--out", str(out)]) == 0
    printed, drawn = capsys.readouterr().out, terminal.getvalue()
    assert "«" in printed and "«" in drawn
    assert plain(printed + drawn, scenario) == set(), printed + drawn
    assert "«" in " ".join(plot_words)
    assert plain(" ".join(plot_words), scenario) == set(), plot_words
    ticks = [text for text in plot_words if TICK.fullmatch(text)]
    assert any("," in tick for tick in ticks) and not any("." in tick for tick in ticks), ticks


def test_sweep_and_timing_in_italian_write_italian_figures(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    scenario = small_italian_scenario(tmp_path)
    assert main(["sweep", str(scenario), *SWEEP, *SHORT, "--out", str(tmp_path / "it")]) == 0
    printed = capsys.readouterr().out
    assert "2 combinazioni x 3 semi = 6 esecuzioni (seme radice 0)" in printed
    assert MEAN_CI.search(printed), printed
    assert re.search(rf"fast-transparent evita {IT_FIGURE} punti percentuali in", printed)
    assert "IC 95% da " in printed and not re.search(r"\d\.\d", printed)
    english = ["--out", str(tmp_path / "en"), "--lang", "en"]
    assert main(["sweep", str(scenario), *SWEEP, *SHORT, *english]) == 0
    assert "fast-transparent avoids " in capsys.readouterr().out
    for data in ("rows.parquet", "rows.csv", "summary.csv", "differences.csv"):
        italian, plain_english = (tmp_path / "it" / data), (tmp_path / "en" / data)
        assert italian.read_bytes() == plain_english.read_bytes(), f"{data} changed with --lang"

    assert main(["timing", str(scenario), *TIMING, *SHORT]) == 0
    printed = capsys.readouterr().out
    assert re.search(
        rf"Ogni ora di attesa (costa|evita) circa {IT_FIGURE} punti percentuali", printed
    )
    assert MEAN_CI.search(printed) and not re.search(r"\d\.\d", printed), printed

    assert main(["timing", str(scenario), *TIMING, *SHORT, "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"Each hour of waiting (costs|avoids) about -?\d+\.\d+ percentage", printed)


def test_compare_speaks_the_sessions_language(pseudo, saved, capsys):  # noqa: F811
    scenario = saved.with_name("disservizio-piccolo.toml")
    assert main(["compare", str(saved), str(saved)]) == 0
    printed = capsys.readouterr().out
    assert "«" in printed
    theirs = {"drill", "json", "blu", "disservizio"}  # the file, the team, the scenario's name
    ratings = RATINGS.sub(" ", printed)  # each objective's P/S/M/U (N: not rated), HSEEP's
    assert plain(ratings, scenario) - theirs == set(), printed


def test_compare_in_italian_writes_italian_words_and_figures(saved, capsys, monkeypatch):  # noqa: F811
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    assert main(["compare", str(saved)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("sessione ") and "danno evitato" in printed
    assert "drill.json: Le risposte di Blu " in printed
    assert re.search(r"\s\d+,\d\s", printed) and not re.search(r"\d\.\d", printed), printed
    assert main(["compare", str(saved), "--lang", "en"]) == 0
    assert "drill.json: Blu's answers " in capsys.readouterr().out


def test_sessions_in_different_languages_are_compared_in_english(saved, capsys, monkeypatch):  # noqa: F811
    monkeypatch.delenv(LANG_VARIABLE, raising=False)
    english = Session(load_scenario(TINY), 3, team="Red")
    path = saved.with_name("red.json")
    english.save(path)
    english.close()
    assert main(["compare", str(saved), str(path)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("session ") and "drill.json: Blu's answers " in printed
    assert main(["compare", str(saved), str(path), "--lang", "it"]) == 0
    assert capsys.readouterr().out.startswith("sessione ")
