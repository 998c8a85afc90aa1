"""The report as one self-contained HTML file: styles inline, figures embedded as base64 PNG,
no scripts and nothing fetched, so it opens offline in any browser, travels by e-mail and prints
to PDF from the browser's print dialog.

Every piece of text goes through `html.escape` here and only here: statements, notes and
scenario text are written by people and must show as written, never run as markup.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path
from string import Template

from sim.report.document import Block, Bullets, Document, Paragraph, Quote, Section, Table

RATING_CLASSES = {
    "P": "rating-p",
    "S": "rating-s",
    "M": "rating-m",
    "U": "rating-u",
    "N": "rating-n",
}

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f23;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; border-bottom: 3px solid #1f4e79; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; color: #1f4e79; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
.subtitle { color: #57606a; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f6f9; }
.rating { font-weight: 700; text-align: center; width: 3rem; }
.rating-p { background: #d4edda; } .rating-s { background: #fff3cd; }
.rating-m { background: #ffe0b2; } .rating-u { background: #f8d7da; }
.rating-n { background: #e2e3e5; }
blockquote { margin: .8rem 0; padding: .4rem .9rem; border-left: 4px solid #1f4e79;
             background: #f6f8fa; white-space: pre-wrap; }
.attribution { display: block; color: #57606a; font-size: .85rem; margin-top: .3rem;
               white-space: normal; }
figure { margin: 1rem 0; } figure img { max-width: 100%; }
figcaption { color: #57606a; font-size: .85rem; }
.lead { font-weight: 600; margin-bottom: .2rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
               table, figure, blockquote { break-inside: avoid; } }
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="$language">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>$style</style>
</head>
<body>
<h1>$title</h1>
<p class="subtitle">$subtitle</p>
$body
</body>
</html>
""")


def _table(table: Table) -> str:
    header = "".join(f"<th>{escape(cell)}</th>" for cell in table.header)
    rows = []
    for row in table.rows:
        cells = []
        for index, cell in enumerate(row):
            rating = RATING_CLASSES.get(cell) if index == table.rating_column else None
            css = f' class="rating {rating}"' if rating else ""
            cells.append(f"<td{css}>{escape(cell)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        lead = f'<p class="lead">{escape(block.lead)}</p>' if block.lead else ""
        items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
        tag = "ol" if block.ordered else "ul"
        return f"{lead}<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Quote):
        return (
            f"<blockquote>{escape(block.text)}"
            f'<span class="attribution">— {escape(block.attribution)}</span></blockquote>'
        )
    data = base64.b64encode(block.png).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{escape(block.caption)}">'
        f"<figcaption>{escape(block.caption)}</figcaption></figure>"
    )


def _section(section: Section) -> str:
    heading = f"<h{section.level}>{escape(section.title)}</h{section.level}>"
    return "\n".join([heading, *(_block(block) for block in section.blocks)])


def render_html(document: Document) -> str:
    return PAGE.substitute(
        language=escape(document.language),
        title=escape(document.title),
        subtitle=escape(document.subtitle),
        style=STYLE,
        body="\n".join(_section(section) for section in document.sections),
    )


def write_html(document: Document, report: Path) -> None:
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(render_html(document), encoding="utf-8")
