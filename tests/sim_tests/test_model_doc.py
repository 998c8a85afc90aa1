"""docs/model.md states the model as built: every parameter of the model's sections is named
there, so a newcomer following a docstring's "docs/model.md section N" finds the rule and its
numbers."""

from __future__ import annotations

import re
from pathlib import Path

from sim.spec.schema import ScenarioSpec

MODEL_DOC = Path(__file__).resolve().parents[2] / "docs" / "model.md"
# The sections that hold the model's parameters (meta and team are the exercise's).
MODEL_SECTIONS = (
    "graph",
    "population",
    "crisis",
    "spread",
    "media",
    "evidence",
    "attitude",
    "responses",
    "monitoring",
    "turns",
)


def test_every_model_parameter_is_named_in_the_model_document() -> None:
    text = MODEL_DOC.read_text(encoding="utf-8")
    missing = [
        f"{section}.{name}"
        for section in MODEL_SECTIONS
        for name in ScenarioSpec.model_fields[section].annotation.model_fields
        if f"`{section}.{name}`" not in text
    ]
    assert not missing, f"docs/model.md does not name: {', '.join(missing)}"


def test_the_model_document_has_the_sections_the_docstrings_cite() -> None:
    headings = re.findall(r"^## (\d+)\. ", MODEL_DOC.read_text(encoding="utf-8"), re.M)
    assert headings == [str(n) for n in range(1, 11)]
