"""compare(): groups, measures, both designs and suppression, on small hand-worked data.

School A: 10 respondents answer belong_city PRE and POST (all matched by device key).
    pre  = 2 3 3 4 2 1 3 4 5 3   (sum 30, mean 3.0; agreeing 4 or 5: 3 of 10)
    post = 3 4 3 5 4 2 3 4 5 4   (sum 37, mean 3.7; agreeing: 6 of 10)
    d    = 1 1 0 1 2 1 0 0 0 1   improved 6, same 4, worse 0
    Wilcoxon on the six non-zero d: |d| ranks 3,3,3,3,3,6 -> V = 21, all positive, so the
    matched rank-biserial is 1; zeros mean the normal approximation: n = 6,
    var = 6*7*13/24 - (5^3 - 5)/48 = 20.25, z = (21 - 10.5 - 0.5)/4.5, p = 0.02627 (R gives
    V = 21, p-value = 0.02627 for wilcox.test(post, pre, paired = TRUE)).
School B: 3 respondents, below MIN_BASE 10: suppressed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from survey_app.questionnaire.loader import load_file
from survey_app.scoring.compare import compare, compare_all
from survey_app.scoring.disclosure import COLUMNS, CONTRACT_COLUMNS
from survey_app.scoring.stats import wilson_interval

SAMPLE = Path(__file__).parent.parent / "data" / "questionnaires" / "sample" / "v1.yaml"
PRE = [2, 3, 3, 4, 2, 1, 3, 4, 5, 3]
POST = [3, 4, 3, 5, 4, 2, 3, 4, 5, 4]


@pytest.fixture(scope="module")
def sample():
    return load_file(SAMPLE)


def responses(groups: dict[str, tuple[list, list]], item="belong_city", **extra) -> pd.DataFrame:
    """One session per group; respondent i answers `item` PRE and POST with the same key."""
    rows = []
    for s, (org, (pre, post)) in enumerate(groups.items(), start=1):
        for phase, answers in (("pre", pre), ("post", post)):
            for i, value in enumerate(answers):
                rows.append({
                    "response_id": len(rows) + 1, "session_id": s, "organisation": org,
                    "programme": extra.get("programme"), "session_date": None, "phase": phase,
                    "questionnaire_id": "sample", "questionnaire_version": 1,
                    "respondent_key": f"{org}-{i}", "match_code": None, item: value,
                })  # fmt: skip
    return pd.DataFrame(rows)


def row(frame, group, measure, design):
    found = frame[(frame.group == group) & (frame.measure == measure) & (frame.design == design)]
    assert len(found) == 1, (group, measure, design)
    return found.iloc[0]


@pytest.fixture(scope="module")
def result(sample):
    return compare(responses({"A": (PRE, POST), "B": ([1, 2, 3], [3, 3, 3])}), sample)


def test_the_frame_has_exactly_the_contract_columns_then_the_extras(result):
    assert list(result.columns) == list(COLUMNS)
    assert list(result.columns[: len(CONTRACT_COLUMNS)]) == list(CONTRACT_COLUMNS)


def test_matched_row_counts_means_and_change(result):
    r = row(result, "A", "belong_city", "matched")
    assert (r.n_pairs, r.improved, r.same, r.worse) == (10, 6, 4, 0)
    assert (r.mean_pre, r.mean_post) == pytest.approx((3.0, 3.7))
    assert r.mean_change == pytest.approx(0.7)
    assert r.n_pre is None and r.n_post is None
    assert r.measure_kind == "item" and r.versions == [1] and r.questionnaire == "sample"


def test_matched_row_interval_effect_size_and_wilcoxon(result):
    r = row(result, "A", "belong_city", "matched")
    d = np.subtract(POST, PRE)
    interval = sps.ttest_rel(POST, PRE).confidence_interval()
    assert (r.ci_low, r.ci_high) == pytest.approx((interval.low, interval.high))
    assert r.effect_size == pytest.approx(0.7 / d.std(ddof=1))  # d_z
    assert r.test == "wilcoxon_signed_rank_asymptotic"
    assert r.statistic == 21.0
    assert r.p_value == pytest.approx(0.02627, abs=5e-6)
    assert r.rank_biserial == 1.0


def test_unmatched_row_uses_welch_and_mann_whitney_post_against_pre(result):
    r = row(result, "A", "belong_city", "unmatched")
    assert (r.n_pre, r.n_post, r.n_pairs, r.improved) == (10, 10, None, None)
    assert (r.mean_pre, r.mean_post) == pytest.approx((3.0, 3.7))
    welch = sps.ttest_ind(POST, PRE, equal_var=False).confidence_interval()
    assert (r.ci_low, r.ci_high) == pytest.approx((welch.low, welch.high))
    u = sps.mannwhitneyu(POST, PRE, method="asymptotic", use_continuity=True)
    assert r.statistic == u.statistic
    assert r.p_value == pytest.approx(u.pvalue)
    assert r.effect_size == pytest.approx(2 * u.statistic / 100 - 1)


def test_agreement_shares_with_wilson_and_newcombe(result):
    for design in ("matched", "unmatched"):
        r = row(result, "A", "belong_city", design)
        assert (r.agree_pre, r.agree_post) == (0.3, 0.6)
        pre, post = wilson_interval(3, 10), wilson_interval(6, 10)
        assert r.agree_pre_ci == [pre.low, pre.high]
        assert r.agree_post_ci == [post.low, post.high]
        low, high = r.agree_change_ci
        assert low < 0.3 < high


def test_a_group_below_min_base_shows_only_masked_counts(result):
    for design in ("matched", "unmatched"):
        r = row(result, "B", "belong_city", design)
        assert r.suppressed and r.low_base
        counts = [r.n_pairs, r.improved, r.same, r.worse] if design == "matched" else [
            r.n_pre, r.n_post]  # fmt: skip
        assert counts == ["<10"] * len(counts)
        for name in ("mean_pre", "mean_post", "mean_change", "ci_low", "ci_high", "effect_size",
                     "test", "statistic", "p_value", "agree_pre", "agree_pre_ci", "agree_post",
                     "agree_post_ci", "agree_change_ci", "rank_biserial"):  # fmt: skip
            assert r[name] is None, name


def test_low_base_flag_below_thirty(sample):
    frame = compare(responses({"A": (PRE * 3, POST * 3)}), sample)
    assert not row(frame, "A", "belong_city", "matched").low_base
    assert row(frame, "A", "belong_city", "matched").n_pairs == 30
    frame = compare(responses({"A": (PRE, POST)}), sample, min_base=5)
    assert row(frame, "A", "belong_city", "matched").low_base


def test_reverse_coded_items_are_compared_on_the_coded_values(sample):
    frame = compare(responses({"A": (PRE, POST)}, item="nervous_mixing"), sample)
    r = row(frame, "A", "nervous_mixing", "matched")
    # (1 + 5) - x: means 6 - 3.0 and 6 - 3.7; the change turns negative.
    assert (r.mean_pre, r.mean_post, r.mean_change) == pytest.approx((3.0, 2.3, -0.7))
    assert (r.improved, r.worse) == (0, 6)
    # Agreeing is with the statement as worded, so it still rises from 3 to 6 of 10.
    assert (r.agree_pre, r.agree_post) == (0.3, 0.6)


def test_dont_know_is_missing_and_its_share_is_reported(sample):
    pre = PRE[:8] + [9, 9]  # two "don't know" before
    frame = compare(responses({"A": (pre + PRE, POST + POST)}), sample)
    r = row(frame, "A", "belong_city", "unmatched")
    # The two AFTER scores whose BEFORE was "don't know" are not in a scored pair; being two,
    # they would set the unmatched row two people apart from the matched one (ADR 0029), so
    # they count in neither. The "don't know" answers are in pairs, and count.
    assert (r.n_pre, r.n_post) == (18, 18)
    assert r.missing_share_pre == pytest.approx(2 / 20)
    assert r.missing_share_post == 0.0


def test_scale_rows_come_first_and_need_half_their_items(sample):
    frame = compare(responses({"A": (PRE, POST)}), sample)
    assert list(frame.measure[:4]) == ["belonging", "belonging", "mixing", "mixing"]
    # belonging has three items and only belong_city is answered: 1 < ceil(3/2), no score.
    assert row(frame, "A", "belonging", "matched").n_pairs == "<10"
    assert row(frame, "A", "belonging", "matched").measure_kind == "scale"


def test_grouping_by_programme_session_and_priority(sample):
    data = responses({"A": (PRE, POST), "B": (PRE, POST)})
    by_programme = compare(data, sample, by="programme")
    assert set(by_programme.group) == {"(no programme)"}
    assert row(by_programme, "(no programme)", "belong_city", "matched").n_pairs == 20
    by_session = compare(data, sample, by="session")
    assert list(dict.fromkeys(by_session.group)) == [1, 2]
    by_priority = compare(data, sample, by="priority")
    assert list(dict.fromkeys(by_priority.group)) == ["mixing", "belonging"]
    belonging = by_priority[by_priority.group == "belonging"]
    assert set(belonging.measure) == {"belonging", "belong_area", "belong_city", "nervous_mixing"}


def test_pairs_can_be_given(sample):
    data = responses({"A": (PRE, POST)})
    no_pairs = pd.DataFrame({"session_id": [], "pre_id": [], "post_id": [], "method": []})
    frame = compare(data, sample, pairs=no_pairs)
    assert row(frame, "A", "belong_city", "matched").n_pairs == "<10"
    assert row(frame, "A", "belong_city", "unmatched").n_pre == 10


def test_versions_pool_only_identical_item_ids(sample):
    # v2 drops belong_area from the belonging scale: the item rows pool, the scale does not.
    items = tuple(
        i.model_copy(update={"scale": None}) if i.id == "belong_area" else i for i in sample.items
    )
    v2 = sample.model_copy(update={"version": 2, "items": items})
    first = responses({"A": (PRE, POST)})
    second = responses({"A": (PRE, POST)}).assign(
        questionnaire_version=2, response_id=lambda f: f.response_id + 100, session_id=2
    )
    data = pd.concat([first, second], ignore_index=True).assign(belong_area=4, nervous_mixing=2)
    frame = compare(data, [sample, v2])
    item = row(frame, "A", "belong_city", "matched")
    assert item.versions == [1, 2] and item.n_pairs == 20
    scales = frame[(frame.measure == "belonging") & (frame.design == "matched")]
    assert sorted(map(tuple, scales.versions)) == [(1,), (2,)]
    assert list(scales.n_pairs) == [10, 10]


def test_questionnaires_are_never_pooled(sample):
    other = sample.model_copy(update={"id": "other"})
    data = responses({"A": (PRE, POST)})
    data = pd.concat(
        [
            data,
            data.assign(questionnaire_id="other", response_id=data.response_id + 100, session_id=2),
        ]
    )
    frame = compare_all(data, [sample, other])
    assert list(dict.fromkeys(frame.questionnaire)) == ["other", "sample"]
    assert {row(frame[frame.questionnaire == q], "A", "belong_city", "matched").n_pairs
            for q in ("sample", "other")} == {10}  # fmt: skip
    with pytest.raises(ValueError, match="one questionnaire id"):
        compare(data, [sample, other])


def test_bad_arguments_are_refused(sample):
    data = responses({"A": (PRE, POST)})
    with pytest.raises(ValueError, match="by must be one of"):
        compare(data, sample, by="school")
    with pytest.raises(ValueError, match="MIN_BASE"):
        compare(data, sample, min_base=0)
    with pytest.raises(ValueError, match="lack the columns"):
        compare(data.drop(columns=["match_code"]), sample)


def test_no_responses_gives_an_empty_frame_with_the_columns(sample):
    assert compare_all(pd.DataFrame(), [sample]).empty
    empty = pd.DataFrame(columns=list(responses({"A": ([1], [1])}).columns))
    frame = compare(empty, sample)
    assert frame.empty and list(frame.columns) == list(COLUMNS)
