"""Coding answers into numbers, "don't know" shares and scale scores, on hand-worked data."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from survey_app.questionnaire.loader import load_file
from survey_app.scoring.coding import (
    agree_flags,
    code_item,
    coded_items,
    missing_flags,
    numeric,
    scale_score,
    scale_scores,
    scored_items,
)

SAMPLE = Path(__file__).parent.parent / "data" / "questionnaires" / "sample" / "v1.yaml"


@pytest.fixture(scope="module")
def sample():
    return load_file(SAMPLE)


def values(*answers):
    return pd.Series(list(answers), dtype=object)


def as_list(series: pd.Series) -> list:
    return [None if math.isnan(v) else v for v in series]


def test_values_are_coded_as_the_response_set_defines_them(sample):
    agree5 = sample.response_sets["agree5"]
    coded = code_item(values(1, 2, 3, 4, 5, 9, None, 7), agree5)
    # 9 is "don't know", None unanswered, 7 is not an answer the set offers: all missing.
    assert as_list(coded) == [1, 2, 3, 4, 5, None, None, None]


def test_reverse_coding_is_min_plus_max_minus_x(sample):
    agree5, often4 = sample.response_sets["agree5"], sample.response_sets["often4"]
    assert as_list(code_item(values(1, 2, 4, 5, 9), agree5, reverse=True)) == [5, 4, 2, 1, None]
    # A 1-4 set: (1 + 4) - x; "don't know" is not part of min or max.
    assert as_list(code_item(values(1, 2, 3, 4), often4, reverse=True)) == [4, 3, 2, 1]


def test_dont_know_flags_leave_blank_answers_out_of_the_base(sample):
    agree5 = sample.response_sets["agree5"]
    # Two "don't know" among four answers; the blank is no answer at all (NaN), not a zero.
    assert as_list(missing_flags(values(1, 9, 9, None, 4), agree5)) == [0.0, 1.0, 1.0, None, 0.0]


def test_agreeing_means_the_top_two_scored_values_as_worded(sample):
    agree5 = sample.response_sets["agree5"]
    flags = agree_flags(values(1, 3, 4, 5, 9, None), agree5)
    assert as_list(flags) == [0, 0, 1, 1, None, None]


def test_stored_answers_of_any_shape_become_numbers_or_missing():
    mixed = values(4, "5", [1, 3], "yes", None, 2.0)
    assert as_list(numeric(mixed)) == [4, 5, None, None, None, 2]


def test_scale_score_needs_the_minimum_number_of_answers():
    items = pd.DataFrame({"a": [4, 4, np.nan, np.nan], "b": [2, np.nan, np.nan, 5], "c": [3] * 4})
    # k = 3 items, so ceil(3/2) = 2 must be answered.
    assert as_list(scale_score(items, 2)) == [3.0, 3.5, None, 4.0]
    assert as_list(scale_score(items, 3)) == [3.0, None, None, None]


def test_scale_scores_use_reverse_coding_and_the_half_rule(sample):
    responses = pd.DataFrame(
        {
            "belong_area": [4, 9, 9, 5],
            "belong_city": [5, 5, None, 4],
            "nervous_mixing": [2, 2, 2, None],  # reverse-coded: 2 counts as 4
            "mix_often": [1, 2, 3, 4],
            "mix_school": [None, 4, None, 1],
        }
    )
    scores = scale_scores(coded_items(responses, sample), sample)
    # belonging: (4 + 5 + 4) / 3; (5 + 4) / 2; one answer of three is too few; (5 + 4) / 2.
    assert scores["belonging"].tolist()[:2] == pytest.approx([13 / 3, 4.5])
    assert math.isnan(scores["belonging"][2])
    assert scores["belonging"][3] == 4.5
    # mixing has k = 2 items, so one answer is enough: ceil(2/2) = 1.
    assert scores["mixing"].tolist() == [1.0, 3.0, 3.0, 2.5]


def test_a_declared_minimum_overrides_the_half_rule(sample):
    strict = sample.model_copy(
        update={"scales": {**sample.scales, "mixing": sample.scales["mixing"].model_copy(
            update={"min_items": 2})}}
    )  # fmt: skip
    responses = pd.DataFrame({"mix_often": [1, 2], "mix_school": [None, 4]})
    scores = scale_scores(coded_items(responses, strict), strict)
    assert as_list(scores["mixing"]) == [None, 3.0]


def test_only_items_with_ordered_answers_are_scored(sample):
    ids = [s.id for s in scored_items(sample)]
    assert ids == ["belong_area", "belong_city", "nervous_mixing", "mix_often", "mix_school"]
