"""Reading a scenario: find the file, parse the TOML, apply `--set` overrides, validate.

Every mistake a user can make here ends as one `ScenarioError` sentence that names the file, the
dotted field path, what was given and what to write instead. Pydantic's error list is translated
(by sim.validation, the one voice for protocol files and actions too) rather than shown, because
its wording ("Input should be less than or equal to 1") names neither the file nor the fix.

A relative `graph.source` is resolved against the scenario file's folder, and the returned spec
holds the absolute path: the spec then means the same thing wherever it travels (a saved session,
a worker process, another working directory), and
`sim.engine.world.graph.load_graph(spec.graph.source)` needs no other context.
"""

from __future__ import annotations

import copy
import difflib
import re
import tomllib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, get_origin

from pydantic import BaseModel, ValidationError

from sim.errors import ScenarioError, UserError
from sim.i18n import ENGLISH, SUPPORTED_LOCALES, Translator, interface_locale, translator
from sim.paths import is_dir, is_file
from sim.spec.schema import ScenarioSpec
from sim.toml_file import read_toml
from sim.validation import (
    describe_validation_error,
    field_path,
    is_model,
    shown_value,
    unknown_field_fix,
)

GENERATED_GRAPH = "generate"


# --------------------------------------------------------------------------- finding the file


def _bundled_folder() -> Path:
    """The folder of the `scenarios` package: bundled scenarios ship in it as plain files."""
    return Path(str(resources.files("scenarios")))


def bundled_names() -> list[str]:
    """Names of the scenarios shipped with stormdrill, e.g. 'data-breach'."""
    return sorted(path.stem for path in _bundled_folder().glob("*.toml"))


def _is_plain_name(name_or_path: str | Path) -> bool:
    """A bundled name is a str with no folder and no extension; anything else is a path."""
    return isinstance(name_or_path, str) and not re.search(r"[/\\.]", name_or_path)


def resolve_scenario_path(name_or_path: str | Path, words: Translator = ENGLISH) -> Path:
    """Map a bundled name ('data-breach') to its file, or check that a path is a file; if it is
    not one, say so in the language of `words` (the command's `--lang`, if any: the file's own
    language is inside the file)."""
    if _is_plain_name(name_or_path):
        bundled = _bundled_folder() / f"{name_or_path}.toml"
        if bundled.is_file():
            return bundled
    path = Path(name_or_path).expanduser()
    if is_file(path):
        return path
    raise ScenarioError(_missing_file_sentence(name_or_path, path, words))


def _missing_file_sentence(name_or_path: str | Path, path: Path, words: Translator) -> str:
    names = bundled_names()
    close = difflib.get_close_matches(path.stem, names, n=1)
    hint = words("did you mean {name}? ").format(name=close[0]) if close else ""
    if is_dir(path):
        problem = words("is a folder, not a scenario file")
    else:
        problem = words("no such scenario file")
    return words(
        "{given}: {problem}; {hint}give the path of a .toml scenario file or a bundled name "
        "({names}; see `stormdrill scenarios list`)."
    ).format(
        given=name_or_path,
        problem=problem,
        hint=hint,
        names=", ".join(names) or words("none installed"),
    )


def _label(name_or_path: str | Path, path: Path) -> str:
    """How messages name the file: as the user wrote it, or scenarios/NAME.toml if bundled."""
    bundled = _is_plain_name(name_or_path) and path.parent == _bundled_folder()
    return f"scenarios/{path.name}" if bundled else str(name_or_path)


# --------------------------------------------------------------------------- reading the TOML


# --------------------------------------------------------------------------- overrides


