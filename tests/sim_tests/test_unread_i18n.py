"""What is said before a file is read, or the command line parsed, is in the language the command
was given: a scenario or protocol file that is missing or is not TOML, and argparse's usage
errors, are Italian under `--lang it` or STORMDRILL_LANG=it (the file's own `meta.locale`
cannot be read yet), English otherwise, byte for byte as before; `--help` stays English. The
MSEL merge's refusal of a scenario it would leave invalid is told in the file's language. In
the pseudo-locale no plain word of ours is left in any of them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sim.cli.main import main
from sim.i18n import LANG_VARIABLE
from sim.msel.export import export_msel
from sim.spec.loader import bundled_names, load_scenario
from tests.sim_tests.test_cli_i18n import pseudo, words_in  # noqa: F401 (a fixture)
from tests.sim_tests.test_report_i18n import small_italian_scenario

ITALIAN = [["--lang", "it"], ["--lang=it_IT"], [LANG_VARIABLE]]
"""The ways of saying Italian before anything is read: the option, either spelling, or the
variable."""


@pytest.fixture(autouse=True)
def no_language_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANG_VARIABLE, raising=False)


def said(arguments: list[str], capsys: pytest.CaptureFixture[str], status: int = 2) -> str:
    assert main(arguments) == status
    return capsys.readouterr().err


def in_italian(arguments: list[str], how: list[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`arguments` told Italian `how`: an option after them, or STORMDRILL_LANG."""
    if how == [LANG_VARIABLE]:
        monkeypatch.setenv(LANG_VARIABLE, "it")
        return arguments
    return [*arguments, *how]


def unreadable(folder: Path) -> dict[str, tuple[str, str]]:
    """Scenario files that cannot be read -> (the English sentence's start, the Italian's)."""
    (folder / "syntax.toml").write_text("schema_version = 1\n[meta\n", encoding="utf-8")
    (folder / "latin1.toml").write_bytes('title = "Caff\xe8"\n'.encode("latin-1"))
    (folder / "end.toml").write_text("schema_version = ", encoding="utf-8")
    syntax, latin1, end = (str(folder / name) for name in ("syntax", "latin1", "end"))
    return {
        "data-brech": (
            "stormdrill: data-brech: no such scenario file; did you mean data-breach? give the "
            "path of a .toml scenario file or a bundled name (",
            "stormdrill: data-brech: il file di scenario non esiste; intendevi data-breach? "
            "indica il percorso di un file di scenario .toml o il nome di uno incluso (",
        ),
        str(folder): (
            f"stormdrill: {folder}: is a folder, not a scenario file; give the path",
            f"stormdrill: {folder}: è una cartella, non un file di scenario; indica il percorso",
        ),
        f"{syntax}.toml": (
            f"stormdrill: {syntax}.toml, line 2, column 6: invalid TOML (expected ']' at the end "
            "of a table declaration); fix the syntax there.\n",
            f"stormdrill: {syntax}.toml, riga 2, colonna 6: TOML non valido (expected ']' at the "
            "end of a table declaration); correggi lì la sintassi.\n",
        ),
        f"{end}.toml": (
            f"stormdrill: {end}.toml, end of document: invalid TOML (invalid value); fix the "
            "syntax there.\n",
            f"stormdrill: {end}.toml, fine del file: TOML non valido (invalid value); correggi lì "
            "la sintassi.\n",
        ),
        f"{latin1}.toml": (
            f"stormdrill: {latin1}.toml: the file is not UTF-8 text; save it as UTF-8.\n",
            f"stormdrill: {latin1}.toml: il file non è testo UTF-8; salvalo in UTF-8.\n",
        ),
    }


@pytest.mark.parametrize("how", ITALIAN)
@pytest.mark.parametrize("command", ["run", "play"])
def test_a_scenario_file_that_cannot_be_read_is_told_in_the_language_given(
    command, how, tmp_path, capsys, monkeypatch
):
    for scenario, (english, italian) in unreadable(tmp_path).items():
        monkeypatch.delenv(LANG_VARIABLE, raising=False)
        assert said([command, scenario], capsys).startswith(english)
        told = said(in_italian([command, scenario], how, monkeypatch), capsys)
        assert told.startswith(italian)


