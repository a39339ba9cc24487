"""CSV and XLSX exports: Excel-safe text, a byte-order mark, the codebook, long and wide form,
and no trace of a group below MIN_BASE."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest

from survey_app.questionnaire import load_folder
from survey_app.reports import excel_safe, exports
from survey_app.scoring.compare import compare
from tests.conftest import TEST_QUESTIONNAIRES
from tests.report_data import FREE_TEXT, synthetic_frame

INJECTIONS = ['=HYPERLINK("http://example.invalid","x")', "@SUM(1)", "-2+3"]
GROUPS = {"Ten School": 10, "Small School": 9}


@pytest.fixture(scope="module")
def sample():
    return load_folder(TEST_QUESTIONNAIRES).latest("sample")


@pytest.fixture(scope="module")
def frame(sample):
    responses = synthetic_frame(sample, GROUPS, seed=1)
    post = responses.index[
        (responses["phase"] == "post") & (responses["organisation"] == "Ten School")
    ]
    for i, text in zip(post[:3], INJECTIONS, strict=True):
        responses.at[i, "do_differently"] = text
    return responses


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def all_cells(body: bytes):
    book = openpyxl.load_workbook(io.BytesIO(body))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n", "\0"])
def test_text_starting_like_a_formula_gets_an_apostrophe(start):
    assert excel_safe.neutralise(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["Ten School", "a=b", "", 3, -2, 2.5, None])
def test_other_values_are_left_alone(value):
    assert excel_safe.neutralise(value) == value


def test_csv_carries_formula_like_answers_inert(sample, frame):
    rows = read_csv(exports.responses_csv(frame, [sample], free_text=True, min_base=10))
    cells = [cell for row in rows for cell in row]
    for text in INJECTIONS:
        assert f"'{text}" in cells
        assert text not in cells


def test_xlsx_carries_formula_like_answers_as_apostrophe_strings(sample, frame):
    comparison = compare(frame, sample, min_base=10)
    body = exports.responses_xlsx(frame, [sample], comparison, free_text=True, min_base=10)
    cells = all_cells(body)
    assert not [c for c in cells if c.data_type == "f"], "no cell may be a formula"
    risky = [c for c in cells if isinstance(c.value, str) and c.value.lstrip("'")[:1] in "=+-@"]
    found = {c.value for c in risky}
    assert {f"'{text}" for text in INJECTIONS} <= found
    for cell in risky:
        assert cell.data_type == "s" and cell.value.startswith("'"), cell.value


def test_a_group_of_nine_is_in_no_export_and_a_group_of_ten_is(sample, frame):
    comparison = compare(frame, sample, min_base=10)
    body = exports.responses_xlsx(frame, [sample], comparison, free_text=True, min_base=10)
    text = " ".join(str(c.value) for c in all_cells(body))
    assert "Ten School" in text and "Small School" not in text
    for layout in ("wide", "long"):
        csv_text = exports.responses_csv(frame, [sample], layout=layout, free_text=True,
                                         min_base=10).decode("utf-8-sig")  # fmt: skip
        assert "Ten School" in csv_text and "Small School" not in csv_text
    sheet = exports.comparison_sheet(comparison, [sample])
    assert set(sheet["Group"]) == {"Ten School"}


def test_workbook_has_data_codebook_and_comparison_sheets(sample, frame):
    comparison = compare(frame, sample, min_base=10)
    body = exports.responses_xlsx(frame, [sample], comparison, free_text=True, min_base=10)
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["About", "Responses (wide)", "Responses (long)", "Codebook",
                               "Comparison"]  # fmt: skip
    codebook = {row[1]: row for row in book["Codebook"].iter_rows(min_row=2, values_only=True)}
    belong = codebook["belong_area"]
    assert belong[2] == "I feel I belong in my area."
    assert "1 = Strongly disagree" in belong[4] and "9 = Don't know" in belong[4]
    assert belong[6] == "Sense of belonging" and belong[10] == "1"
    assert codebook["nervous_mixing"][8] == "yes"
    header = [c.value for c in next(book["Responses (wide)"].iter_rows(max_row=1))]
    assert "respondent_key" not in header and "match_code" not in header
    long_header = [c.value for c in next(book["Responses (long)"].iter_rows(max_row=1))]
    assert long_header[-3:] == ["item", "value", "answer"]
    comparison_header = [c.value for c in next(book["Comparison"].iter_rows(max_row=1))]
    assert "In words" in comparison_header and "suppressed" not in comparison_header


def test_long_form_names_each_answer_in_words(sample, frame):
    long = exports.long(exports.disclosable(frame, 10), [sample], free_text=False)
    belong = long[long["item"] == "belong_area"]
    assert len(belong) == 20
    labels = {1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree",
              4: "Agree", 5: "Strongly agree"}  # fmt: skip
    pairs = list(zip(belong["value"], belong["answer"], strict=True))
    assert pairs and all(labels[value] == answer for value, answer in pairs)


def test_free_text_only_when_asked_for(sample, frame):
    without = exports.responses_csv(frame, [sample], free_text=False, min_base=10)
    assert b"do_differently" not in without and FREE_TEXT.encode() not in without
    with_text = exports.responses_csv(frame, [sample], free_text=True, min_base=10)
    assert FREE_TEXT.encode() in with_text


def test_matched_pairs_share_a_pair_number(sample, frame):
    rows = read_csv(exports.responses_csv(frame, [sample], free_text=False, min_base=10))
    header, body = rows[0], rows[1:]
    pair = header.index("pair")
    numbers = [row[pair] for row in body]
    assert len(body) == 20 and sorted(set(numbers)) == sorted({str(n) for n in range(1, 11)})
    assert all(numbers.count(n) == 2 for n in set(numbers))


def test_one_off_feedback_with_multiple_choice_exports_in_words():
    from datetime import date
    from pathlib import Path

    import pandas as pd

    shipped = load_folder(Path(__file__).resolve().parents[2] / "questionnaires")
    q = shipped.latest("community-feedback")
    base = {
        "session_id": 1,
        "organisation": "Ward Forum",
        "programme": None,
        "session_date": date(2024, 5, 1),
        "phase": "single",
        "questionnaire_id": q.id,
        "questionnaire_version": q.version,
        "respondent_key": None,
        "match_code": None,
    }
    frame = pd.DataFrame(
        [
            base
            | {"response_id": i, "response_uuid": f"u{i:02d}", "issues_seen": [1, 3], "role": 1}
            for i in range(1, 11)
        ]
    )
    wide = exports.wide(frame, [q], free_text=False)
    assert set(wide["issues_seen"]) == {"1;3"}
    long = exports.long(frame, [q], free_text=False)
    issues = long[long["item"] == "issues_seen"]
    rs = q.response_sets["issues"]
    expected = f"{rs.label(1, 'en')}; {rs.label(3, 'en')}"
    assert len(issues) == 10 and set(issues["answer"]) == {expected}
    assert exports.disclosable(frame.iloc[:9], 10).empty


def test_a_small_session_inside_a_large_school_is_left_out_with_a_note(sample):
    """Gated per session and phase (ADR 0029), not per school: a school of 30 whose third
    session had 4 pupils exports the two sessions of 13, and says one part was left out."""
    frame = synthetic_frame(sample, {"Big School": 13, "Big School ": 13, "Tiny": 4}, seed=2)
    frame["organisation"] = "Big School"  # three sessions of one school
    wide = exports.wide(exports.disclosable(frame, 10), [sample], free_text=False)
    assert set(wide["session_id"]) == {1, 2}
    note = exports.left_out(frame, 10)
    assert note == (
        "Left out: 2 session phases with fewer than 10 responses (8 responses in all), "
        "so that nobody in a small group can be picked out."
    )
    comparison = compare(frame, sample, min_base=10)
    body = exports.responses_xlsx(frame, [sample], comparison, free_text=False, min_base=10)
    assert note in " ".join(str(c.value) for c in all_cells(body))


def test_exported_rows_carry_a_date_and_never_a_time(sample, frame):
    wide = exports.wide(frame, [sample], free_text=False)
    assert not {"submitted_at", "created_at", "time"} & set(wide.columns)
    assert all(type(d) is date for d in wide["session_date"])


def test_a_response_without_its_random_id_is_refused_not_dropped(sample, frame):
    broken = frame.copy()
    broken.loc[broken.index[5], "response_uuid"] = None
    with pytest.raises(ValueError, match="1 responses have no random id"):
        exports.wide(broken, [sample], free_text=False)
    with pytest.raises(ValueError, match="lack the column response_uuid"):
        exports.long(frame.drop(columns="response_uuid"), [sample], free_text=False)
