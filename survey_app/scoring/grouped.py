"""`paired_comparison` and `unpaired_comparison` for many groups at once, with numpy.

A city-wide report makes thousands of comparisons (groups x measures x designs). Through
scipy.stats each costs about a millisecond of argument checking, not arithmetic. Here one pass
over all groups computes the same numbers for the common case, where the asymptotic rank tests
apply (ties or many values). Groups needing anything else (an exact test, fewer than two values,
no spread) are flagged in `fallback`; the caller hands those to the reference functions.
tests/unit/test_grouped_stats.py holds every number equal to the reference on random data, so
the published-value tests of the reference vouch for these too.

Each function takes integer group codes (0..n_groups-1) beside the values and returns a dict of
float arrays of length n_groups named like the result dataclasses' fields, and `fallback`.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from .paired import EXACT_MAX_N, tie_rounded
from .proportions import Z_95
from .unpaired import EXACT_MAX_PER_GROUP

Arrays = dict[str, np.ndarray]
Q_975 = 0.975


def _sum(codes: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    # astype: with no values at all, bincount returns integers even when given weights.
    return np.bincount(codes, weights=values.astype(float), minlength=n_groups).astype(float)


def _count(codes: np.ndarray, n_groups: int) -> np.ndarray:
    return np.bincount(codes, minlength=n_groups).astype(float)


def _extremes(codes: np.ndarray, values: np.ndarray, n_groups: int) -> tuple:
    low, high = np.full(n_groups, np.inf), np.full(n_groups, -np.inf)
    np.minimum.at(low, codes, values)
    np.maximum.at(high, codes, values)
    return low, high


def _variance(codes, values, mean, n, n_groups) -> np.ndarray:
    """Two-pass sample variance per group, as numpy's var(ddof=1) computes it."""
    return _sum(codes, (values - mean[codes]) ** 2, n_groups) / (n - 1)


def group_ranks(codes: np.ndarray, values: np.ndarray, n_groups: int) -> tuple:
    """Average ranks (1-based) within each group, and each group's tie term sum(t^3 - t)."""
    size = values.size
    if size == 0:
        return np.zeros(0), np.zeros(n_groups)
    order = np.lexsort((values, codes))
    c, v = codes[order], values[order]
    new_group = np.ones(size, dtype=bool)
    new_group[1:] = c[1:] != c[:-1]
    new_block = new_group.copy()
    new_block[1:] |= v[1:] != v[:-1]
    starts = np.flatnonzero(new_block)
    lengths = np.diff(starts, append=size).astype(float)
    group_first = np.maximum.accumulate(np.where(new_group, np.arange(size), 0))
    average = starts - group_first[starts] + (lengths + 1.0) / 2.0
    ranks = np.empty(size)
    ranks[order] = np.repeat(average, lengths.astype(int))
    ties = np.bincount(c[starts], weights=lengths**3 - lengths, minlength=n_groups).astype(float)
    return ranks, ties