def unreadable_sessions(folder: Path) -> dict[str, tuple[str, str]]:
    """Session files and exercise databases that cannot be read -> (the English sentence, the
    Italian)."""
    (folder / "broken.json").write_text("{", encoding="utf-8")
    (folder / "other.json").write_text('{"format": "x"}', encoding="utf-8")
    database = sqlite3.connect(folder / "foreign.sqlite")
    database.execute("CREATE TABLE t (x)")
    database.close()
    broken, other, missing = (str(folder / name) for name in ("broken", "other", "missing"))
    foreign = folder / "foreign.sqlite"
    return {
        str(foreign): (
            f"stormdrill: {foreign}: an SQLite database, but not a stormdrill exercise (its "
            "application_id is 0); give a .sqlite file saved by stormdrill.\n",
            f"stormdrill: {foreign}: è un database SQLite, ma non un'esercitazione di stormdrill "
            "(il suo application_id è 0); indica un file .sqlite salvato da stormdrill.\n",
        ),
        f"{broken}.json": (
            f"stormdrill: {broken}.json: the session file is damaged or truncated (invalid JSON "
            "at line 1, column 2); open an earlier copy or the autosave.\n",
            f"stormdrill: {broken}.json: il file di sessione è danneggiato o troncato (JSON non "
            "valido alla riga 1, colonna 2); apri una copia precedente o il salvataggio "
            "automatico.\n",
        ),
        f"{other}.json": (
            f'stormdrill: {other}.json: not a stormdrill session file (no "format": '
            '"stormdrill-session"); give a file saved by stormdrill.\n',
            f"stormdrill: {other}.json: non è un file di sessione di stormdrill (manca "
            '"format": "stormdrill-session"); indica un file salvato da stormdrill.\n',
        ),
        f"{missing}.json": (
            f"stormdrill: {missing}.json: no such session file; give the path of a file saved by "
            "stormdrill.\n",
            f"stormdrill: {missing}.json: il file di sessione non esiste; indica il percorso di "
            "un file salvato da stormdrill.\n",
        ),
    }


