"""Fonts for printed sheets: the built-in Helvetica, or DejaVu for names it cannot draw.

Helvetica needs no embedding, so sheets stay small and fast; but it only has the Windows-1252
characters, and a Welsh school's name ("Ysgol Bro Dŵr") needs more. For such text a DejaVu
font is used when the system has one; otherwise Helvetica draws what it can.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD = "Helvetica", "Helvetica-Bold"
_DEJAVU = {
    REGULAR: ("DejaVuSans", "DejaVuSans.ttf"),
    BOLD: ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
}
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def font_for(text: str, base: str = REGULAR) -> str:
    """`base` if it can draw every character of `text`, else a registered DejaVu equivalent."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return _unicode_font(base) or base
    return base


@cache
def _unicode_font(base: str) -> str | None:
    name, filename = _DEJAVU[base]
    for folder in _FONT_DIRS:
        if (folder / filename).is_file():
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
            return name
    return None
