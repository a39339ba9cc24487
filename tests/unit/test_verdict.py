"""Issue 14 item 1: one verdict per row. The words, the 95% interval and the p printed with them
come from one method (the t test of that interval), so they can never contradict each other;
p-values read "p = 0.04" or "p < 0.001"; a suppressed row says what is true of it."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_app.reports import wording
from survey_app.scoring.disclosure import RawRow, disclosed_frame
from survey_app.scoring.grouped import paired_by_group, unpaired_by_group
from survey_app.scoring.stats import paired_comparison, unpaired_comparison
from tests.unit.test_stats_published import SLEEP_GROUP1, SLEEP_GROUP2

PRINTED = re.compile(r"95% interval ([^\s,]+) to ([^\s,]+), p ([=<]) ([0-9.]+)\)")


@pytest.mark.parametrize(
    ("p", "text"),
    [
        (0.0004, "p < 0.001"), (0.001, "p = 0.001"), (0.0042, "p = 0.004"), (0.04, "p = 0.04"),
        (0.040, "p = 0.04"), (0.0496, "p = 0.049"), (0.05, "p = 0.05"), (0.07939, "p = 0.08"),
        (0.5, "p = 0.50"), (1.0, "p = 1.00"), (None, ""),
    ],
)  # fmt: skip
def test_p_values_print_as_p_equals_or_p_below(p, text):
    assert wording.p_value(p) == text
    assert "= <" not in wording.p_value(p)


def readout_of(mean_change, ci_low, ci_high, t_p_value, design="matched") -> str:
    row = {
        "design": design, "n_pairs": 30, "n_pre": 30, "n_post": 30, "mean_pre": 3.0,
        "mean_post": 3.0 + mean_change, "mean_change": mean_change, "ci_low": ci_low,
        "ci_high": ci_high, "effect_size": 0.1, "low_base": False, "t_p_value": t_p_value,
    }  # fmt: skip
    return wording.readout(pd.Series(row), "Belonging")


def assert_consistent(text: str) -> None:
    """The verdict words agree with the interval and the p printed inside the same sentence."""
    if "chance" not in text:
        assert PRINTED.search(text) is None
        return
    low, high, sign, p = PRINTED.search(text).groups()
    low, high, p = float(low), float(high), float(p)
    if "unlikely" in text:
        assert (low > 0 or high < 0) and (sign == "<" or p < wording.SIGNIFICANCE), text
    else:
        assert "could be chance" in text
        assert low <= 0 <= high and sign == "=" and p >= wording.SIGNIFICANCE, text


answers = st.lists(st.integers(1, 5), min_size=2, max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_paired_words_never_contradict_their_interval_and_p(data):
    pre = data.draw(answers)
    post = data.draw(st.lists(st.integers(1, 5), min_size=len(pre), max_size=len(pre)))
    r = paired_comparison(pre, post)
    if r.mean_change is None:
        return
    assert_consistent(readout_of(r.mean_change, r.ci_low, r.ci_high, r.t_p_value))


@settings(max_examples=150, deadline=None)
@given(answers, answers)
def test_unmatched_words_never_contradict_their_interval_and_p(pre, post):
    r = unpaired_comparison(pre, post)
    if r.mean_change is None:
        return
    text = readout_of(r.mean_change, r.ci_low, r.ci_high, r.t_p_value, design="unmatched")
    assert_consistent(text)


def test_the_words_follow_the_interval_not_the_rank_test():
    """A paired-t interval straddling 0 beside a Wilcoxon p of 0.04 (the issue's example):
    the words and the printed p are the t test's, so the 0.04 is never printed beside them."""
    text = readout_of(0.2, -0.01, 0.41, 0.061)
    assert "could be chance" in text and "p = 0.06" in text and "0.04" not in text


def test_published_t_p_reaches_the_words_through_the_vectorised_path():
    """R ?t.test, datasets::sleep: paired t p-value = 0.002833, CI -2.4598858 to -0.7001142;
    Welch p-value = 0.07939, CI -3.3654832 to 0.2054832 (as in test_stats_published.py)."""
    x, y = np.array(SLEEP_GROUP2), np.array(SLEEP_GROUP1)
    paired = paired_by_group(np.zeros(10, int), 1, x, y)
    assert paired["t_p_value"][0] == pytest.approx(0.002833, rel=5e-4)
    welch = unpaired_by_group(np.zeros(10, int), x, np.zeros(10, int), y, 1)
    assert welch["t_p_value"][0] == pytest.approx(0.07939, rel=5e-4)
    row = RawRow("organisation", "A", "q", (1,), "m", "scale", "matched", n_pairs=10,
                 mean_pre=2.33, mean_post=0.75, mean_change=-1.58, ci_low=paired["ci_low"][0],
                 ci_high=paired["ci_high"][0], t_p_value=paired["t_p_value"][0])  # fmt: skip
    shown = disclosed_frame([row], 10).iloc[0]
    text = wording.readout(shown, "Sleep")
    assert "chance is an unlikely explanation (95% interval -2.46 to -0.70, p = 0.003)" in text


@pytest.mark.parametrize(
    ("design", "counts", "reason", "shown_counts"),
    [
        ("matched", {"n_pairs": 0}, wording_no := "no matched pairs: the BEFORE and AFTER "
         "answers could not be linked", {"n_pairs": "<10"}),
        ("matched", {"n_pairs": 7, "improved": 3}, "fewer than 10 matched pairs",
         {"n_pairs": "<10", "improved": "<10"}),
        ("unmatched", {"n_pre": 15, "n_post": 4}, "fewer than 10 responses in a phase",
         {"n_pre": ">=10", "n_post": "<10"}),
    ],
)  # fmt: skip
def test_a_suppressed_row_says_the_true_reason_and_true_counts(
    design, counts, reason, shown_counts
):
    row = RawRow("organisation", "A", "q", (1,), "m", "scale", design, **counts, mean_change=1.0)
    shown = disclosed_frame([row], 10).iloc[0]
    assert shown["suppressed"] and shown["reason"] == reason
    assert {k: shown[k] for k in shown_counts} == shown_counts
    assert shown["mean_change"] is None