@pytest.mark.parametrize("how", ITALIAN)
@pytest.mark.parametrize("command", [["report"], ["compare"], ["play", "--resume"]])
def test_a_session_file_that_cannot_be_read_is_told_in_the_language_given(
    command, how, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("STORMDRILL_HOME", str(tmp_path / "home"))
    for session, (english, italian) in unreadable_sessions(tmp_path).items():
        if command == ["report"] and "missing" in session:
            english = english.replace(
                "no such session file; give the path of a file saved by stormdrill",
                "no such file or folder; give a session file saved by stormdrill "
                "or a folder written by `stormdrill run --out`",
            )
            italian = italian.replace(
                "il file di sessione non esiste; indica il percorso di un "
                "file salvato da stormdrill",
                "il file o la cartella non esiste; indica un file "
                "di sessione salvato da stormdrill o una cartella scritta da `stormdrill run "
                "--out`",
            )
        monkeypatch.delenv(LANG_VARIABLE, raising=False)
        assert said([*command, session], capsys) == english
        assert said(in_italian([*command, session], how, monkeypatch), capsys) == italian


def test_a_missing_protocol_is_told_in_the_scenarios_language(tmp_path, capsys):
    scenario = str(small_italian_scenario(tmp_path))
    assert said(["run", scenario, "--protocol", "silenzio"], capsys) == (
        "stormdrill: silenzio: il file di protocollo non esiste; intendevi silent? indica il "
        "percorso di un protocollo .toml o il nome di uno incluso (deny-then-apologise, "
        "fast-transparent, holding-then-apology, silent, slow-transparent).\n"
    )
    english = said(["run", scenario, "--protocol", "silenzio", "--lang", "en"], capsys)
    assert english.startswith("stormdrill: silenzio: no such protocol file; did you mean silent?")


def test_the_msel_merge_refuses_an_invalid_scenario_in_the_files_language(
    tmp_path, capsys, monkeypatch
):
    valid = small_italian_scenario(tmp_path)
    msel = tmp_path / "msel.csv"
    msel.write_text(export_msel(load_scenario(str(valid))), encoding="utf-8")
    text = valid.read_text(encoding="utf-8")
    msel.write_text(msel.read_text(encoding="utf-8").replace("T+0:15", "T+0:20"), encoding="utf-8")
    scenario = tmp_path / "rotto.toml"
    scenario.write_text(text.replace("users = 300", 'users = "molti"'), encoding="utf-8")
    merge = ["scenarios", "msel", "import", str(msel), "--into", str(scenario)]
    assert said(merge, capsys) == (
        f'stormdrill: {scenario}: graph.users = "molti" non è un numero intero; usa un numero '
        "intero da 50 a 10000000; non è stato scritto nulla.\n"
    )
    monkeypatch.setenv(LANG_VARIABLE, "en")
    assert said(merge, capsys).endswith(
        '"molti" is not a whole number; use a whole number from 50 to 10000000; nothing was '
        "written.\n"
    )
    assert scenario.read_text(encoding="utf-8") == text.replace("users = 300", 'users = "molti"')


USAGE_ERRORS = {
    ("run",): (
        "stormdrill run: error: the following arguments are required: SCENARIO\n",
        "stormdrill run: errore: sono obbligatori i seguenti argomenti: SCENARIO\n",
    ),
    ("frob",): (
        "stormdrill: error: argument COMMAND: invalid choice: 'frob' (choose from 'play', ",
        "stormdrill: errore: argomento COMMAND: scelta non valida: 'frob' (scegli tra 'play', ",
    ),
    ("run", "data-breach", "--bogus"): (
        "stormdrill: error: unrecognized arguments: --bogus\n",
        "stormdrill: errore: argomenti non riconosciuti: --bogus\n",
    ),
    ("run", "data-breach", "--seed", "x"): (
        "stormdrill run: error: argument --seed: 'x' is not a whole number; give a seed from 0 "
        "to 9223372036854775807\n",
        "stormdrill run: errore: argomento --seed: 'x' non è un numero intero; indica un seme da "
        "0 a 9223372036854775807\n",
    ),
    ("sweep", "data-breach", "--protocol", "silent", "--runs", "0"): (
        "stormdrill sweep: error: argument --runs: 0 is less than 1\n",
        "stormdrill sweep: errore: argomento --runs: 0 è minore di 1\n",
    ),
    ("sweep", "data-breach", "--protocol", "silent", "--runs", "tre"): (
        "stormdrill sweep: error: argument --runs: 'tre' is not a whole number\n",
        "stormdrill sweep: errore: argomento --runs: 'tre' non è un numero intero\n",
    ),
    ("sweep", "data-breach", "--protocol", "silent", "--workers", "x"): (
        "stormdrill sweep: error: argument --workers: 'x' is not a whole number\n",
        "stormdrill sweep: errore: argomento --workers: 'x' non è un numero intero\n",
    ),
}


@pytest.mark.parametrize("how", ITALIAN)
@pytest.mark.parametrize("arguments", list(USAGE_ERRORS))
def test_argparses_usage_errors_are_told_in_the_language_given_before_parsing(
    arguments, how, capsys, monkeypatch
):
    english, italian = USAGE_ERRORS[arguments]
    plain = said(list(arguments), capsys)
    assert plain.startswith("usage: stormdrill") and english in plain
    told = said(in_italian(list(arguments), how, monkeypatch), capsys)
    assert told.startswith("uso: stormdrill") and italian in told
    assert "usage" not in told and "error:" not in told


def test_a_language_stormdrill_does_not_speak_leaves_the_usage_errors_english(capsys):
    assert said(["run", "--lang", "fr"], capsys).startswith("usage: stormdrill run")
    assert said(["run", "data-breach", "--lang", "fr"], capsys) == (
        "stormdrill: --lang = 'fr' is not a language stormdrill speaks; use one of en_US, "
        "en_GB, it_IT (or the language alone: en, it).\n"
    )


def test_help_stays_english_whatever_the_language(capsys, monkeypatch):
    assert main(["run", "--help"]) == 0
    english = capsys.readouterr().out
    assert english.startswith("usage: stormdrill run") and "options:" in english
    assert main(["run", "--help", "--lang", "it"]) == 0
    assert capsys.readouterr().out == english
    monkeypatch.setenv(LANG_VARIABLE, "it")
    assert main(["run", "--help"]) == 0
    assert capsys.readouterr().out == english


def test_the_usage_errors_and_unreadable_files_go_through_the_catalogs(
    pseudo,  # noqa: F811
    tmp_path,
    capsys,
):
    refusals = [[*arguments, "--lang", "it"] for arguments in USAGE_ERRORS]
    refusals += [["run", scenario, "--lang", "it"] for scenario in unreadable(tmp_path)]
    refusals += [
        [command, session, "--lang", "it"]
        for session in unreadable_sessions(tmp_path)
        for command in ("report", "compare")
    ]
    for arguments in refusals:
        told = said(arguments, capsys)
        sentence = told[told.index("«stormdrill") :] if told.startswith("«") else told
        assert "«" in sentence, told
        left = words_in(sentence) - TYPED - words_in(", ".join(bundled_names()))
        assert left - words_in(str(tmp_path)) == set(), told


TYPED = {"stormdrill", "frob", "bogus", "brech", "tre", "toml", "scenario", "syntax", "latin1"}
TYPED |= {"json", "broken", "other", "missing", "format", "session", "foreign", "sqlite"}
TYPED |= {"application", "SQLite"}
TYPED |= {"play", "host", "join", "serve", "run", "scenarios", "schemas", "calibrate"}
TYPED |= {"lesson", "sweep", "timing", "report", "compare", "command"}
"""What the refusals quote as typed: the commands argparse offers, the command, file and
option names given, the values given."""
TOMLLIB = {"expected", "the", "end", "table", "declaration", "invalid", "value"}
"""tomllib's own description of a syntax error, quoted as it says it."""
TYPED |= TOMLLIB
