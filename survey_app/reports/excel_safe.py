"""Writing CSV and XLSX that Excel opens correctly and safely.

CSV is UTF-8 with a byte-order mark (without it Excel guesses the encoding and garbles names).
Formula injection is neutralised for every text cell: one starting with = + - @ TAB CR LF or NUL
gets a leading apostrophe, so a spreadsheet shows it as text; XLSX text cells are written with
data type "s", never as formulas, and characters XML cannot hold are dropped. Dates are real
dates (CSV writes them as ISO text).

openpyxl is imported by `to_xlsx`, once per workbook, not by every start of the app.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
EXCEL_MAX_ROWS = 1_048_576
DATE_FORMAT, DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
MIN_WIDTH, MAX_WIDTH, HEADING_WRAP, ABOUT_WIDTH = 8, 60, 24, 110
WIDTH_SAMPLE_ROWS = 500


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


def to_xlsx(
    sheets: dict[str, pd.DataFrame],
    notes: Sequence[str] = (),
    formats: Mapping[str, str] | None = None,
) -> bytes:
    """A workbook with one sheet per frame (and an "About" sheet of notes); text never a formula.

    Each sheet is laid out to be read at once: a bold, frozen heading row with filters, columns
    as wide as their contents (within limits), dates as real dates, and `formats` (column name
    to Excel number format, such as "0.00") on the numbers of the columns it names.
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    if notes:
        about = book.create_sheet("About")
        about.column_dimensions["A"].width = ABOUT_WIDTH
        for note in notes:
            about.append([_text_cell(about, note)])
    for title, frame in sheets.items():
        _write_sheet(book.create_sheet(title[:31]), frame, formats or {})
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_sheet(sheet, frame: pd.DataFrame, formats: Mapping[str, str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    # Write-only sheets take their layout before the first row is written.
    for i, width in enumerate(_widths(frame), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(1, len(frame.columns)))
    sheet.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
    heading = [_text_cell(sheet, str(c)) for c in frame.columns]
    for cell in heading:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append(heading)
    number_formats = [formats.get(str(c)) for c in frame.columns]
    for row in frame.itertuples(index=False, name=None):
        sheet.append([_cell(sheet, v, f) for v, f in zip(row, number_formats, strict=True)])


def _text_cell(sheet, text: str):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", neutralise(text)))
    cell.data_type = "s"  # written as a string whatever it looks like: never a formula
    return cell


def _cell(sheet, value: Any, number_format: str | None) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if _blank(value):
        return None
    if isinstance(value, (date, datetime)):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT if type(value) is date else DATETIME_FORMAT
        return cell
    value = _plain(value)
    if isinstance(value, str):
        return _text_cell(sheet, value)
    if number_format and isinstance(value, (int, float)) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell
    return value


def _widths(frame: pd.DataFrame) -> list[float]:
    """Each column as wide as its heading (up to a point: long headings wrap) and its widest
    value among the first rows, within MIN_WIDTH and MAX_WIDTH characters."""
    sample = frame.head(WIDTH_SAMPLE_ROWS)
    out = []
    for name in frame.columns:
        values = [len(str(_plain(v))) for v in sample[name] if not _blank(v)]
        widest = max([min(len(str(name)), HEADING_WRAP), *values])
        out.append(float(min(MAX_WIDTH, max(MIN_WIDTH, widest + 2))))
    return out


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
