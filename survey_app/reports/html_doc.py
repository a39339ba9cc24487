"""A chart pack or Board report as one self-contained, accessible HTML page.

`HtmlDocument` takes the same calls as `pdf.PackDocument` (heading, text, table, chart,
new_page), so packs.py and board.py lay a document out once for both. The page is rendered from
the Jinja template reports/document.html: headings in order (the title is the h1, a section h2,
within it h3), real tables with a caption and header cells, charts as data: PNG images whose
alt text gives their numbers, and nothing fetched from anywhere (a council publishes the file
as it is, so it must stand alone).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from .logo import Logo
from .tables import ChartTable

ALT_ROWS = 12  # beyond this the alt text says how many more rows the table below holds


@dataclass
class HtmlDocument:
    """The content of one page, in reading order (the calls of pdf.PackDocument)."""

    title: str
    cover_lines: list[str]
    footer: str
    cover_headline: list[str] = field(default_factory=list)
    council: str = ""
    logo: Logo | None = None
    blocks: list[dict[str, Any]] = field(default_factory=list)
    image_format = "png"  # lossless and shown by every browser from a data: address

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append({"kind": "heading", "level": level + 1, "text": text})

    def text(self, text: str) -> None:
        self.blocks.append({"kind": "text", "text": text})

    def new_page(self) -> None:
        """Pages are the PDF's: a web page has none."""

    def table(self, table: ChartTable, widths: list[float] | None = None) -> None:
        self.blocks.append({"kind": "table", "table": table})

    def chart(self, block: Any) -> None:
        """A pdf.ChartBlock (heading, PNG bytes, size in pixels, table) as an image and table."""
        width, height = block.size_px
        self.blocks.append({
            "kind": "chart", "heading": block.heading, "src": data_uri(block.image, "image/png"),
            "alt": alt_text(block.table), "width": width, "height": height, "table": block.table,
        })  # fmt: skip


def data_uri(data: bytes, mimetype: str) -> str:
    return f"data:{mimetype};base64,{base64.b64encode(data).decode('ascii')}"


def alt_text(table: ChartTable) -> str:
    """What a chart shows, in its numbers: "Chart: <caption>. Sense of belonging: Before 3.1,
    After 3.6, Change +0.50; ...", every row up to ALT_ROWS, then how many more are below."""
    rows = []
    for row in table.rows[:ALT_ROWS]:
        cells = [
            f"{column} {cell}"
            for column, cell in zip(table.columns[1:], row[1:], strict=False)
            if cell
        ]
        rows.append(f"{row[0]}: {', '.join(cells)}" if cells else row[0])
    more = len(table.rows) - ALT_ROWS
    tail = f"; and {more} more rows in the table below" if more > 0 else ""
    return f"Chart: {table.caption}. {'; '.join(rows)}{tail}."


def render(document: HtmlDocument) -> str:
    logo = data_uri(document.logo.data, document.logo.mimetype) if document.logo else None
    return _template().render(doc=document, logo=logo)


def write(document: HtmlDocument, path: Path) -> int:
    """Write the page; returns 1 (its one "page", as pdf.write returns its pages)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(document), encoding="utf-8")
    return 1


@cache
def _template() -> jinja2.Template:
    # Its own environment, not Flask's: packs are made from the command line and tests too,
    # with or without an app, and the page uses nothing of the app's (no url_for, no static).
    folder = Path(__file__).resolve().parents[1] / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.get_template("reports/document.html")
