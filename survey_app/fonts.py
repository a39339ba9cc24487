"""The one font source of every PDF (QR sheets, packs, paper forms): DejaVu Sans, as matplotlib
ships it, with PDF's built-in Helvetica for text that it can draw in full (`font_for`).

A pip dependency the app has anyway, so no system font package is needed and no machine prints
differently from another. DejaVu Sans covers Latin with every accent of the shipped languages
(Welsh, Polish, Romanian, Slovak), Cyrillic, Greek and most Arabic-script letters, but not
Urdu's heh goal, yeh barree or full stop; tests/unit/test_fonts.py checks every character of
the version files and the Latin-script translations against its character map. reportlab does
not join Arabic letters or lay them right to left: `drawable` does it for a short line (a
language's name on the QR sheet) with arabic-reshaper (the joined presentation forms, which
DejaVu Sans has) and python-bidi (visual order). That is not full shaping (no Nastaliq, no
ligatures beyond lam-alef), so no page of questions is printed in an Arabic-script language:
the pupil's own screen, not a PDF, is where a pupil reads them.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
# PDF's built-in Helvetica needs no embedding: a sheet of plain Latin text stays small and is
# made in a fraction of the time (embedding a DejaVu subset is most of a sheet's cost).
BUILT_IN = {REGULAR: "Helvetica", BOLD: "Helvetica-Bold"}


def drawable(text: str) -> str:
    """`text` as reportlab can draw it, left to right glyph by glyph: Arabic-script letters
    joined and any right-to-left run in visual order. Text without such letters is unchanged.
    For one name or a short phrase; a line mixing scripts should be drawn a run at a time."""
    if not any(_right_to_left(c) for c in text):
        return text
    from arabic_reshaper import reshape
    from bidi import get_display

    return get_display(reshape(text))


def _right_to_left(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


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
