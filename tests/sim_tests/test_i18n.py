"""The languages stormdrill speaks: a scenario's locale is one it supports, the catalogs are
current and complete, a translator belongs to one session, and the world the engine narrates
(journalists' inquiries, articles, evidence) speaks the scenario's language."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo

from sim.cli.main import main
from sim.errors import ScenarioError, UserError
from sim.i18n import (
    ENGLISH,
    LANG_VARIABLE,
    LOCALES_FOLDER,
    SUPPORTED_LOCALES,
    interface_locale,
    translator,
)
from sim.labels import LABELS, label
from sim.session import Session
from sim.spec.loader import load_scenario
from sim.spec.schema import Channel, InjectType, Spokesperson, Strategy, Voice
from tests.catalogs import (
    ARGPARSE_TEMPLATE,
    ROOT,
    TEMPLATE,
    extract,
    extract_argparse,
    read_catalog,
)
from tests.tiny import TINY

ITALIAN_PO = LOCALES_FOLDER / "it" / "LC_MESSAGES" / "stormdrill.po"
ITALIAN_MO = ITALIAN_PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{(\w*)\}")
ARGPARSE_PO = LOCALES_FOLDER / "it" / "LC_MESSAGES" / "argparse.po"
PRINTF = re.compile(r"%\(\w+\)[rsd]|%[rsd]")
"""argparse's placeholders: named or in order, so the same ones in the same order."""


def scenario_in(folder: Path, locale: str) -> Path:
    path = folder / "scenario.toml"
    path.write_text(
        f'schema_version = 1\n[meta]\ntitle = "t"\nsummary = "s"\nlocale = "{locale}"\n',
        encoding="utf-8",
    )
    return path


