"""Property tests for the scoring statistics (hypothesis).

Invariants checked, for paired and unpaired comparisons alike:

* swapping PRE and POST negates the change, the interval (ends swapped),
  the effect sizes and the t statistic, and leaves p-values unchanged;
* adding a constant to every value shifts only the two means;
* dropping missing values is the same as never having had them;
* no input, however degenerate, raises, warns or yields non-JSON output.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

from survey_app.scoring.stats import (
    PairedResult,
    UnpairedResult,
    agreement_share,
    newcombe_interval,
    paired_comparison,
    unpaired_comparison,
    wilson_interval,
)

# Moderate example counts keep the whole file to a few seconds.
FAST = settings(max_examples=100, deadline=None)

likert = st.integers(min_value=1, max_value=5).map(float)
# Two-decimal floats: realistic scores that still exercise float rounding
# (0.07 etc. are not exact in binary) without manufacturing near-ties.
decimal = st.integers(min_value=-1000, max_value=1000).map(lambda i: i / 100)
values = st.one_of(st.just(likert), st.just(decimal))
shift = st.one_of(
    st.integers(min_value=-100, max_value=100).map(float),
    st.integers(min_value=-200, max_value=200).map(lambda i: i / 4),
)


@st.composite
def paired_data(draw: st.DrawFn, min_size: int = 0) -> tuple[list[float], list[float]]:
    """Equal-length PRE/POST lists drawn from one value scale."""
    element = draw(values)
    n = draw(st.integers(min_value=min_size, max_value=40))
    pre = draw(st.lists(element, min_size=n, max_size=n))
    post = draw(st.lists(element, min_size=n, max_size=n))
    return pre, post


@st.composite
def unpaired_data(draw: st.DrawFn, min_size: int = 0) -> tuple[list[float], list[float]]:
    """Independent PRE/POST samples (sizes may differ) from one value scale."""
    element = draw(values)
    pre = draw(st.lists(element, min_size=min_size, max_size=30))
    post = draw(st.lists(element, min_size=min_size, max_size=30))
    return pre, post


# Result fields that a common shift of PRE and POST must leave unchanged.
SHIFT_INVARIANT = "mean_change ci_low ci_high effect_size statistic p_value t_statistic t_p_value"
SHIFT_INVARIANT_FIELDS = tuple(SHIFT_INVARIANT.split())


@contextmanager
def no_warnings() -> Iterator[None]:
    """Turn every warning into an error: the statistics must stay silent."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def approx(expected: float | None) -> object:
    """Tolerant comparison that also accepts None == None."""
    if expected is None:
        return None
    return pytest.approx(expected, rel=1e-7, abs=1e-9)


def neg(value: float | None) -> float | None:
    return None if value is None else -value


def assert_json_safe(result: PairedResult | UnpairedResult) -> None:
    # allow_nan=False makes json.dumps reject NaN/inf, as browsers would.
    json.dumps(result.to_dict(), allow_nan=False)


@FAST
@given(paired_data())
def test_paired_swap_pre_post(data: tuple[list[float], list[float]]) -> None:
    pre, post = data
    with no_warnings():
        a = paired_comparison(pre, post)
        b = paired_comparison(post, pre)
    assert (a.n_pairs, a.improved, a.same, a.worse) == (b.n_pairs, b.worse, b.same, b.improved)
    assert a.mean_pre == b.mean_post and a.mean_post == b.mean_pre
    assert a.mean_change == approx(neg(b.mean_change))
    assert a.ci_low == approx(neg(b.ci_high))
    assert a.ci_high == approx(neg(b.ci_low))
    assert a.effect_size == approx(neg(b.effect_size))
    assert a.rank_biserial == approx(neg(b.rank_biserial))
    assert a.t_statistic == approx(neg(b.t_statistic))
    assert a.p_value == approx(b.p_value)
    assert a.t_p_value == approx(b.t_p_value)
    assert a.test == b.test
    if a.statistic is not None and b.statistic is not None:
        # V for one direction is R- for the other: together they are n(n+1)/2.
        n_nonzero = a.improved + a.worse
        assert a.statistic + b.statistic == approx(n_nonzero * (n_nonzero + 1) / 2)
    assert_json_safe(a)


@FAST
@given(paired_data(), shift)
def test_paired_shift_moves_only_means(data: tuple[list[float], list[float]], c: float) -> None:
    pre, post = data
    with no_warnings():
        a = paired_comparison(pre, post)
        b = paired_comparison([v + c for v in pre], [v + c for v in post])
    assert b.mean_pre == approx(None if a.mean_pre is None else a.mean_pre + c)
    assert b.mean_post == approx(None if a.mean_post is None else a.mean_post + c)
    for field in (*SHIFT_INVARIANT_FIELDS, "rank_biserial"):
        assert getattr(b, field) == approx(getattr(a, field)), field
    assert (a.test, a.improved, a.same, a.worse) == (b.test, b.improved, b.same, b.worse)


