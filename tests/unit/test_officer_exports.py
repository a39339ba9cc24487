"""Exports an officer can use at once: "don't know" out of the numbers in the wide file, a zip
with its codebook, a comparison rounded and plainly named, and empty files that say why."""

from __future__ import annotations

import csv
import io
import math
import zipfile

import pandas as pd
import pytest

from survey_app.questionnaire import load_folder
from survey_app.reports import comparison_sheet, export_bundle, exports
from survey_app.scoring.compare import compare
from tests.conftest import TEST_QUESTIONNAIRES
from tests.report_data import synthetic_frame

GROUPS = {"Ten School": 12, "Small School": 9}


@pytest.fixture(scope="module")
def sample():
    return load_folder(TEST_QUESTIONNAIRES).latest("sample")


@pytest.fixture(scope="module")
def frame(sample):
    responses = synthetic_frame(sample, GROUPS, seed=3)
    ten = responses.index[responses["organisation"] == "Ten School"]
    responses.loc[ten[:4], "belong_area"] = 9  # "don't know"
    responses.loc[ten[1], "nervous_mixing"] = 9
    return responses


def rows_of(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_wide_file_blanks_dont_know_and_names_it_in_its_own_column(sample, frame):
    rows = rows_of(exports.responses_csv(frame, [sample], free_text=False, min_base=10))
    header, body = rows[0], rows[1:]
    belong, said = header.index("belong_area"), header.index("missing_answers")
    values = [row[belong] for row in body]
    assert "9" not in values and values.count("") == 4
    named = [row[said] for row in body if row[said]]
    assert named.count("belong_area = 9 (Don't know)") == 3
    assert "belong_area = 9 (Don't know); nervous_mixing = 9 (Don't know)" in named
    numbers = [int(v) for v in values if v]
    assert all(1 <= v <= 5 for v in numbers), "what is left averages correctly"


def test_long_file_keeps_the_dont_know_code_with_its_words(sample, frame):
    rows = rows_of(exports.responses_csv(frame, [sample], layout="long", free_text=False,
                                         min_base=10))  # fmt: skip
    header, body = rows[0], rows[1:]
    item, value, answer = (header.index(c) for c in ("item", "value", "answer"))
    kept = [r for r in body if r[item] == "belong_area" and r[value] == "9"]
    assert len(kept) == 4 and {r[answer] for r in kept} == {"Don't know"}


def test_zip_carries_responses_codebook_comparison_and_a_readme(sample, frame):
    comparison = compare(frame, sample, min_base=10)
    body = export_bundle.responses_zip(frame, [sample], comparison, free_text=False, min_base=10)
    bundle = zipfile.ZipFile(io.BytesIO(body))
    assert sorted(bundle.namelist()) == ["README.txt", "codebook.csv", "comparison.csv",
                                         "responses-long.csv", "responses-wide.csv"]  # fmt: skip
    codebook = {row[1]: row for row in rows_of(bundle.read("codebook.csv"))[1:]}
    assert "9 = Don't know (a blank in the wide file" in codebook["belong_area"][5]
    assert "Small School" not in " ".join(
        bundle.read(name).decode("utf-8-sig") for name in bundle.namelist()
    )
    assert "missing_answers" in bundle.read("README.txt").decode()


def test_officers_comparison_is_rounded_and_plainly_named(sample, frame):
    comparison = compare(frame, sample, min_base=10)
    sheet = comparison_sheet.comparison_sheet(comparison, [sample])
    assert not [c for c in sheet.columns if c.islower() and "_" in c], "plain names"
    assert set(sheet["Group"]) == {"Ten School"}
    for column in ("Mean before", "Mean after", "Change in mean"):
        shown = sheet[column].dropna()
        assert len(shown) and all(round(v, 2) == v for v in shown), column
    for column in ("p (t test of the interval)", "p (rank test)"):
        for p in sheet[column].dropna():
            assert p == 0 or float(f"{p:.3g}") == p, (column, p)
    words = set(sheet["Rank test"].dropna())
    assert words and all("_" not in w for w in words)
    raw = comparison[comparison["group"] == "Ten School"]["mean_change"].dropna()
    assert any(round(v, 2) != v for v in raw), "the raw numbers had more digits to round"


@pytest.mark.parametrize(
    ("p", "shown"),
    [(0.034827, 0.0348), (0.04996, 0.0499), (0.123456, 0.123), (1.2345e-7, 1.23e-7), (1.0, 1.0)],
)
def test_p_to_three_figures_never_rounded_up_across_the_verdicts_cut(p, shown):
    assert math.isclose(comparison_sheet.p_three_figures(p), shown)


def test_interval_end_near_zero_keeps_its_sign_and_digits():
    assert comparison_sheet.interval_end(0.0031) == 0.0031
    assert comparison_sheet.interval_end(-0.004) == -0.004
    assert comparison_sheet.interval_end(0.1234) == 0.12


def test_an_export_of_a_suppressed_school_says_why_in_its_first_line(sample, frame):
    small = frame[frame["organisation"] == "Small School"]
    for layout in ("wide", "long"):
        rows = rows_of(exports.responses_csv(small, [sample], layout=layout, free_text=False,
                                             min_base=10))  # fmt: skip
        assert rows[0][0].startswith("This file has no rows: each school or group here had "
                                     "fewer than 10 people"), layout  # fmt: skip
        assert "response_id" in rows[1] and len(rows) == 2
    comparison = compare(small, sample, min_base=10)
    reason = comparison_sheet.empty_reason(comparison, 10)
    assert reason and reason.startswith("This file has no rows") and "fewer than 10" in reason


def test_an_export_with_nothing_selected_says_so(sample, frame):
    nothing = frame.iloc[:0]
    rows = rows_of(exports.responses_csv(nothing, [sample], free_text=False, min_base=10))
    assert rows[0] == ["This file has no rows: no responses match these filters."]
    assert comparison_sheet.empty_reason(pd.DataFrame(columns=["suppressed"]), 10) == (
        "This file has no rows: no before-and-after answers match these filters."
    )


def test_a_file_with_rows_starts_with_its_heading(sample, frame):
    rows = rows_of(exports.responses_csv(frame, [sample], free_text=False, min_base=10))
    assert rows[0][0] == "response_id"


def test_an_empty_workbook_says_why_on_its_first_line(sample, frame):
    import openpyxl

    small = frame[frame["organisation"] == "Small School"]
    comparison = compare(small, sample, min_base=10)
    body = exports.responses_xlsx(small, [sample], comparison, free_text=False, min_base=10)
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.worksheets[0]["A1"].value.startswith("This file has no rows")
