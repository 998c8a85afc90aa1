"""A malformed file is told in its writer's language: an Italian scenario file (its own
`meta.locale`), a `--set` value on it, a protocol read for it and an action in an Italian
session get their sentences in Italian, by pydantic's error type and its values; `--lang`
(or $STORMDRILL_LANG) chooses the language instead; English files keep today's sentences,
and English keeps pydantic's own wording where it shows it. In the pseudo-locale no plain word
of ours is left in any of them."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel, Field, ValidationError

from sim.cli.main import main
from sim.i18n import ENGLISH, LANG_VARIABLE
from sim.session import Session
from sim.spec.loader import load_scenario
from sim.spec.schema import Crisis
from sim.validation import describe_validation_error
from tests.sim_tests.test_cli_i18n import pseudo  # noqa: F401 (a fixture)
from tests.sim_tests.test_report_i18n import small_italian_scenario

IDENTIFIERS = re.compile(r"\[*[\w.]*[._][\w.\[\]]*\]*|\"[^\"]*\"|'[^']*'")
"""What a sentence quotes from the file rather than says: field paths (graph.users,
[[injects]]) and the values given, in quotes."""
OURS = re.compile(r"[A-Za-z]{3,}")
CRISIS_FIELDS = set(Crisis.model_fields)
"""The fields an unknown one in [crisis] could have been, listed as the schema spells them."""


@pytest.fixture(autouse=True)
def no_language_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANG_VARIABLE, raising=False)


def refusal(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(arguments) == 2
    said = capsys.readouterr().err
    assert said.startswith("stormdrill: ") and said.count("\n") == 1, said
    return said


def test_a_bad_set_value_on_an_italian_scenario_is_told_in_italian(tmp_path, capsys):
    scenario = str(small_italian_scenario(tmp_path))
    said = refusal(["run", scenario, "--set", "graph.users=molti"], capsys)
    assert said == (
        f'stormdrill: {scenario}: graph.users = "molti" non è un numero intero; usa un numero '
        "intero da 50 a 10000000.\n"
    )
    said = refusal(["run", scenario, "--set", "turns.horizon_days=true"], capsys)
    assert said.endswith(
        "turns.horizon_days = true non è un numero; usa un numero maggiore di 0 e non superiore "
        "a 365.\n"
    )
    said = refusal(["run", scenario, "--set", "crisis.cluster=colpevole"], capsys)
    assert said.endswith(
        'crisis.cluster = "colpevole" non è ammesso; usa uno tra victim, accidental, preventable.\n'
    )
    said = refusal(["run", scenario, "--set", "crisis.gravita=1"], capsys)
    assert "indica un campo sconosciuto, crisis.gravita; usa uno dei campi ammessi in" in said
    english = refusal(["run", scenario, "--set", "graph.users=molti", "--lang", "en"], capsys)
    assert english.endswith(
        '"molti" is not a whole number; use a whole number from 50 to 10000000.\n'
    )


def test_a_malformed_italian_scenario_file_is_told_in_italian(tmp_path, capsys):
    path = small_italian_scenario(tmp_path)
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title = "))
    broken = {
        re.sub(r"^seeds = .*$", "seeds = 100000", text, count=1, flags=re.MULTILINE): (
            "crisis.seeds (100000) è maggiore di graph.users (300); usa un valore non superiore "
            "a graph.users.\n"
        ),
        text.replace("[crisis]", "[crisis]\ngravita = 0.5", 1): (
            "campo sconosciuto crisis.gravita; usa uno dei campi ammessi in [crisis]: type, "
        ),
        text.replace(title + "\n", "", 1): (
            "manca il campo obbligatorio meta.title; aggiungilo in [meta].\n"
        ),
        text.replace("schema_version = 1\n", "", 1): (
            "manca il campo obbligatorio schema_version; aggiungi schema_version = 1 in cima al "
            "file.\n"
        ),
    }
    for written, sentence in broken.items():
        path.write_text(written, encoding="utf-8")
        said = refusal(["run", str(path)], capsys)
        assert said.startswith(f"stormdrill: {path}: ") and sentence in said, said


def test_a_protocol_read_for_an_italian_scenario_is_told_in_its_language(tmp_path, capsys):
    protocol = tmp_path / "mio.toml"
    protocol.write_text('name = ""\ndescription = "Nulla."\n', encoding="utf-8")
    scenario = str(small_italian_scenario(tmp_path))
    said = refusal(["run", scenario, "--protocol", str(protocol)], capsys)
    assert said == (
        f'stormdrill: {protocol}: name = "" non è valido (il testo deve avere almeno 1 '
        "carattere).\n"
    )


def test_an_action_in_an_italian_session_is_refused_in_italian(tmp_path):
    spec = load_scenario(str(small_italian_scenario(tmp_path)), ["turns.horizon_days=0.5"])
    session = Session(spec, 1)
    try:
        with pytest.raises(Exception, match=r"^azione: transparency = 2 è fuori dall'intervallo"):
            session.make_action(strategy="apology", transparency=2)
    finally:
        session.close()


@pytest.mark.parametrize(
    "override",
    [
        "graph.users=molti",  # int_type
        "graph.users=3.5",  # int_from_float
        "crisis.severity=2",  # less_than_equal
        "crisis.severity=inf",  # finite_number
        "turns.horizon_days=0",  # greater_than
        "crisis.history=1",  # bool_type
        "meta.clock_start=9",  # string_type
        "meta.clock_start='25:00'",  # string_pattern_mismatch
        "meta.sponsor='" + "abc " * 60 + "'",  # string_too_long
        "crisis=1",  # model_type
        "injects=1",  # tuple_type, of tables
        "crisis.seeds=100000",  # value_error: our own validator's sentence
        "meta.title='\u0007'",  # value_error: a control character
        "crisis.gravita=1",  # an unknown field named by --set
    ],
)
def test_every_sentence_our_schemas_raise_goes_through_the_catalog(
    override,
    pseudo,  # noqa: F811
    tmp_path,
    capsys,
):
    scenario = str(small_italian_scenario(tmp_path))
    said = refusal(["run", scenario, "--set", override], capsys).replace(scenario, " ")
    assert "«" in said, said
    quoted = IDENTIFIERS.sub(" ", said.removeprefix("stormdrill: "))
    given = {*OURS.findall(override), "Infinity"}  # the value as given, inf as JSON writes it
    assert set(OURS.findall(quoted)) - given - CRISIS_FIELDS == set(), said


class Named(BaseModel):
    name: str = Field(min_length=1)
    sponsor: str = Field("", max_length=3)
    clock: str = Field("00:00", pattern=r"^\d\d:\d\d$")


@pytest.mark.parametrize(
    "given", [{"name": ""}, {"name": "a", "sponsor": "long"}, {"name": "a", "clock": "9"}]
)
def test_english_keeps_pydantics_own_words_where_it_shows_them(given):
    with pytest.raises(ValidationError) as caught:
        Named(**given)
    problem = caught.value.errors()[0]
    pydantic_says = problem["msg"][:1].lower() + problem["msg"][1:]
    sentence = describe_validation_error(caught.value, "file", Named, words=ENGLISH)
    assert f" is invalid ({pydantic_says})." in sentence
