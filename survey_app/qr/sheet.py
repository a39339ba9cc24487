"""The printable A4 sheet: one page per phase, or four cut-out copies of a phase per page.

The phase word (BEFORE, AFTER, FEEDBACK) is the biggest thing on the page, and BEFORE is white on
black while AFTER is black on white, so the wrong sheet is hard to hand out even at a glance or
from across a classroom. Nothing here touches the database: `SheetDetails` holds all it needs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..fonts import BOLD, REGULAR, drawable, font_for
from ..i18n import language
from .codes import QrShape, draw_qr, qr_shape

PHASE_WORDS = {
    "pre": ("BEFORE", "Answer this at the START of the session"),
    "post": ("AFTER", "Answer this at the END of the session"),
    "single": ("FEEDBACK", "Answer this once"),
}
COPIES = (1, 4)
MIN_TEXT = 8  # points: the smallest line a person must read on a cut-out copy
PAGE_W, PAGE_H = A4


@dataclass(frozen=True)
class SheetLink:
    """One phase's way in: the QR code's URL, the typed code as printed, and where to type it."""

    phase: str
    url: str
    code: str
    go_url: str


@dataclass(frozen=True)
class SheetDetails:
    """Everything printed on a session's sheet."""

    organisation: str
    group_label: str
    session_date: date
    links: tuple[SheetLink, ...]
    footer: str = ""
    languages: tuple[str, ...] = ()  # the form's languages (codes); listed when more than one


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    w: float
    h: float


def render_sheet(details: SheetDetails, copies: int = 1) -> bytes:
    """The sheet as PDF bytes: per phase, one page holding `copies` (1 or 4) copies."""
    if copies not in COPIES:
        raise ValueError(f"copies must be 1 or 4, not {copies}")
    buffer = io.BytesIO()
    # Uncompressed: reportlab's pure-Python ASCII85 step would double the time for ~40 kB saved.
    canvas = Canvas(buffer, pagesize=A4, pageCompression=0)
    canvas.setTitle(f"Survey sheet: {details.organisation} {details.group_label}".strip())
    canvas.setAuthor("Cohesion surveys")
    for link in details.links:
        shape = qr_shape(link.url)  # once per phase, shared by the four copies
        if copies == 1:
            _draw_copy(canvas, _Box(0, 0, PAGE_W, PAGE_H), details, link, shape, scale=1.0)
        else:
            _draw_four(canvas, details, link, shape)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_four(canvas: Canvas, details: SheetDetails, link: SheetLink, shape: QrShape) -> None:
    half_w, half_h = PAGE_W / 2, PAGE_H / 2
    for col in (0, 1):
        for row in (0, 1):
            box = _Box(col * half_w, row * half_h, half_w, half_h)
            _draw_copy(canvas, box, details, link, shape, scale=0.5)
    canvas.saveState()
    canvas.setStrokeGray(0.6)
    canvas.setDash(6, 4)
    canvas.line(half_w, 0, half_w, PAGE_H)
    canvas.line(0, half_h, PAGE_W, half_h)
    canvas.restoreState()


def _draw_copy(
    canvas: Canvas, box: _Box, d: SheetDetails, link: SheetLink, shape: QrShape, scale: float
) -> None:
    """One copy, laid out top to bottom; sizes are for a full page, times `scale`."""
    s, pad = scale, 40 * scale
    inner = _Box(box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad)
    centre = inner.x + inner.w / 2
    word, instruction = PHASE_WORDS.get(link.phase, (link.phase.upper(), ""))
    top = inner.y + inner.h
    _draw_band(canvas, inner, top, word, filled=link.phase != "post", scale=s)
    y = top - 150 * s - 26 * s
    y = _centred(canvas, instruction, centre, y, 20 * s, inner.w, BOLD) - 14 * s
    y = _centred(canvas, d.organisation, centre, y, 28 * s, inner.w, BOLD) - 6 * s
    meta = " · ".join(p for p in (d.group_label, _long_date(d.session_date)) if p)
    y = _centred(canvas, meta, centre, y, 20 * s, inner.w, REGULAR)
    qr_size = 300 * s
    draw_qr(canvas, shape, centre - qr_size / 2, y - qr_size, qr_size)
    y -= qr_size + 16 * s
    y = _centred(canvas, "Scan the code, or open", centre, y, 14 * s, inner.w, REGULAR) - 4 * s
    y = _centred(canvas, link.url, centre, y, 18 * s, inner.w, BOLD) - 14 * s
    go = f"or go to {link.go_url} and type"
    y = _centred(canvas, go, centre, y, 14 * s, inner.w, REGULAR) - 10 * s
    y = _centred(canvas, link.code, centre, y, 56 * s, inner.w, BOLD) - 12 * s
    languages = other_languages(d.languages)
    for line in _wrapped("Also in:", languages, max(14 * s, MIN_TEXT), inner.w):
        y = _centred(canvas, line, centre, y, 14 * s, inner.w, REGULAR)
    if d.footer:
        canvas.setFont(font_for(d.footer), 9 * s)
        canvas.setFillGray(0.35)
        canvas.drawCentredString(centre, inner.y, d.footer)
        canvas.setFillGray(0)


def other_languages(codes: tuple[str, ...]) -> list[str]:
    """The form's languages but English (the sheet's own), each named in itself (i18n.LANGUAGES)
    and made drawable on its own, so the list keeps its order left to right."""
    return [drawable(language(code).name) for code in codes if code != "en"]


def _wrapped(label: str, parts: list[str], size: float, width: float) -> list[str]:
    """`label` and `parts` joined by " · " into as few lines as fit `width` at `size` (a part is
    never split); no lines when there are no parts."""
    lines = [f"{label} {parts[0]}"] if parts else []
    for part in parts[1:]:
        joined = f"{lines[-1]} · {part}"
        if stringWidth(joined, font_for(joined), size) <= width:
            lines[-1] = joined
        else:
            lines.append(part)
    return lines


def _draw_band(
    canvas: Canvas, inner: _Box, top: float, word: str, *, filled: bool, scale: float
) -> None:
    """The phase word in a 150pt band: white on black, or black in a heavy black frame."""
    height = 150 * scale
    canvas.saveState()
    canvas.setLineWidth(8 * scale)
    canvas.rect(inner.x, top - height, inner.w, height, stroke=0 if filled else 1, fill=filled)
    font = font_for(word, BOLD)
    size = _fitting(word, font, 120 * scale, inner.w - 40 * scale)
    canvas.setFillGray(1 if filled else 0)
    canvas.setFont(font, size)
    canvas.drawCentredString(inner.x + inner.w / 2, top - height / 2 - size * 0.36, word)
    canvas.restoreState()


def _centred(
    canvas: Canvas, text: str, centre: float, top: float, size: float, width: float, base: str
) -> float:
    """Draw one line of text, shrunk to fit `width`, below `top`; the y of its bottom."""
    if not text:
        return top
    font = font_for(text, base)
    size = _fitting(text, font, max(size, MIN_TEXT), width)
    baseline = top - size * 0.8
    canvas.setFont(font, size)
    canvas.drawCentredString(centre, baseline, text)
    return baseline - size * 0.25


def _fitting(text: str, font: str, size: float, width: float) -> float:
    natural = stringWidth(text, font, size)
    return size if natural <= width else size * width / natural


def _long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"
