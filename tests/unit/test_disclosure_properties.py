"""Disclosure control (hypothesis): a suppressed row never carries a number, whatever went in.

Checked at both ends: `suppress()` on arbitrary raw rows, and `compare()` on arbitrary small
data sets, where groups straddle MIN_BASE.
"""

from __future__ import annotations

from pathlib import Path

import hypothesis.strategies as st
import pandas as pd
import pytest
from hypothesis import given, settings

from survey_app.questionnaire.loader import load_file
from survey_app.scoring.compare import compare
from survey_app.scoring.disclosure import (
    COUNT_FIELDS,
    RESULT_FIELDS,
    DisclosureError,
    RawRow,
    check_disclosed,
    is_number,
    suppress,
)

SAMPLE = load_file(Path(__file__).parent.parent / "data" / "questionnaires" / "sample" / "v1.yaml")
FAST = settings(max_examples=60, deadline=None)

anything = st.one_of(
    st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-1000, 1000)
)
interval_end = st.one_of(st.none(), st.floats(allow_nan=True))


@st.composite
def raw_rows(draw, below: int | None = None):
    """Any raw row; with `below`, one whose base is under that minimum."""
    design = draw(st.sampled_from(["matched", "unmatched"]))
    count = st.integers(0, (below - 1) if below else 500)
    big = st.integers(0, 500)
    numbers = {
        name: draw(anything)
        for name in ("mean_pre", "mean_post", "mean_change", "ci_low", "ci_high", "effect_size",
                     "statistic", "p_value", "agree_pre", "agree_post", "rank_biserial",
                     "missing_share_pre", "missing_share_post", "agree_pre_low", "agree_pre_high",
                     "agree_post_low", "agree_post_high", "agree_change_low", "agree_change_high")
    }  # fmt: skip
    if design == "matched":
        counts = {"n_pairs": draw(count), "improved": draw(big), "same": draw(big),
                  "worse": draw(big)}  # fmt: skip
    else:
        smaller, larger = draw(count), draw(big)
        counts = dict(
            zip(("n_pre", "n_post"), draw(st.permutations([smaller, larger])), strict=True)
        )
    return RawRow(
        group_by="organisation", group=draw(st.text(max_size=5)), questionnaire="q",
        versions=(1,), measure="m", measure_kind="item", design=design,
        test=draw(st.sampled_from([None, "mann_whitney_asymptotic"])), **counts, **numbers,
    )  # fmt: skip


def assert_no_numbers(shown: dict, min_base: int) -> None:
    for name in (*COUNT_FIELDS, *RESULT_FIELDS):
        assert not is_number(shown[name]), (name, shown[name])
    for name in COUNT_FIELDS:
        assert shown[name] in (None, f"<{min_base}", f">={min_base}")


@FAST
@given(st.integers(1, 50).flatmap(lambda m: st.tuples(st.just(m), raw_rows(below=m))))
def test_a_row_below_min_base_never_carries_a_number(case):
    min_base, row = case
    shown = suppress(row, min_base)
    assert shown["suppressed"] is True
    assert_no_numbers(shown, min_base)


@FAST
@given(raw_rows(), st.integers(1, 50))
def test_suppression_depends_only_on_the_base(row, min_base):
    shown = suppress(row, min_base)
    base = row.n_pairs if row.design == "matched" else min(row.n_pre, row.n_post)
    assert shown["suppressed"] is (base < min_base)
    assert shown["low_base"] is (base < 30)
    if not shown["suppressed"]:
        counts = ("n_pairs",) if row.design == "matched" else ("n_pre", "n_post")
        assert all(shown[c] == getattr(row, c) for c in counts)


answer = st.one_of(st.none(), st.integers(1, 5), st.just(9))


@st.composite
def small_surveys(draw):
    """A few schools of 0-14 respondents, some answering PRE only, some with gaps."""
    rows = []
    for s in range(draw(st.integers(1, 4))):
        for person in range(draw(st.integers(0, 14))):
            phases = draw(st.sampled_from([("pre", "post"), ("pre",), ("post",)]))
            for phase in phases:
                rows.append({
                    "response_id": len(rows) + 1, "session_id": s, "organisation": f"S{s}",
                    "programme": None, "session_date": None, "phase": phase,
                    "questionnaire_id": "sample", "questionnaire_version": 1,
                    "respondent_key": f"{s}-{person}", "match_code": None,
                    "belong_area": draw(answer), "belong_city": draw(answer),
                    "nervous_mixing": draw(answer), "mix_often": draw(st.integers(1, 4)),
                })  # fmt: skip
    return pd.DataFrame(rows)


@settings(max_examples=40, deadline=None)
@given(small_surveys(), st.integers(1, 12), st.sampled_from(["organisation", "priority"]))
def test_compare_never_shows_a_number_for_a_small_group(data, min_base, by):
    if data.empty:
        return
    frame = compare(data, SAMPLE, by=by, min_base=min_base)
    check_disclosed(frame)
    for shown in frame.to_dict(orient="records"):
        if shown["suppressed"]:
            assert_no_numbers(shown, min_base)
        else:
            counts = [shown["n_pairs"]] if shown["design"] == "matched" else [
                shown["n_pre"], shown["n_post"]]  # fmt: skip
            assert min(counts) >= min_base


def test_check_disclosed_catches_a_tampered_frame():
    frame = pd.DataFrame([suppress(RawRow("organisation", "S", "q", (1,), "m", "item",
                                          "matched", n_pairs=3), 10)])  # fmt: skip
    check_disclosed(frame)
    frame.loc[0, "n_pairs"] = "3"
    with pytest.raises(DisclosureError, match="n_pairs"):
        check_disclosed(frame)
    frame.loc[0, "n_pairs"] = "<10"
    frame.at[0, "agree_pre_ci"] = [0.1, None]
    with pytest.raises(DisclosureError, match="agree_pre_ci"):
        check_disclosed(frame)
