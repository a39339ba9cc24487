"""The workbook laid out to read at once: widths, a frozen heading with filters, real dates and
number formats, and still no formula anywhere."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from survey_app.questionnaire import load_folder
from survey_app.reports import exports
from survey_app.scoring.compare import compare
from tests.conftest import TEST_QUESTIONNAIRES
from tests.report_data import synthetic_frame


@pytest.fixture(scope="module")
def book():
    sample = load_folder(TEST_QUESTIONNAIRES).latest("sample")
    frame = synthetic_frame(sample, {"Ten School": 12}, seed=2)
    comparison = compare(frame, sample, min_base=10)
    body = exports.responses_xlsx(frame, [sample], comparison, free_text=True, min_base=10)
    return openpyxl.load_workbook(io.BytesIO(body))


def column_of(sheet, name: str) -> int:
    heading = [c.value for c in sheet[1]]
    return heading.index(name) + 1


@pytest.mark.parametrize("title", ["Responses (wide)", "Responses (long)", "Codebook",
                                   "Comparison"])  # fmt: skip
def test_every_data_sheet_has_a_frozen_heading_filters_and_widths(book, title):
    sheet = book[title]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" + str(
        sheet.max_row
    )
    widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
    assert all(8 <= w <= 60 for w in widths) and len(set(widths)) > 1, widths
    assert all(c.font.bold for c in sheet[1])


def test_a_long_text_column_is_wider_than_a_number_column(book):
    sheet = book["Codebook"]
    wording = sheet.column_dimensions[sheet.cell(1, column_of(sheet, "wording")).column_letter]
    versions = sheet.column_dimensions[sheet.cell(1, column_of(sheet, "versions")).column_letter]
    assert wording.width > versions.width


def test_session_dates_are_real_dates(book):
    sheet = book["Responses (wide)"]
    cell = sheet.cell(2, column_of(sheet, "session_date"))
    assert cell.is_date and isinstance(cell.value, datetime | date)
    assert cell.number_format == "yyyy-mm-dd"


def test_comparison_numbers_carry_number_formats(book):
    sheet = book["Comparison"]
    mean = sheet.cell(2, column_of(sheet, "Mean before"))
    assert isinstance(mean.value, float | int) and mean.number_format == "0.00"
    pairs = sheet.cell(2, column_of(sheet, "Matched pairs"))
    assert pairs.value == 12 and pairs.number_format == "0"
    p = sheet.cell(2, column_of(sheet, "p (t test of the interval)"))
    assert p.number_format == "General", "a tiny p is never shown as 0.00"


def test_no_cell_is_a_formula(book):
    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
