"""One respondent's paper form as an A4 PDF: large tick boxes, the phase and session on every
page, each question's import-template column name printed small beside it.

Laid out for a child of 8: 14 pt questions, 18 pt boxes with the words beside them, options in
one row or in rows read left to right, "I don't know" set apart after a gap and a rule. The small
grey number above each box is the value typed into the template. Nothing here touches the
database: `PaperDetails` holds all it needs. Text is drawn in reading order (question, then its
column name), so a PDF reader gives each question's words back in one piece.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..fonts import BOLD, REGULAR, font_for

PAGE_W, PAGE_H = A4
MARGIN = 40
WIDTH = PAGE_W - 2 * MARGIN
TOP = PAGE_H - MARGIN - 56  # below the band every page starts with
BOTTOM = MARGIN + 20  # above the footer
QUESTION, HINT, LABEL, SMALL = 14, 11, 12, 7  # points
BOX = 18  # a tick box, in points: about 6 mm, big enough for a child's tick
INDENT = 24  # room for the question number
ROW_MAX = 7  # answers that still sit in one row, box above words
APART = 22  # the gap before "I don't know" and other answers that are not on the scale


@dataclass(frozen=True)
class PaperOption:
    value: int
    label: str
    apart: bool = False


@dataclass(frozen=True)
class PaperQuestion:
    """kind: one (tick one), many (tick any), number, text, letter (one capital letter)."""

    column: str
    text: str
    hint: str
    kind: str
    options: tuple[PaperOption, ...]
    optional: bool = False


@dataclass(frozen=True)
class PaperDetails:
    session_id: int
    phase: str
    phase_word: str
    heading: str
    session_date: date
    title: str
    intro: str
    code_questions: tuple[PaperQuestion, ...]
    questions: tuple[PaperQuestion, ...]
    fixed_columns: tuple[str, ...]
    code_heading: str = ""
    code_intro: str = ""
    footer: str = ""


# A block is its height and how to draw it with its top at y.
Block = tuple[float, Callable[[Canvas, float], None]]


def render_paper(details: PaperDetails) -> bytes:
    """The form as PDF bytes: as many pages as its questions need, for one respondent."""
    pages = _paginate(_blocks(details))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=0)
    canvas.setTitle(f"Paper form: session {details.session_id} {details.phase_word}")
    canvas.setAuthor("Cohesion surveys")
    for number, blocks in enumerate(pages, 1):
        _draw_band(canvas, details, number, len(pages))
        y = TOP
        for height, draw in blocks:
            draw(canvas, y)
            y -= height
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _paginate(blocks: list[Block]) -> list[list[Block]]:
    pages: list[list[Block]] = [[]]
    room = TOP - BOTTOM
    for block in blocks:
        if block[0] > room and pages[-1]:
            pages.append([])
            room = TOP - BOTTOM
        pages[-1].append(block)
        room -= block[0]
    return pages


def _blocks(d: PaperDetails) -> list[Block]:
    blocks = [_staff_line(d), _text_block(d.title, 20, BOLD, after=6)]
    blocks.append(_text_block(d.intro, 13, REGULAR, after=4))
    blocks.append(_text_block("Tick one box for each question, like this: ✓", 13, BOLD, after=12))
    if d.code_questions:
        blocks.append(_text_block(d.code_heading, 16, BOLD, after=2))
        blocks.append(_text_block(d.code_intro, 12, REGULAR, after=8))
        blocks += [_question(q, None) for q in d.code_questions]
    blocks += [_question(q, f"{n}.") for n, q in enumerate(d.questions, 1)]
    return blocks


def _staff_line(d: PaperDetails) -> Block:
    """The first columns of the template, filled in already where the form knows them."""
    known = {"session": str(d.session_id), "phase": d.phase}
    if d.code_questions:  # the child's code is the respondent: letter-month-count, as stored
        known["respondent"] = "the code below as letter-month-count, e.g. S-03-1"
    parts = [f"{name}: {known.get(name, '______')}" for name in d.fixed_columns]
    text = "For staff typing this in:  " + "   ".join(parts)

    def draw(canvas: Canvas, y: float) -> None:
        canvas.setFont(font_for(text), 9)
        canvas.setFillGray(0.35)
        canvas.drawString(MARGIN, y - 9, text)
        canvas.setFillGray(0)

    return 20, draw


def _text_block(text: str, size: float, base: str, after: float = 0) -> Block:
    font = font_for(text, base)
    lines = simpleSplit(text, font, size, WIDTH) if text else []
    leading = size * 1.3

    def draw(canvas: Canvas, y: float) -> None:
        canvas.setFont(font, size)
        for n, line in enumerate(lines):
            canvas.drawString(MARGIN, y - size - n * leading, line)

    return len(lines) * leading + after, draw


def _question(q: PaperQuestion, number: str | None) -> Block:
    """A question with its column name at the right, its hint, then its boxes."""
    name_font = font_for(q.column)
    name_w = stringWidth(q.column, name_font, SMALL) + 8
    font = font_for(q.text, REGULAR)
    lines = simpleSplit(q.text, font, QUESTION, WIDTH - INDENT - name_w)
    hint = q.hint + (" You can leave this one out." if q.optional else "")
    if q.kind == "many":
        hint = (hint + " Tick all that fit you.").strip()
    hint_font = font_for(hint)
    hint_lines = simpleSplit(hint, hint_font, HINT, WIDTH - INDENT) if hint else []
    head = len(lines) * QUESTION * 1.3 + len(hint_lines) * HINT * 1.3 + 6
    answer_h, draw_answer = _answer(q)

    def draw(canvas: Canvas, y: float) -> None:
        canvas.setStrokeGray(0.8)
        canvas.line(MARGIN, y, MARGIN + WIDTH, y)
        canvas.setStrokeGray(0)
        baseline = y - QUESTION - 4
        if number:
            canvas.setFont(font_for(number, BOLD), QUESTION)
            canvas.drawString(MARGIN, baseline, number)
        canvas.setFont(font, QUESTION)
        for n, line in enumerate(lines):
            canvas.drawString(MARGIN + INDENT, baseline - n * QUESTION * 1.3, line)
        canvas.setFont(name_font, SMALL)
        canvas.setFillGray(0.4)
        canvas.drawRightString(MARGIN + WIDTH, baseline, q.column)
        canvas.setFont(hint_font, HINT)
        for n, line in enumerate(hint_lines):
            hint_y = baseline - len(lines) * QUESTION * 1.3 - n * HINT * 1.3
            canvas.drawString(MARGIN + INDENT, hint_y, line)
        canvas.setFillGray(0)
        draw_answer(canvas, y - 4 - head)

    return 4 + head + answer_h + 10, draw


def _answer(q: PaperQuestion) -> Block:
    if q.kind in ("one", "many"):
        return _options(q.options)
    width, height = {"letter": (34, 34), "number": (80, 30)}.get(q.kind, (WIDTH - INDENT, 64))

    def draw(canvas: Canvas, y: float) -> None:
        canvas.setLineWidth(1.5)
        canvas.rect(MARGIN + INDENT, y - height, width, height)
        canvas.setLineWidth(1)
        if q.kind == "text":  # ruled lines to write on
            canvas.setStrokeGray(0.75)
            for row in (1, 2):
                line_y = y - row * height / 3
                canvas.line(MARGIN + INDENT + 6, line_y, MARGIN + INDENT + width - 6, line_y)
            canvas.setStrokeGray(0)

    return height + 4, draw


def _options(options: tuple[PaperOption, ...]) -> Block:
    """A scale of up to 7 answers in one row, each box above its words (as the faces sit on
    screen); longer lists in rows of boxes with the words beside them, read left to right."""
    gap = APART if any(o.apart for o in options) else 0
    room = WIDTH - INDENT - gap
    fonts = {o.value: font_for(o.label) for o in options}
    if len(options) <= ROW_MAX and _words_fit(options, fonts, room / len(options) - 6):
        return _option_row(options, fonts, room / len(options))
    widest = max(stringWidth(o.label, fonts[o.value], LABEL) for o in options)
    per_row = max(1, min(len(options), int(room // (BOX + 6 + widest + 12))))
    return _option_grid(options, fonts, per_row, room / per_row)


def _words_fit(options: tuple[PaperOption, ...], fonts: dict, width: float) -> bool:
    return all(stringWidth(w, fonts[o.value], LABEL) <= width for o in options
               for w in o.label.split())  # fmt: skip


def _option_row(options: tuple[PaperOption, ...], fonts: dict, cell: float) -> Block:
    lines = {o.value: simpleSplit(o.label, fonts[o.value], LABEL, cell - 6) for o in options}
    height = 10 + BOX + 4 + max(len(v) for v in lines.values()) * LABEL * 1.2 + 4

    def draw(canvas: Canvas, y: float) -> None:
        x: float = MARGIN + INDENT
        for option in options:
            if option.apart:
                x = _rule_apart(canvas, x, y, height)
            centre = x + cell / 2
            _box(canvas, centre - BOX / 2, y - 10, option.value)
            canvas.setFont(fonts[option.value], LABEL)
            for n, line in enumerate(lines[option.value]):
                canvas.drawCentredString(centre, y - 10 - BOX - 4 - LABEL - n * LABEL * 1.2, line)
            x += cell

    return height, draw


def _option_grid(options: tuple[PaperOption, ...], fonts: dict, per_row: int, cell: float) -> Block:
    rows = [options[i : i + per_row] for i in range(0, len(options), per_row)]
    lines = {o.value: simpleSplit(o.label, fonts[o.value], LABEL, cell - BOX - 12)
             for o in options}  # fmt: skip
    row_h = [max(BOX, max(len(lines[o.value]) for o in row) * LABEL * 1.25) + 14 for row in rows]

    def draw(canvas: Canvas, y: float) -> None:
        top = y
        for row, height in zip(rows, row_h, strict=True):
            x: float = MARGIN + INDENT
            for option in row:
                if option.apart and x > MARGIN + INDENT:
                    x = _rule_apart(canvas, x, top, height)
                _box(canvas, x, top - 9, option.value)
                canvas.setFont(fonts[option.value], LABEL)
                for n, line in enumerate(lines[option.value]):
                    canvas.drawString(x + BOX + 6, top - 9 - BOX + 5 - n * LABEL * 1.25, line)
                x += cell
            top -= height

    return sum(row_h) + 2, draw


def _rule_apart(canvas: Canvas, x: float, top: float, height: float) -> float:
    """A thin rule in a gap, before the answers that are not on the scale; the x after it."""
    canvas.setStrokeGray(0.6)
    canvas.line(x + APART / 2, top - 4, x + APART / 2, top - height + 4)
    canvas.setStrokeGray(0)
    return x + APART


def _box(canvas: Canvas, x: float, top: float, value: int) -> None:
    """A tick box with its value small above it, for whoever types the form in."""
    canvas.setFont("Helvetica", SMALL)
    canvas.setFillGray(0.45)
    canvas.drawString(x, top + 1.5, str(value))
    canvas.setFillGray(0)
    canvas.setLineWidth(1.5)
    canvas.rect(x, top - BOX, BOX, BOX)
    canvas.setLineWidth(1)


def _draw_band(canvas: Canvas, d: PaperDetails, page: int, pages: int) -> None:
    """The phase word (white on black for BEFORE, framed for the others, as on the QR sheet),
    the session, and the page, at the top and foot of every page."""
    top = PAGE_H - MARGIN
    filled = d.phase != "post"
    canvas.saveState()
    canvas.setLineWidth(4)
    canvas.rect(MARGIN, top - 44, 190, 44, stroke=0 if filled else 1, fill=filled)
    canvas.setFillGray(1 if filled else 0)
    canvas.setFont(font_for(d.phase_word, BOLD), 30)
    canvas.drawCentredString(MARGIN + 95, top - 33, d.phase_word)
    canvas.restoreState()
    session = f"Session {d.session_id}"
    canvas.setFont(font_for(session, BOLD), 20)
    canvas.drawRightString(MARGIN + WIDTH, top - 18, session)
    when = f"{d.heading} · {d.session_date:%A} {d.session_date.day} {d.session_date:%B %Y}"
    canvas.setFont(font_for(when), 10)
    canvas.drawRightString(MARGIN + WIDTH, top - 34, when)
    foot = (f"Session {d.session_id} · {d.phase_word} ({d.phase}) · page {page} of {pages}"
            f" · one person per form · {d.footer}")  # fmt: skip
    canvas.setFont(font_for(foot), 9)
    canvas.setFillGray(0.35)
    canvas.drawCentredString(PAGE_W / 2, MARGIN - 10, foot)
    canvas.setFillGray(0)
