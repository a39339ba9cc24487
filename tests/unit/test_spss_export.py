"""The SPSS file read back by pyreadstat and pandas: the same values, variable and value labels,
"don't know" declared missing, multiple choice as 0/1 variables, no group below MIN_BASE."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from survey_app.questionnaire import load_folder
from survey_app.reports import exports, spss
from tests.conftest import TEST_QUESTIONNAIRES
from tests.report_data import synthetic_frame

SHIPPED = Path(__file__).resolve().parents[2] / "questionnaires"


@pytest.fixture(scope="module")
def sample():
    return load_folder(TEST_QUESTIONNAIRES).latest("sample")


@pytest.fixture(scope="module")
def frame(sample):
    responses = synthetic_frame(sample, {"Ten School": 12, "Small School": 9}, seed=4)
    responses.loc[responses.index[:3], "belong_area"] = 9
    return responses


def read_back(body: bytes, tmp_path: Path, **options):
    path = tmp_path / "responses.sav"
    path.write_bytes(body)
    return path, *pyreadstat.read_sav(str(path), **options)


def test_round_trip_gives_the_same_values_and_labels(sample, frame, tmp_path):
    body = spss.responses_sav(frame, [sample], free_text=True, min_base=10)
    path, data, meta = read_back(body, tmp_path, user_missing=True)
    expected = exports.by_response(
        exports.disclosable(exports.with_pairs(frame), 10), [sample], True
    )
    assert len(data) == len(expected) == 24
    for item in ("year_group", "belong_area", "nervous_mixing", "mix_often", "friends_count"):
        got = data[item].tolist()
        want = pd.to_numeric(expected[item]).astype(float).tolist()
        assert got == pytest.approx(want, nan_ok=True), item
    assert (data["belong_area"] == 9).sum() == 3, "the code itself survives"
    assert data["organisation"].unique().tolist() == ["Ten School"]
    assert data["session_date"].iloc[0] == date(2024, 3, 2)
    labels = meta.column_names_to_labels
    assert labels["belong_area"] == "I feel I belong in my area."
    assert labels["organisation"] == "School or group"
    rs = sample.response_sets["agree5"]
    assert meta.variable_value_labels["belong_area"] == {
        float(o.value): o.label["en"] for o in rs.options
    }
    assert meta.missing_ranges["belong_area"] == [{"lo": 9.0, "hi": 9.0}]
    assert meta.variable_measure["belong_area"] == "ordinal"
    assert meta.variable_measure["friends_count"] == "scale"
    assert "more friends" in set(data["do_differently"])


def test_pandas_reads_dont_know_as_missing_and_answers_in_words(sample, frame, tmp_path):
    body = spss.responses_sav(frame, [sample], free_text=False, min_base=10)
    path = tmp_path / "r.sav"
    path.write_bytes(body)
    read = pd.read_spss(path)
    assert read["belong_area"].isna().sum() == 3
    assert set(read["belong_area"].dropna()) <= {
        "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"
    }  # fmt: skip
    assert "do_differently" not in read.columns


def test_multiple_choice_becomes_one_yes_no_variable_per_option(tmp_path):
    q = load_folder(SHIPPED).latest("community-feedback")
    base = {"session_id": 1, "organisation": "Ward Forum", "programme": None,
            "session_date": date(2024, 5, 1), "phase": "single", "questionnaire_id": q.id,
            "questionnaire_version": q.version, "respondent_key": None,
            "match_code": None}  # fmt: skip
    rows = [
        base | {"response_id": i, "response_uuid": f"u{i:02d}", "issues_seen": [1, 3], "role": 1}
        for i in range(1, 11)
    ]
    body = spss.responses_sav(pd.DataFrame(rows), [q], free_text=False, min_base=10)
    _, data, meta = read_back(body, tmp_path)
    rs = q.response_sets["issues"]
    for option in rs.options:
        name = f"issues_seen_{option.value}"
        assert data[name].tolist() == [float(option.value in (1, 3))] * 10, name
        assert meta.variable_value_labels[name] == {0.0: "not chosen", 1.0: "chosen"}
        assert meta.column_names_to_labels[name].endswith(option.label["en"])


def test_an_empty_sav_says_why_in_its_note_and_label(sample, frame, tmp_path):
    small = frame[frame["organisation"] == "Small School"]
    body = spss.responses_sav(small, [sample], free_text=False, min_base=10)
    _, data, meta = read_back(body, tmp_path)
    assert data.empty
    assert meta.file_label.startswith("This file has no rows")
    assert " ".join(meta.notes).startswith("This file has no rows: each school or group")
