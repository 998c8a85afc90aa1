"""The JSON Schemas editors check scenario and protocol files against: committed under schemas/,
current, and in agreement with the loader over a corpus of good and bad files
(tests/sim_tests/schema_corpus). Each bad file's first line says who refuses it: `both`, or
`loader only` with the rule a JSON Schema cannot say (it must be one the schema lists)."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from sim.cli.main import main
from sim.cli.schemas_cmd import generated_files
from sim.errors import UserError
from sim.protocol import load_protocol
from sim.protocol.loader import PROTOCOL_SCHEMA_ID, protocol_json_schema
from sim.spec.loader import (
    LOADER_ONLY_RULES,
    SCENARIO_SCHEMA_ID,
    load_scenario,
    scenario_json_schema,
)
from tests.tiny import TINY

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).with_name("schema_corpus")
BUNDLED = Path(str(resources.files("scenarios")))
PROTOCOL_LOADER_ONLY = ("repeat_until_h at least after_h", "no control characters in text")

KINDS = {
    "scenarios": (scenario_json_schema, load_scenario, LOADER_ONLY_RULES),
    "protocols": (protocol_json_schema, load_protocol, PROTOCOL_LOADER_ONLY),
}


def corpus(kind: str, verdict: str) -> list[Path]:
    return sorted((CORPUS / kind / verdict).glob("*.toml"))


def schema_accepts(kind: str, path: Path) -> bool:
    build, _, _ = KINDS[kind]
    validator = jsonschema.Draft202012Validator(build())
    return validator.is_valid(tomllib.loads(path.read_text(encoding="utf-8")))


def file_id(value: object) -> str:
    return getattr(value, "name", str(value))


def good_files() -> list[tuple[str, Path]]:
    return [
        *((kind, path) for kind in KINDS for path in corpus(kind, "good")),
        *(("scenarios", path) for path in sorted(BUNDLED.glob("*.toml"))),
        ("scenarios", Path(TINY)),
        *(("protocols", path) for path in sorted((BUNDLED / "protocols").glob("*.toml"))),
    ]


def bad_files() -> list[tuple[str, Path]]:
    return [(kind, path) for kind in KINDS for path in corpus(kind, "bad")]


@pytest.mark.parametrize(
    ("kind", "path"), good_files(), ids=lambda value: getattr(value, "name", value)
)
def test_a_good_file_passes_the_loader_and_the_schema(kind, path):
    _, load, _ = KINDS[kind]
    load(str(path))
    assert schema_accepts(kind, path)


@pytest.mark.parametrize(
    ("kind", "path"), bad_files(), ids=lambda value: getattr(value, "name", value)
)
def test_a_bad_file_fails_the_loader_in_one_sentence_and_the_schema_unless_it_cannot_say(
    kind, path
):
    _, load, loader_only = KINDS[kind]
    who, _, rule = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").partition(": ")
    with pytest.raises(UserError) as refused:
        load(str(path))
    message = str(refused.value)
    assert message.startswith(str(path)) and "\n" not in message and message.endswith(".")
    if who == "both":
        assert not schema_accepts(kind, path), f"the schema lets {path.name} through"
    else:
        listed = any(rule in said for said in loader_only)
        assert who == "loader only" and listed, f"{path.name}: {who}: {rule}"
        assert schema_accepts(kind, path), f"the schema refuses {path.name}: say it is both"


def test_text_where_a_number_goes_is_one_sentence_naming_the_field():
    with pytest.raises(UserError, match=r'graph.users = "200" is not a whole number; use a whole'):
        load_scenario(str(CORPUS / "scenarios" / "bad" / "users-as-text.toml"))


def test_the_schemas_have_an_id_and_say_what_only_the_loader_checks():
    scenario, protocol = scenario_json_schema(), protocol_json_schema()
    assert scenario["$id"] == SCENARIO_SCHEMA_ID and protocol["$id"] == PROTOCOL_SCHEMA_ID
    assert all(rule in scenario["description"] for rule in LOADER_ONLY_RULES)
    assert "name" not in protocol["required"], "a protocol's name defaults to its file's"
    jsonschema.Draft202012Validator.check_schema(scenario)
    jsonschema.Draft202012Validator.check_schema(protocol)


def test_committed_generated_files_are_current():
    stale = [
        relative
        for relative, build in generated_files().items()
        if (ROOT / relative).read_text(encoding="utf-8") != build()
    ]
    assert not stale, f"stale: {', '.join(stale)}; run `stormdrill schemas write`"


def test_schemas_write_regenerates_every_file(tmp_path, capsys):
    assert main(["schemas", "write", "--root", str(tmp_path)]) == 0
    for relative in generated_files():
        assert (tmp_path / relative).read_text(encoding="utf-8") == (ROOT / relative).read_text(
            encoding="utf-8"
        )
    assert json.loads((tmp_path / "schemas" / "scenario.schema.json").read_text())["$id"]
    assert "wrote" in capsys.readouterr().out