@FAST
@given(unpaired_data())
def test_unpaired_swap_pre_post(data: tuple[list[float], list[float]]) -> None:
    pre, post = data
    with no_warnings():
        a = unpaired_comparison(pre, post)
        b = unpaired_comparison(post, pre)
    assert (a.n_pre, a.n_post) == (b.n_post, b.n_pre)
    assert a.mean_change == approx(neg(b.mean_change))
    assert a.ci_low == approx(neg(b.ci_high))
    assert a.ci_high == approx(neg(b.ci_low))
    assert a.effect_size == approx(neg(b.effect_size))
    assert a.t_statistic == approx(neg(b.t_statistic))
    assert a.df == approx(b.df)
    assert a.p_value == approx(b.p_value)
    assert a.t_p_value == approx(b.t_p_value)
    assert a.test == b.test
    if a.statistic is not None and b.statistic is not None:
        assert a.statistic + b.statistic == approx(a.n_pre * a.n_post)
    assert_json_safe(a)


@FAST
@given(unpaired_data(), shift)
def test_unpaired_shift_moves_only_means(data: tuple[list[float], list[float]], c: float) -> None:
    pre, post = data
    with no_warnings():
        a = unpaired_comparison(pre, post)
        b = unpaired_comparison([v + c for v in pre], [v + c for v in post])
    assert b.mean_pre == approx(None if a.mean_pre is None else a.mean_pre + c)
    assert b.mean_post == approx(None if a.mean_post is None else a.mean_post + c)
    for field in (*SHIFT_INVARIANT_FIELDS, "df"):
        assert getattr(b, field) == approx(getattr(a, field)), field
    assert a.test == b.test


@FAST
@given(paired_data(), st.lists(st.booleans(), max_size=10))
def test_paired_nan_pairs_are_dropped(
    data: tuple[list[float], list[float]], holes: list[bool]
) -> None:
    pre, post = data
    # Each hole adds a pair with NaN on one side; it must simply vanish.
    padded_pre = pre + [np.nan if h else 3.0 for h in holes]
    padded_post = post + [2.0 if h else np.nan for h in holes]
    with no_warnings():
        assert paired_comparison(padded_pre, padded_post) == paired_comparison(pre, post)


@pytest.mark.parametrize("compare", [paired_comparison, unpaired_comparison])
@pytest.mark.parametrize(
    ("pre", "post"),
    [
        ([], []),
        ([1.0], [2.0]),
        ([3.0, 3.0], [3.0, 3.0]),
        ([1.0, 2.0], [2.0, 3.0]),
        ([np.nan], [np.nan]),
        ([4.0] * 60, [4.0] * 60),
        ([np.inf, 1.0], [2.0, 2.0]),
    ],
)
def test_degenerate_inputs_never_raise_or_warn(
    compare: Callable[[list[float], list[float]], PairedResult | UnpairedResult],
    pre: list[float],
    post: list[float],
) -> None:
    with no_warnings():
        result = compare(pre, post)
    assert_json_safe(result)
    if result.p_value is not None:
        assert 0.0 <= result.p_value <= 1.0


def test_all_zero_differences_give_no_test() -> None:
    """Documented choice: nothing left to rank means p_value None, not 1.0."""
    result = paired_comparison([2, 3, 4], [2, 3, 4])
    assert (result.statistic, result.p_value, result.rank_biserial) == (None, None, None)
    assert (result.ci_low, result.ci_high, result.effect_size) == (0.0, 0.0, None)


@FAST
@given(st.integers(0, 60).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_estimate(kn: tuple[int, int]) -> None:
    k, n = kn
    interval = wilson_interval(k, n)
    if n == 0:
        assert interval.low is None and interval.high is None
        return
    assert interval.low is not None and interval.high is not None
    assert 0.0 <= interval.low <= k / n <= interval.high <= 1.0


counts = st.integers(0, 60).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


@FAST
@given(counts, counts)
def test_newcombe_swap_and_containment(pre: tuple[int, int], post: tuple[int, int]) -> None:
    (k1, n1), (k2, n2) = pre, post
    forward = newcombe_interval(k1, n1, k2, n2)
    backward = newcombe_interval(k2, n2, k1, n1)
    assert forward.low == approx(neg(backward.high))
    assert forward.high == approx(neg(backward.low))
    if n1 and n2:
        assert forward.low is not None and forward.high is not None
        assert -1.0 <= forward.low <= k2 / n2 - k1 / n1 <= forward.high <= 1.0


def test_agreement_share_ignores_missing() -> None:
    result = agreement_share([5, 4, 1, None, np.nan, 2], agree_values={4, 5})
    assert (result.k, result.n, result.share) == (2, 4, 0.5)
    assert result.to_dict() == {
        "k": 2,
        "n": 4,
        "share": 0.5,
        "low": result.low,
        "high": result.high,
    }
    assert agreement_share([None], {1}).to_dict()["share"] is None
