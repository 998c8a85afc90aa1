"""The report as Markdown, with its figures as PNG files next to it (named after the report),
for pasting into wikis and tickets or converting with any Markdown tool."""

from __future__ import annotations

from pathlib import Path

from sim.report.document import Block, Bullets, Document, Figure, Paragraph, Quote, Table


def figure_path(report: Path, figure: Figure) -> Path:
    return report.with_name(f"{report.stem}-{figure.name}.png")


def _inline(text: str) -> str:
    """One line of text that Markdown shows as written: no line breaks, no active markup."""
    flat = " ".join(text.split())
    for char in "\\`*_[]<>|#":
        flat = flat.replace(char, "\\" + char)
    return flat


def _block(block: Block, report: Path) -> list[str]:
    if isinstance(block, Paragraph):
        return [_inline(block.text), ""]
    if isinstance(block, Bullets):
        lines = [f"**{block.lead}**", ""] if block.lead else []
        marks = [f"{n}." if block.ordered else "-" for n in range(1, len(block.items) + 1)]
        items = (f"{mark} {_inline(item)}" for mark, item in zip(marks, block.items, strict=True))
        return [*lines, *items, ""]
    if isinstance(block, Table):
        lines = [
            "| " + " | ".join(_inline(cell) for cell in block.header) + " |",
            "|" + "---|" * len(block.header),
        ]
        lines += ["| " + " | ".join(_inline(cell) for cell in row) + " |" for row in block.rows]
        return [*lines, ""]
    if isinstance(block, Quote):
        quoted = [f"> {_inline(line)}" if line.strip() else ">" for line in block.text.splitlines()]
        return [*quoted, ">", f"> — {_inline(block.attribution)}", ""]
    image = figure_path(report, block).name
    return [f"![{_inline(block.caption)}]({image})", "", f"*{_inline(block.caption)}*", ""]


def render_markdown(document: Document, report: Path) -> str:
    """The Markdown text; `report` is where it will be written (figure links are relative)."""
    lines = [f"# {_inline(document.title)}", "", f"*{_inline(document.subtitle)}*", ""]
    for section in document.sections:
        lines += [f"{'#' * section.level} {_inline(section.title)}", ""]
        for block in section.blocks:
            lines += _block(block, report)
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(document: Document, report: Path) -> None:
    report.parent.mkdir(parents=True, exist_ok=True)
    for figure in document.figures:
        figure_path(report, figure).write_bytes(figure.png)
    report.write_text(render_markdown(document, report), encoding="utf-8")
