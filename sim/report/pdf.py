"""The report as a PDF, written with fpdf2: pure Python, so the README's `pip install` makes PDFs
on a fresh machine with no browser and no system library (WeasyPrint needs Pango; Chromium is
not installed by pip).

Text is set in DejaVu Sans from matplotlib's own font folder (matplotlib is already a
dependency, for the figures), so Italian accents, typographic quotes and dashes print as
written; characters the font lacks (an emoji) are replaced, never dropped silently and never
an error. Text is written as plain text, never read as markup, so what people wrote shows as
written. Figures are the same PNGs as in the other formats.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import matplotlib
from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode, XPos, YPos

from sim.report.document import Block, Bullets, Document, Figure, Paragraph, Quote, Section, Table

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
BODY_PT = 9.5
TABLE_PT = 7.5
LINE_MM = 4.6
BLUE = (31, 78, 121)
GREY = (87, 96, 106)
HEADER_FILL = (243, 246, 249)
RATING_FILLS = {
    "P": (212, 237, 218),
    "S": (255, 243, 205),
    "M": (255, 224, 178),
    "U": (248, 215, 218),
    "N": (226, 227, 229),
}
REPLACEMENT = "?"


def font_folder() -> Path:
    """matplotlib's bundled TrueType fonts (DejaVu Sans among them)."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _Pdf(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report_title = title
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(auto=True, margin=16)
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style=style, fname=str(font_folder() / name))
        self.set_title(title)
        self.set_creator("stormdrill")
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{self.report_title}  ·  page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _printable(pdf: FPDF, text: str) -> str:
    """The text with characters the font cannot draw replaced, so the PDF says it left
    something out instead of printing a blank."""
    font = pdf.fonts[pdf.font_family + pdf.font_style.replace("U", "")]
    cmap = getattr(font, "cmap", {})
    return "".join(char if char in "\n\t" or ord(char) in cmap else REPLACEMENT for char in text)


def _text(pdf: FPDF, text: str, size: float = BODY_PT, style: str = "", indent: float = 0) -> None:
    pdf.set_font(FONT, style=style, size=size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(
        pdf.epw - indent,
        LINE_MM,
        _printable(pdf, text),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _heading(pdf: FPDF, section: Section) -> None:
    size = 13 if section.level <= 2 else 10.5
    if section.level <= 2 and pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_text_color(*BLUE)
    _text(pdf, section.title, size=size, style="B")
    if section.level <= 2:
        pdf.set_draw_color(*BLUE)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1.5)


def _bullets(pdf: FPDF, block: Bullets) -> None:
    if block.lead:
        _text(pdf, block.lead, style="B")
    for number, item in enumerate(block.items, start=1):
        mark = f"{number}." if block.ordered else "•"
        y = pdf.get_y()
        pdf.set_font(FONT, size=BODY_PT)
        pdf.set_x(pdf.l_margin + 2)
        pdf.cell(5, LINE_MM, mark)
        pdf.set_y(y)
        _text(pdf, item, indent=7)
    pdf.ln(1.5)


CELL_PADDING_MM = 3.0
LONGEST_CELL_MM = 80.0


def column_widths(
    table: Table, measure: Callable[[str], float], heading: Callable[[str], float], width: float
) -> tuple[float, ...]:
    """Each column's width in mm, filling `width`: at least its header's longest word (so no
    heading breaks inside a word), and the room left shared by how much text each column holds
    (its longest cell, up to a long sentence), so times stay narrow and prose gets the room.
    `measure` and `heading` give a text's width in the cells' and the header's fonts."""
    least = [
        max((heading(word) for word in title.split()), default=0.0) + CELL_PADDING_MM
        for title in table.header
    ]
    wanted = [
        max(
            least[index],
            min(
                max((measure(row[index]) for row in table.rows if index < len(row)), default=0.0),
                LONGEST_CELL_MM,
            )
            + CELL_PADDING_MM,
        )
        for index in range(len(table.header))
    ]
    if sum(wanted) <= width:
        return tuple(w * width / sum(wanted) for w in wanted)
    spare = max(width - sum(least), 0.0)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    return tuple(m + spare * e / (sum(extra) or 1.0) for m, e in zip(least, extra, strict=True))


def _widths(pdf: FPDF, block: Table) -> tuple[float, ...]:
    def measure(text: str, style: str = "") -> float:
        pdf.set_font(FONT, style=style, size=TABLE_PT)
        return float(pdf.get_string_width(_printable(pdf, text)))

    widths = column_widths(block, measure, lambda text: measure(text, "B"), pdf.epw)
    pdf.set_font(FONT, size=TABLE_PT)
    return widths


def _table(pdf: FPDF, block: Table) -> None:
    pdf.set_font(FONT, size=TABLE_PT)
    heading = FontFace(emphasis="BOLD", fill_color=HEADER_FILL)
    with pdf.table(
        col_widths=_widths(pdf, block),
        headings_style=heading,
        line_height=3.6,
        padding=1,
        text_align="LEFT",
        cell_fill_mode=TableCellFillMode.NONE,
        repeat_headings=1,
    ) as table:
        header = table.row()
        for cell in block.header:
            header.cell(_printable(pdf, cell))
        for cells in block.rows:
            row = table.row()
            for index, cell in enumerate(cells):
                fill = RATING_FILLS.get(cell) if index == block.rating_column else None
                style = FontFace(emphasis="BOLD", fill_color=fill) if fill else None
                row.cell(_printable(pdf, cell), style=style)
    pdf.ln(2)


def _quote(pdf: FPDF, block: Quote) -> None:
    top = pdf.get_y()
    _text(pdf, block.text, indent=4)
    pdf.set_text_color(*GREY)
    _text(pdf, f"— {block.attribution}", size=TABLE_PT, indent=4)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(*BLUE)
    if pdf.get_y() > top:  # the bar beside the quote, unless it ran onto a new page
        pdf.line(pdf.l_margin + 1, top, pdf.l_margin + 1, pdf.get_y())
    pdf.ln(1.5)


def _figure(pdf: FPDF, block: Figure) -> None:
    pdf.image(io.BytesIO(block.png), x=pdf.l_margin, w=pdf.epw)
    pdf.set_text_color(*GREY)
    _text(pdf, block.caption, size=TABLE_PT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _block(pdf: FPDF, block: Block) -> None:
    if isinstance(block, Paragraph):
        _text(pdf, block.text)
        pdf.ln(1.5)
    elif isinstance(block, Bullets):
        _bullets(pdf, block)
    elif isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, Quote):
        _quote(pdf, block)
    else:
        _figure(pdf, block)


def render_pdf(document: Document) -> bytes:
    pdf = _Pdf(document.title)
    pdf.add_page()
    pdf.set_text_color(*BLUE)
    _text(pdf, document.title, size=16, style="B")
    pdf.set_text_color(*GREY)
    _text(pdf, document.subtitle, style="I")
    pdf.set_text_color(0, 0, 0)
    for section in document.sections:
        _heading(pdf, section)
        for block in section.blocks:
            _block(pdf, block)
    return bytes(pdf.output())


def write_pdf(document: Document, report: Path) -> None:
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_bytes(render_pdf(document))
