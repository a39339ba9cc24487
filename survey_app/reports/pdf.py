"""Laying out a chart pack as an A4 PDF with reportlab: cover, tables, charts, method note.

The text uses the app's one PDF font (survey_app/fonts.py), so Welsh and other accented names
print and can be searched and copied from the PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..fonts import register_fonts
from .logo import Logo
from .tables import ChartTable

FONT, BOLD = register_fonts()  # paragraphs look their fonts up when they are made
TEXT_WIDTH = A4[0] - 4 * cm
MAX_IMAGE_HEIGHT = A4[1] - 4 * cm - 3 * cm  # the frame, less room for the chart's heading
LOGO_BOX = (6 * cm, 3 * cm)  # the most room a logo takes on the cover, its shape kept
CELL_PADDING = 2  # points, each side of a table cell


# Binary streams: ASCII85 only makes a PDF 25% bigger, and without reportlab's C accelerator it
# costs more time than anything else in a pack (measured: most of the writing time).
rl_config.useA85 = 0


def _style(name: str, size: float, bold: bool = False, space: float = 6) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=BOLD if bold else FONT, fontSize=size, leading=size * 1.3,
        spaceAfter=space, alignment=TA_LEFT,
    )  # fmt: skip


TITLE = _style("title", 24, bold=True, space=18)
H1 = _style("h1", 16, bold=True, space=10)
H2 = _style("h2", 12, bold=True, space=6)
BODY = _style("body", 10)
SMALL = _style("small", 8, space=2)
SMALL_BOLD = _style("small-bold", 8, bold=True, space=2)
SMALL.splitLongWords = SMALL_BOLD.splitLongWords = 0  # a word is never broken (see fit_widths)


@dataclass(frozen=True)
class ChartBlock:
    """One chart as an image (JPEG or PNG bytes) and the table of its numbers."""

    heading: str
    image: bytes
    size_px: tuple[int, int]
    table: ChartTable


@dataclass
class PackDocument:
    """The content of one pack, in reading order."""

    title: str
    cover_lines: list[str]
    footer: str
    flow: list = field(default_factory=list)
    cover_headline: list[str] = field(default_factory=list)
    council: str = ""  # above the title on the cover (the Board report)
    logo: Logo | None = None
    image_format = "jpeg"  # what packs.py encodes charts as for this document

    def heading(self, text: str, level: int = 1) -> None:
        self.flow.append(Paragraph(escape(text), H1 if level == 1 else H2))

    def text(self, text: str) -> None:
        self.flow.append(Paragraph(escape(text), BODY))

    def new_page(self) -> None:
        self.flow.append(PageBreak())

    def table(self, table: ChartTable, widths: list[float] | None = None) -> None:
        self.flow.extend(table_flow(table, widths))

    def chart(self, block: ChartBlock) -> None:
        """Heading, picture and table on one page when they fit; else the table follows.
        The picture carries no title of its own (packs.py draws it without): the heading is
        the title, once, and as text it can be searched and read aloud."""
        width_px, height_px = block.size_px
        # A tall chart (many questions) is shrunk to fit one page rather than split.
        scale = min(TEXT_WIDTH / width_px, MAX_IMAGE_HEIGHT / height_px)
        image = Image(io.BytesIO(block.image), width=width_px * scale, height=height_px * scale)
        heading = Paragraph(escape(block.heading), H2)
        self.flow.append(KeepTogether([heading, image, *table_flow(block.table, None)]))


def write(document: PackDocument, path: Path) -> int:
    """Write the PDF; returns its number of pages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
        bottomMargin=2 * cm, title=document.title, author="Cohesion surveys",
    )  # fmt: skip
    cover = [*_logo(document.logo), Spacer(1, 2 * cm)]
    if document.council:
        cover.append(Paragraph(escape(document.council), H1))
    cover.append(Paragraph(escape(document.title), TITLE))
    cover += [Paragraph(escape(line), BODY) for line in document.cover_lines]
    if document.cover_headline:
        cover += [Spacer(1, 0.4 * cm), Paragraph("Headline", H2)]
        cover += [Paragraph(escape(line), BODY) for line in document.cover_headline]
    flow = (
        document.flow[1:]
        if document.flow[:1] and isinstance(document.flow[0], PageBreak)
        else document.flow
    )
    # The cover says what the footer says (title, date): it has no footer of its own.
    doc.build(cover + [PageBreak()] + flow, onLaterPages=_footer(document.footer))
    return int(doc.page)


def _logo(logo: Logo | None) -> list:
    if logo is None:
        return [Spacer(1, 1 * cm)]
    width, height = logo.size_px
    scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)
    image = Image(io.BytesIO(logo.data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return [image]


def _footer(text: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(2 * cm, 1.2 * cm, text)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Page {doc.page}")
        canvas.restoreState()

    return draw


def table_flow(table: ChartTable, widths: list[float] | None) -> list:
    notes = [Paragraph(escape(note), SMALL) for note in table.notes]
    return [_table(table, widths), *notes, Spacer(1, 0.4 * cm)]


def _table(table: ChartTable, widths: list[float] | None) -> Table:
    head = [Paragraph(escape(c), SMALL_BOLD) for c in table.columns]
    body = [[Paragraph(escape(cell), SMALL) for cell in row] for row in table.rows]
    if widths is None:
        first = TEXT_WIDTH * 0.3
        rest = (TEXT_WIDTH - first) / max(1, len(table.columns) - 1)
        widths = [first] + [rest] * (len(table.columns) - 1)
    out = Table([head, *body], colWidths=fit_widths(table, widths), repeatRows=1)
    out.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]))  # fmt: skip
    return out


def fit_widths(table: ChartTable, widths: list[float]) -> list[float]:
    """Column widths in which every word of every cell fits on a line, so cells wrap between
    words and never inside one ("Sometim/es"); the room is taken from columns with room to
    spare, in proportion to it, keeping the table within the text width where it can."""
    need = [_widest_word(table, i) + 2 * CELL_PADDING + 1 for i in range(len(widths))]
    out = [max(w, n) for w, n in zip(widths, need, strict=True)]
    over = sum(out) - max(TEXT_WIDTH, sum(widths))
    spare = [w - n for w, n in zip(out, need, strict=True)]
    if over > 0 and sum(spare) > 0:
        share = min(1.0, over / sum(spare))
        out = [w - s * share for w, s in zip(out, spare, strict=True)]
    return out


def _widest_word(table: ChartTable, column: int) -> float:
    heading = [(word, BOLD) for word in table.columns[column].split()]
    cells = [(word, FONT) for row in table.rows for word in str(row[column]).split()]
    return max((stringWidth(word, font, SMALL.fontSize) for word, font in heading + cells),
               default=0.0)  # fmt: skip
