"""Writing CSV and XLSX that Excel opens correctly and safely.

CSV is UTF-8 with a byte-order mark (without it Excel guesses the encoding and garbles names).
Formula injection is neutralised for every text cell: one starting with = + - @ TAB CR LF or NUL
gets a leading apostrophe, so a spreadsheet shows it as text; XLSX text cells are written with
data type "s", never as formulas, and characters XML cannot hold are dropped.

openpyxl is imported by `to_xlsx`, once per workbook, not by every start of the app.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
EXCEL_MAX_ROWS = 1_048_576


def neutralise(value: Any) -> Any:
    """A text value Excel would read as a formula gets a leading apostrophe; others unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame, first_line: str | None = None) -> bytes:
    """CSV in UTF-8 with a byte-order mark, every text cell neutralised; `first_line` (why a
    file is empty, say) goes above the heading row as a cell of its own."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if first_line:
        writer.writerow([neutralise(first_line)])
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow(["" if _blank(v) else neutralise(_plain(v)) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(sheets: dict[str, pd.DataFrame], notes: Sequence[str] = ()) -> bytes:
    """A workbook with one sheet per frame (and an "About" sheet of notes); text never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def text_cell(sheet, text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", neutralise(text)))
        cell.data_type = "s"  # written as a string whatever it looks like: never a formula
        return cell

    def cell(sheet, value: Any) -> Any:
        if _blank(value):
            return None
        value = _plain(value)
        return text_cell(sheet, value) if isinstance(value, str) else value

    book = Workbook(write_only=True)
    if notes:
        about = book.create_sheet("About")
        for note in notes:
            about.append([text_cell(about, note)])
    for title, frame in sheets.items():
        sheet = book.create_sheet(title[:31])
        sheet.append([text_cell(sheet, str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            sheet.append([cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fits_excel(frame: pd.DataFrame) -> bool:
    """Whether a frame (plus its heading row) fits on one Excel sheet."""
    return len(frame) < EXCEL_MAX_ROWS


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _blank(value: Any) -> bool:
    if value is None:
        return True
    return isinstance(value, float) and np.isnan(value)