def translations(catalog: Catalog) -> dict[object, object]:
    """msgid -> msgstr; a plural's forms as tuples, as a .po and a .mo both read back."""

    def form(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {form(message.id): form(message.string) for message in catalog if message.id}


# --------------------------------------------------------------------------- supported locales


def test_the_supported_locales_are_the_rubrics_languages_and_have_catalogs():
    assert SUPPORTED_LOCALES == ("en_US", "en_GB", "it_IT")
    for locale in SUPPORTED_LOCALES:
        language = locale.split("_")[0]
        assert language == "en" or (LOCALES_FOLDER / language / "LC_MESSAGES").is_dir()


def test_a_scenario_in_an_unsupported_locale_is_refused_at_load(tmp_path: Path):
    path = scenario_in(tmp_path, "fr_FR")
    with pytest.raises(ScenarioError) as refused:
        load_scenario(str(path))
    sentence = str(refused.value)
    assert str(path) in sentence
    assert 'meta.locale = "fr_FR" is not allowed' in sentence
    assert "use one of en_US, en_GB, it_IT" in sentence


def test_scenarios_validate_refuses_an_unsupported_locale(tmp_path: Path, capsys):
    path = scenario_in(tmp_path, "fr_FR")
    assert main(["scenarios", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "meta.locale" in err and "it_IT" in err
    assert "Traceback" not in err


def test_the_json_schema_lists_the_supported_locales():
    schema = json.loads((ROOT / "schemas" / "scenario.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["Meta"]["properties"]["locale"]["enum"] == list(SUPPORTED_LOCALES)


# --------------------------------------------------------------------------- the interface locale


def test_the_interface_speaks_the_scenarios_locale_unless_overridden():
    assert interface_locale("it_IT", environ={}) == "it_IT"
    assert interface_locale("it_IT", environ={LANG_VARIABLE: "en"}) == "en_US"
    assert interface_locale("en_GB", "it", environ={LANG_VARIABLE: "en_US"}) == "it_IT"


@pytest.mark.parametrize(
    ("override", "environ", "names"),
    [
        ("fr", {}, "--lang"),
        (None, {LANG_VARIABLE: "de_DE"}, LANG_VARIABLE),
    ],
)
def test_an_unsupported_override_is_one_sentence_naming_where_it_came_from(
    override: str | None, environ: dict[str, str], names: str
):
    with pytest.raises(UserError) as refused:
        interface_locale("en_US", override, environ=environ)
    assert str(refused.value).startswith(f"{names} = ")
    assert "use one of en_US, en_GB, it_IT (or the language alone: en, it)" in str(refused.value)


def test_translators_of_two_languages_live_side_by_side():
    italian = translator("it_IT")
    assert italian("End turn") == "Fine turno"
    assert ENGLISH("End turn") == "End turn"
    assert translator("en_GB")("End turn") == "End turn"
    assert italian("End turn") == "Fine turno"


def test_figures_are_written_with_the_locales_symbols():
    italian = translator("it_IT")
    assert [italian.figure(f) for f in ("4,870", "0.66", "38.5%", "1,234.5")] == [
        "4.870",
        "0,66",
        "38,5%",
        "1.234,5",
    ]
    assert ENGLISH.figure("4,870.5") == "4,870.5"
    assert translator("en_GB").figure("4,870.5") == "4,870.5"


def test_play_refuses_an_unsupported_language_before_the_screen_opens(capsys):
    assert main(["play", TINY, "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "--lang = 'fr' is not a language stormdrill speaks" in err


def test_run_summarises_in_the_chosen_language(capsys, monkeypatch):
    assert main(["run", TINY, "--seed", "2", "--lang", "it"]) == 0
    italian = capsys.readouterr().out
    assert italian.startswith("Tiny outage, protocollo silent, seme 2\n")
    assert "danno tra gli informati" in italian and "aware damage" not in italian
    assert re.search(r"indice di reputazione +\d+,\d -> \d+,\d \(minimo \d+,\d", italian)
    monkeypatch.setenv(LANG_VARIABLE, "it")
    assert main(["run", TINY, "--seed", "2"]) == 0
    assert capsys.readouterr().out == italian
    assert main(["run", TINY, "--seed", "2", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("Tiny outage, protocol silent, seed 2\n")


# --------------------------------------------------------------------------- the catalogs


def test_the_template_holds_every_message_the_sources_mark(tmp_path: Path):
    fresh = extract(tmp_path / "fresh.pot")
    committed = read_catalog(TEMPLATE)
    assert set(translations(fresh)) == set(translations(committed)), (
        "the template is stale: refresh it as docs/translating.md says"
    )


def test_every_message_has_an_italian_translation_with_the_same_placeholders():
    template = read_catalog(TEMPLATE)
    italian = translations(read_catalog(ITALIAN_PO))
    for message in template:
        if not message.id:
            continue
        translated = italian.get(message.id)
        assert translated, f"no Italian for {message.id!r}"
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = translated if isinstance(translated, tuple) else (translated,)
        wanted = set(PLACEHOLDER.findall(sources[-1]))
        for form in forms:
            assert form, f"an empty plural form for {message.id!r}"
            assert set(PLACEHOLDER.findall(form)) == wanted, (message.id, form)


def test_the_compiled_italian_catalog_is_the_po_file():
    with ITALIAN_MO.open("rb") as file:
        compiled = translations(read_mo(file))
    assert compiled == translations(read_catalog(ITALIAN_PO)), (
        "the .mo is stale: compile it as docs/translating.md says"
    )


@pytest.mark.skipif(
    sys.version_info[:2] != (3, 11),
    reason="argparse.pot is extracted from Python 3.11's argparse.py; another Python's new "
    "wordings stay English (docs/translating.md)",
)
def test_argparses_template_holds_every_message_of_this_pythons_argparse(tmp_path: Path):
    fresh = extract_argparse(tmp_path / "argparse.pot")
    assert set(translations(fresh)) == set(translations(read_catalog(ARGPARSE_TEMPLATE))), (
        "argparse.pot is stale: extract it as docs/translating.md says"
    )


def test_every_argparse_message_has_an_italian_translation_with_the_same_placeholders():
    italian = translations(read_catalog(ARGPARSE_PO))
    for message in read_catalog(ARGPARSE_TEMPLATE):
        if not message.id:
            continue
        translated = italian.get(message.id)
        assert translated, f"no Italian for argparse's {message.id!r}"
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = translated if isinstance(translated, tuple) else (translated,)
        for form in forms:
            assert PRINTF.findall(form) == PRINTF.findall(sources[-1]), (message.id, form)
    with ARGPARSE_PO.with_suffix(".mo").open("rb") as file:
        assert translations(read_mo(file)) == italian, (
            "argparse.mo is stale: compile it as docs/translating.md says"
        )


def test_every_named_choice_has_its_words_in_the_catalog():
    template = translations(read_catalog(TEMPLATE))
    for kind in (Strategy, Channel, Spokesperson, Voice, InjectType):
        for member in kind:
            assert LABELS[member.value] in template, member
            assert label(member, ENGLISH) == member.value.replace("_", " ")
    assert label(Strategy.HOLDING_STATEMENT, translator("it_IT")) == "comunicato di attesa"


# --------------------------------------------------------------------------- the world's words


def engine_fragments() -> list[str]:
    """The English words of the messages the engine announces (sim/engine), placeholders out:
    "{journalist} asks for comment" gives "asks for comment"."""
    sources = (ROOT / "sim" / "engine").rglob("*.py")
    marked = re.compile(r"""(?:\bwords|\b_)\(\s*((?:"[^"]*"\s*)+)\)""")
    fragments = []
    for source in sources:
        for call in marked.finditer(source.read_text(encoding="utf-8")):
            text = "".join(re.findall(r'"([^"]*)"', call.group(1)))
            fragments += [part.strip() for part in PLACEHOLDER.split(text) if len(part) > 6]
    return fragments


def test_an_italian_session_narrates_its_world_in_italian():
    spec = load_scenario("disservizio")
    session = Session(spec, seed=3)
    session.end_turn()
    session.end_turn()
    events = session.inbox
    assert any(event.inquiry_id for event in events), "the test needs a journalist's inquiry"
    fragments = engine_fragments()
    assert "asks for comment" in fragments
    told = " ".join(f"{event.title} {event.body}" for event in events)
    assert [fragment for fragment in fragments if fragment in told] == []
    assert "chiede un commento" in told
