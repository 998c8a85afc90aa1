"""The report as plain content (sections of paragraphs, lists, tables, figures, quotes),
built once and rendered to Markdown or HTML.

Keeping the content apart from the formats means the two never say different things, and all
escaping happens in one place per format: the text here is exactly what people wrote or what the
model reported, never pre-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    lead: str = ""  # a short bold lead-in such as "Evidence"
    ordered: bool = False  # numbered, when the order is a ranking


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    rating_column: int | None = None  # cells holding P/S/M/U, coloured in HTML


@dataclass(frozen=True)
class Figure:
    name: str  # file stem of the PNG next to a Markdown report
    caption: str
    png: bytes


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str


Block = Paragraph | Bullets | Table | Figure | Quote


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    level: int = 2


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    language: str = "en"  # the report's language, as HTML's lang attribute gives it ("it")

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, Figure))