def _tie_rounded(raw: np.ndarray, codes: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """The reference's tie rounding, with each group's own scale (one call per decade)."""
    out = raw.copy()
    valid = (scale > 0) & np.isfinite(scale)
    decade = np.where(valid, np.floor(np.log10(np.where(valid, scale, 1.0))), np.nan)
    for value in np.unique(decade[np.isfinite(decade)]):
        groups = np.flatnonzero(decade == value)
        rows = np.isin(codes, groups)
        out[rows] = tie_rounded(raw[rows], float(scale[groups[0]]))
    return out


def _normal_p(z: np.ndarray) -> np.ndarray:
    return np.minimum(1.0, 2.0 * special.ndtr(-np.abs(z)))


def paired_by_group(codes: np.ndarray, n_groups: int, pre: np.ndarray, post: np.ndarray) -> Arrays:
    """PairedResult fields per group (d = post - pre); `fallback` marks groups to recompute."""
    keep = np.isfinite(pre) & np.isfinite(post)
    g, x, y = codes[keep], pre[keep], post[keep]
    n = _count(g, n_groups)
    raw = y - x
    scale = np.zeros(n_groups)
    np.maximum.at(scale, g, np.maximum(np.abs(x), np.abs(y)))
    d = _tie_rounded(raw, g, scale)
    low, high = _extremes(g, d, n_groups)
    nonzero = d != 0.0
    gz, dz = g[nonzero], d[nonzero]
    m = _count(gz, n_groups)
    ranks, ties = group_ranks(gz, np.abs(dz), n_groups)
    r_plus = _sum(gz, ranks * (dz > 0), n_groups)
    r_minus = _sum(gz, ranks * (dz < 0), n_groups)
    with np.errstate(all="ignore"):
        change = _sum(g, raw, n_groups) / n
        sd = np.sqrt(_variance(g, raw, change, n, n_groups))
        se = sd / np.sqrt(n)
        rank_se = np.sqrt((m * (m + 1.0) * (2.0 * m + 1.0) - ties / 2.0) / 24.0)
        z = (r_plus - m * (m + 1.0) * 0.25) / rank_se
        z -= np.sign(z) * 0.5 / rank_se
        half = special.stdtrit(n - 1, Q_975) * se
        t_stat = change / se
        exact = (m == n) & (ties == 0) & (m < EXACT_MAX_N)
        return {
            "n_pairs": n,
            "improved": _sum(g, d > 0, n_groups),
            "same": n - m,
            "worse": _sum(g, d < 0, n_groups),
            "mean_pre": _sum(g, x, n_groups) / n,
            "mean_post": _sum(g, y, n_groups) / n,
            "mean_change": change,
            "ci_low": change - half,
            "ci_high": change + half,
            "effect_size": change / sd,
            "statistic": r_plus,
            "p_value": _normal_p(z),
            "rank_biserial": (r_plus - r_minus) / (r_plus + r_minus),
            "t_statistic": t_stat,
            "df": n - 1,
            "t_p_value": 2.0 * special.stdtr(n - 1, -np.abs(t_stat)),
            "fallback": (m == 0) | (n < 2) | (low == high) | exact,
        }


def unpaired_by_group(
    pre_codes: np.ndarray, pre: np.ndarray, post_codes: np.ndarray, post: np.ndarray, n_groups: int
) -> Arrays:
    """UnpairedResult fields per group (POST against PRE); `fallback` marks groups to recompute."""
    gx, x = pre_codes[np.isfinite(pre)], pre[np.isfinite(pre)]
    gy, y = post_codes[np.isfinite(post)], post[np.isfinite(post)]
    n1, n2 = _count(gx, n_groups), _count(gy, n_groups)
    codes = np.concatenate([gy, gx])
    ranks, ties = group_ranks(codes, np.concatenate([y, x]), n_groups)
    u = _sum(codes[: y.size], ranks[: y.size], n_groups) - n2 * (n2 + 1.0) / 2.0
    low1, high1 = _extremes(gx, x, n_groups)
    low2, high2 = _extremes(gy, y, n_groups)
    with np.errstate(all="ignore"):
        mean1, mean2 = _sum(gx, x, n_groups) / n1, _sum(gy, y, n_groups) / n2
        v1 = _variance(gx, x, mean1, n1, n_groups) / n1
        v2 = _variance(gy, y, mean2, n2, n_groups) / n2
        se = np.sqrt(v1 + v2)
        df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
        half = special.stdtrit(df, Q_975) * se
        change = mean2 - mean1
        t_stat = change / se
        n = n1 + n2
        spread = np.sqrt(n1 * n2 / 12.0 * ((n + 1) - ties / (n * (n - 1))))
        z = (np.maximum(u, n1 * n2 - u) - n1 * n2 / 2.0 - 0.5) / spread
        exact = (ties == 0) & (n1 < EXACT_MAX_PER_GROUP) & (n2 < EXACT_MAX_PER_GROUP)
        return {
            "n_pre": n1,
            "n_post": n2,
            "mean_pre": mean1,
            "mean_post": mean2,
            "mean_change": change,
            "ci_low": change - half,
            "ci_high": change + half,
            "statistic": u,
            "p_value": np.minimum(1.0, 2.0 * special.ndtr(-z)),
            "effect_size": 2.0 * u / (n1 * n2) - 1.0,
            "t_statistic": t_stat,
            "df": df,
            "t_p_value": 2.0 * special.stdtr(df, -np.abs(t_stat)),
            "fallback": (n1 < 2) | (n2 < 2) | (low1 == high1) | (low2 == high2) | exact,
        }


def wilson_by_group(k: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`proportions.wilson_interval` for many counts at once; NaN where n is 0.

    The arithmetic is the reference's, step for step, so every bound is the same float."""
    with np.errstate(all="ignore"):
        k, n = k.astype(float), n.astype(float)
        p = k / n
        z2 = Z_95 * Z_95
        denom = 1.0 + z2 / n
        centre = (p + z2 / (2.0 * n)) / denom
        half = Z_95 * np.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom
        low = np.where(k == 0, 0.0, np.maximum(0.0, centre - half))
        high = np.where(k == n, 1.0, np.minimum(1.0, centre + half))
    empty = n == 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


def newcombe_by_group(
    k1: np.ndarray, n1: np.ndarray, k2: np.ndarray, n2: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """`proportions.newcombe_interval` (POST minus PRE) for many groups; NaN where an n is 0."""
    low1, high1 = wilson_by_group(k1, n1)
    low2, high2 = wilson_by_group(k2, n2)
    with np.errstate(all="ignore"):
        p1, p2 = k1 / n1.astype(float), k2 / n2.astype(float)
        diff = p2 - p1
        down2, up1, up2, down1 = p2 - low2, high1 - p1, high2 - p2, p1 - low1
        low = diff - np.sqrt(down2 * down2 + up1 * up1)
        high = diff + np.sqrt(up2 * up2 + down1 * down1)
    return low, high
