"""The vectorised group statistics equal the reference functions, group by group.

`grouped` recomputes `paired_comparison` and `unpaired_comparison` for many groups at once; the
published-value tests (test_stats_published.py) vouch for the reference, and these tests carry
that to the fast path: every field, every group, on Likert answers (many ties and zeros), scale
scores (fractions, so tie rounding matters) and continuous data (where the exact tests apply and
the groups must be handed back to the reference).
"""

from __future__ import annotations

import math

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

from survey_app.scoring.grouped import (
    group_ranks,
    newcombe_by_group,
    paired_by_group,
    unpaired_by_group,
    wilson_by_group,
)
from survey_app.scoring.stats import (
    newcombe_interval,
    paired_comparison,
    unpaired_comparison,
    wilson_interval,
)

KINDS = ("likert", "scale_scores", "continuous")


def draw_values(rng: np.random.Generator, kind: str, size: int) -> np.ndarray:
    if kind == "likert":
        values = rng.integers(1, 6, size).astype(float)
    elif kind == "scale_scores":
        values = rng.integers(3, 16, size) / 3.0
    else:
        values = rng.normal(3.0, 1.0, size)
    values[rng.random(size) < 0.1] = np.nan
    return values


def assert_same(fast: dict, g: int, reference) -> None:
    for name, expected in reference.to_dict().items():
        if name == "test":
            continue
        got = fast[name][g]
        if expected is None:
            assert math.isnan(got) or fast["fallback"][g], (name, got)
        else:
            assert got == pytest.approx(expected, rel=1e-9, abs=1e-12), (name, g)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", range(4))
def test_paired_groups_equal_the_reference(kind, seed):
    rng = np.random.default_rng(seed)
    sizes = rng.integers(0, 70, size=25)
    codes = np.repeat(np.arange(sizes.size), sizes)
    pre, post = draw_values(rng, kind, codes.size), draw_values(rng, kind, codes.size)
    fast = paired_by_group(codes, sizes.size, pre, post)
    checked = 0
    for g in range(sizes.size):
        reference = paired_comparison(pre[codes == g], post[codes == g])
        if not fast["fallback"][g]:
            assert reference.test == "wilcoxon_signed_rank_asymptotic"
            assert_same(fast, g, reference)
            checked += 1
        for name in ("n_pairs", "improved", "same", "worse"):  # counts hold in every group
            assert fast[name][g] == getattr(reference, name)
    assert checked >= (10 if kind != "continuous" else 0)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", range(4))
def test_unpaired_groups_equal_the_reference(kind, seed):
    rng = np.random.default_rng(100 + seed)
    pre_sizes, post_sizes = rng.integers(0, 60, size=25), rng.integers(0, 60, size=25)
    pre_codes = np.repeat(np.arange(25), pre_sizes)
    post_codes = np.repeat(np.arange(25), post_sizes)
    pre = draw_values(rng, kind, pre_codes.size)
    post = draw_values(rng, kind, post_codes.size)
    fast = unpaired_by_group(pre_codes, pre, post_codes, post, 25)
    checked = 0
    for g in range(25):
        reference = unpaired_comparison(pre[pre_codes == g], post[post_codes == g])
        if not fast["fallback"][g]:
            assert reference.test == "mann_whitney_asymptotic"
            assert_same(fast, g, reference)
            checked += 1
        assert (fast["n_pre"][g], fast["n_post"][g]) == (reference.n_pre, reference.n_post)
    assert checked >= 15


def test_groups_the_fast_path_cannot_take_are_flagged():
    codes = np.array([0, 0, 0, 1, 2, 2, 2])
    pre = np.array([1.0, 2.0, 3.0, 1.0, 2.0, 2.0, 2.0])
    post = np.array([2.0, 4.0, 6.0, 1.0, 3.0, 3.0, 3.0])
    fast = paired_by_group(codes, 4, pre, post)
    # 0: untied, no zeros, n < 50 -> exact test; 1: one pair; 2: all d equal; 3: empty.
    assert fast["fallback"].tolist() == [True, True, True, True]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4)), min_size=1, max_size=40))
def test_ranks_within_groups_average_ties(pairs):
    codes = np.array([c for c, _ in pairs])
    values = np.array([float(v) for _, v in pairs])
    ranks, ties = group_ranks(codes, values, 4)
    for g in range(4):
        mine = values[codes == g]
        expected = [1 + (mine < v).sum() + ((mine == v).sum() - 1) / 2 for v in mine]
        assert ranks[codes == g].tolist() == expected
        counts = np.unique(mine, return_counts=True)[1]
        assert ties[g] == float((counts**3 - counts).sum())


def _same_float(got: float, expected: float | None) -> bool:
    return math.isnan(got) if expected is None else got == expected


@pytest.mark.parametrize("seed", range(3))
def test_wilson_and_newcombe_for_many_groups_are_the_reference_floats(seed):
    """Not approximately: the same arithmetic in the same order gives the same floats."""
    rng = np.random.default_rng(seed)
    size = 5000  # enough to meet squares where pow() and x * x differ in the last bit
    n1, n2 = rng.integers(0, 300, size), rng.integers(0, 300, size)
    k1 = np.minimum(n1, rng.integers(0, 300, size))  # includes k = 0 and k = n
    k2 = np.minimum(n2, rng.integers(0, 300, size))
    low, high = wilson_by_group(k1, n1)
    change_low, change_high = newcombe_by_group(k1, n1, k2, n2)
    for g in range(size):
        single = wilson_interval(int(k1[g]), int(n1[g]))
        assert _same_float(low[g], single.low) and _same_float(high[g], single.high), g
        change = newcombe_interval(int(k1[g]), int(n1[g]), int(k2[g]), int(n2[g]))
        assert _same_float(change_low[g], change.low), g
        assert _same_float(change_high[g], change.high), g
