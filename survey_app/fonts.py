"""The one font source of every PDF (QR sheets, packs, paper forms): DejaVu Sans, as matplotlib
ships it, with PDF's built-in Helvetica for text that it can draw in full (`font_for`).

A pip dependency the app has anyway, so no system font package is needed and no machine prints
differently from another. DejaVu Sans covers Latin with every accent of the shipped languages
(Welsh, Polish, Romanian, Slovak), Cyrillic, Greek and the Arabic letters of Urdu, Arabic,
Shahmukhi Punjabi and Sorani Kurdish; tests/unit/test_fonts.py checks every character of the
shipped questionnaires and translations against its character map. reportlab does not join
Arabic letters or lay them right to left, so PDFs print those scripts' letters unjoined:
the pupil's own screen, not a PDF, is where a pupil reads them.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
# PDF's built-in Helvetica needs no embedding: a sheet of plain Latin text stays small and is
# made in a fraction of the time (embedding a DejaVu subset is most of a sheet's cost).
BUILT_IN = {REGULAR: "Helvetica", BOLD: "Helvetica-Bold"}


def font_dir() -> Path:
    """matplotlib's own copy of DejaVu, found without importing matplotlib (0.6 s) for a path."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise RuntimeError("matplotlib is not installed; it ships the fonts every PDF uses")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def font_path(name: str = REGULAR) -> Path:
    return font_dir() / FILES[name]


def font_for(text: str, name: str = REGULAR) -> str:
    """The built-in Helvetica when it can draw every character of `text`, else DejaVu Sans
    (`name`), registered on first use. Never a font that drops a letter."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        register_fonts()
        return name
    return BUILT_IN[name]


@cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans and its bold with reportlab once; (regular, bold) names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return REGULAR, BOLD