def parse_override_value(text: str) -> Any:
    """A `--set` value is a TOML value when it parses as one (0.8, true, [1, 2]), else text."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text
    except RecursionError:
        raise ValueError("nested too deep") from None


def apply_overrides(
    data: dict[str, Any], overrides: Sequence[str], source: str, words: Translator = ENGLISH
) -> dict[str, Any]:
    """Return a copy of the scenario data with each 'dotted.key=value' override applied.

    Keys are checked against the schema, not the file, so a field the file leaves at its default
    can be overridden too; values are validated afterwards with the rest of the scenario.
    """
    result = copy.deepcopy(data)
    for override in overrides:
        key, equals, value = (part.strip() for part in override.partition("="))
        if not equals or not key:
            raise ScenarioError(
                words(
                    "{source}: --set {override} is not of the form dotted.key=value; write for "
                    "example --set crisis.severity=0.8."
                ).format(source=source, override=repr(override))
            )
        names = tuple(key.split("."))
        _check_override_key(names, override, source, words)
        try:
            parsed = parse_override_value(value)
        except ValueError:
            raise ScenarioError(
                words(
                    "{source}: --set {key}=... holds arrays or tables nested too deep to read; "
                    "give a plain TOML value."
                ).format(source=source, key=key)
            ) from None
        _assign(result, names, parsed, override, source, words)
    return result


def _check_override_key(
    names: tuple[str, ...], override: str, source: str, words: Translator
) -> None:
    """Walk the schema along the key and stop with a sentence at the first wrong name."""
    model: type[BaseModel] = ScenarioSpec
    for depth, name in enumerate(names):
        here = names[: depth + 1]
        field = model.model_fields.get(name)
        if field is None:
            fix = unknown_field_fix(here, model, words)
            raise ScenarioError(
                words("{source}: --set {override} names an unknown field {field}; {fix}").format(
                    source=source, override=repr(override), field=field_path(here), fix=fix
                )
            )
        if depth == len(names) - 1:
            return
        if is_model(field.annotation):
            model = field.annotation
        elif get_origin(field.annotation) is dict and depth == len(names) - 2:
            return
        else:
            raise ScenarioError(
                words(
                    "{source}: --set {override} reaches inside {field}, which is not a section; "
                    "set {field} as a whole TOML value or edit the file."
                ).format(source=source, override=repr(override), field=field_path(here))
            )


def _assign(
    data: dict[str, Any],
    names: tuple[str, ...],
    value: Any,
    override: str,
    source: str,
    words: Translator,
) -> None:
    table = data
    for depth, name in enumerate(names[:-1]):
        table = table.setdefault(name, {})
        if not isinstance(table, dict):
            path = field_path(names[: depth + 1])
            raise ScenarioError(
                words(
                    "{source}: --set {override} cannot apply because {field} is not a table in "
                    "the file; fix {field} in the file first."
                ).format(source=source, override=repr(override), field=path)
            )
    table[names[-1]] = value


# --------------------------------------------------------------------------- loading


def _with_resolved_graph_source(
    spec: ScenarioSpec, folder: Path, label: str, words: Translator
) -> ScenarioSpec:
    source = spec.graph.source
    if source == GENERATED_GRAPH:
        return spec
    try:
        resolved = (folder / Path(source).expanduser()).resolve()
    except (OSError, RuntimeError, ValueError):
        resolved = folder / source
    if not is_file(resolved):
        raise ScenarioError(
            words(
                "{label}: graph.source = {source} is not a file (looked for {resolved}); give a "
                "path relative to the scenario file's folder, or {generated}."
            ).format(
                label=label,
                source=shown_value(source),
                resolved=shown_value(str(resolved)),
                generated=shown_value(GENERATED_GRAPH),
            )
        )
    graph = spec.graph.model_copy(update={"source": str(resolved)})
    return spec.model_copy(update={"graph": graph})


def file_words(data: dict[str, Any], lang: str | None = None) -> Translator:
    """The language of the sentences about a scenario file that was read but may not validate:
    `lang` (a command's `--lang`) or $STORMDRILL_LANG, as for everything else the command says
    (sim.i18n.interface_locale); else the file's own `meta.locale`, read from the parsed TOML
    before validation, when it names a locale stormdrill speaks; else English. The file is the
    one place that knows its language, and a user who wrote it in Italian reads Italian."""
    meta = data.get("meta")
    written = meta.get("locale") if isinstance(meta, dict) else None
    locale = written if isinstance(written, str) and written in SUPPORTED_LOCALES else "en_US"
    try:
        return translator(interface_locale(locale, lang))
    except UserError:  # an unknown --lang or $STORMDRILL_LANG: the command says so itself
        return translator(locale)


def load_scenario(
    name_or_path: str | Path, overrides: Sequence[str] = (), lang: str | None = None
) -> ScenarioSpec:
    """Read, override and validate a scenario; raise `ScenarioError` with one sentence if wrong,
    in the language `file_words` finds (`lang`: the command's `--lang`, if any)."""
    told = file_words({}, lang)  # before the file is read, only the command knows a language
    path = resolve_scenario_path(name_or_path, told)
    label = _label(name_or_path, path)
    raw = read_toml(path, label, ScenarioError, told)
    data = apply_overrides(raw, overrides, label, file_words(raw, lang))
    words = file_words(data, lang)  # `--set meta.locale=...` included
    try:
        spec = ScenarioSpec.model_validate(data)
    except ValidationError as error:
        sentence = describe_validation_error(error, label, ScenarioSpec, words=words)
        raise ScenarioError(sentence) from None
    return _with_resolved_graph_source(spec, path.parent, label, words)


def list_bundled_scenarios() -> list[tuple[str, ScenarioSpec]]:
    """Every bundled scenario by name, loaded and validated, sorted by name."""
    return [(name, load_scenario(name)) for name in bundled_names()]


SCENARIO_SCHEMA_ID = "urn:stormdrill:schema:scenario"

LOADER_ONLY_RULES = (
    "ids unique within injects, meta.objectives and team.templates",
    "crisis.seeds at most graph.users",
    "no control characters in text",
    "the graph file named by graph.source exists and reads",
)
"""What `stormdrill scenarios validate` checks and a JSON Schema cannot say."""


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files, for editors that validate and complete TOML
    (schemas/scenario.schema.json, written by `stormdrill schemas write`)."""
    schema = ScenarioSpec.model_json_schema()
    schema["description"] = (
        f"{schema['description']} Also checked by `stormdrill scenarios validate`, and not by "
        f"this schema: {'; '.join(LOADER_ONLY_RULES)}."
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCENARIO_SCHEMA_ID,
        **schema,
    }
