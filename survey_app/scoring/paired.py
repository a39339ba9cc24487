"""Paired PRE/POST comparison: the same respondents answered twice.

Differences are always ``d = post - pre``, so a positive change means the
score went up. The rank test follows R's ``wilcox.test(post, pre,
paired = TRUE)`` so numbers can be checked against R output.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import special

from survey_app.scoring.proportions import JsonResult, opt_float

FloatArray = npt.NDArray[np.float64]
SignedRankTest = Literal["wilcoxon_signed_rank_exact", "wilcoxon_signed_rank_asymptotic"]

# scipy's exact signed-rank distribution is only offered for small n, and
# the normal approximation is already excellent beyond it.
EXACT_MAX_N = 50

# Differences are compared after rounding to this many significant digits of
# the data's magnitude, so that 1.3 and 1.3000000000000003 (two ways of
# computing the "same" difference) count as a tie, not two distinct ranks.
_TIE_DIGITS = 12


@dataclass(frozen=True)
class SignedRankResult(JsonResult):
    """Wilcoxon signed-rank test on paired differences.

    ``statistic`` is V, the sum of ranks of the positive differences (what R
    reports), not scipy's two-sided min(R+, R-). ``statistic``, ``p_value``
    and ``rank_biserial`` are None when no non-zero difference is left.
    """

    test: SignedRankTest
    n_nonzero: int
    statistic: float | None
    p_value: float | None
    rank_biserial: float | None


@dataclass(frozen=True)
class PairedResult(JsonResult):
    """Summary of a paired PRE/POST comparison (``change = post - pre``).

    ``ci_low``/``ci_high`` are the paired-t 95 % interval of the mean change;
    ``effect_size`` is d_z = mean(d) / sd(d); ``statistic``/``p_value``/
    ``rank_biserial`` come from the Wilcoxon signed-rank test and
    ``t_statistic``/``df``/``t_p_value`` from the paired t test.
    """

    n_pairs: int
    improved: int
    same: int
    worse: int
    mean_pre: float | None
    mean_post: float | None
    mean_change: float | None
    ci_low: float | None
    ci_high: float | None
    effect_size: float | None
    test: SignedRankTest
    statistic: float | None
    p_value: float | None
    rank_biserial: float | None
    t_statistic: float | None
    df: int | None
    t_p_value: float | None


def as_float_array(values: npt.ArrayLike) -> FloatArray:
    """Flatten any sequence/array/Series of numbers into a float64 array."""
    return np.asarray(values, dtype=np.float64).reshape(-1)


def tie_rounded(values: FloatArray, scale: float) -> FloatArray:
    """Round values to ``_TIE_DIGITS`` significant digits of ``scale``.

    Used only to decide zeros and ties; means and t statistics use raw data.
    """
    if scale <= 0.0 or not math.isfinite(scale):
        return values.copy()
    decimals = _TIE_DIGITS - 1 - math.floor(math.log10(scale))
    return np.round(values, decimals)


def signed_rank_test(differences: npt.ArrayLike, exact: bool | None = None) -> SignedRankResult:
    """Wilcoxon signed-rank test on differences (two-sided), matching R.

    Zero differences are dropped before ranking (``zero_method='wilcox'``,
    R's convention), for V and the rank-biserial correlation alike.
    With ``exact=None`` the exact distribution is used when there are no
    zeros, no ties among |d| and fewer than 50 differences; otherwise the
    normal approximation with tie and continuity correction. ``exact=True``
    forces the exact test and raises ``ValueError`` if zeros or ties make
    it invalid. Non-finite differences are ignored. Differences are used as
    given (callers wanting float-noise-tolerant ties should round first).
    """
    d = as_float_array(differences)
    d = d[np.isfinite(d)]
    nonzero = d[d != 0.0]
    n = int(nonzero.size)
    magnitudes = np.abs(nonzero)
    untied = np.unique(magnitudes).size == n
    exact_ok = nonzero.size == d.size and untied and n < EXACT_MAX_N
    if exact is True and not exact_ok:
        raise ValueError("exact signed-rank p-values need no zeros, no ties and n < 50")
    use_exact = exact_ok if exact is None else exact
    test: SignedRankTest = (
        "wilcoxon_signed_rank_exact" if use_exact else "wilcoxon_signed_rank_asymptotic"
    )
    if n == 0:
        # Nothing to rank. R returns NaN here; None says "not computable"
        # more honestly than a p of 1.0 would.
        return SignedRankResult(test, 0, None, None, None)
    sps = scipy_stats()
    ranks = sps.rankdata(magnitudes)
    r_plus = float(ranks[nonzero > 0].sum())
    r_minus = float(ranks[nonzero < 0].sum())
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        # scipy may warn about small samples for the normal approximation;
        # the choice of method is deliberate, so the warning is noise here.
        warnings.simplefilter("ignore")
        if use_exact:
            res = sps.wilcoxon(nonzero, method="exact")
        else:
            res = sps.wilcoxon(nonzero, zero_method="wilcox", correction=True, method="asymptotic")
    p = opt_float(res.pvalue)
    return SignedRankResult(
        test=test,
        n_nonzero=n,
        statistic=r_plus,
        p_value=None if p is None else min(1.0, p),
        rank_biserial=(r_plus - r_minus) / (r_plus + r_minus),
    )


def scipy_stats():
    """scipy.stats, imported on first use: it takes about a second, and most comparisons are
    made by scoring/grouped.py without it, so app start-up and `report compare` skip the cost."""
    from scipy import stats

    return stats


def paired_comparison(pre: npt.ArrayLike, post: npt.ArrayLike) -> PairedResult:
    """Compare paired PRE and POST scores (``d = post - pre``).

    Pairs with a missing (NaN) or infinite value on either side are dropped.
    Raises ``ValueError`` only when ``pre`` and ``post`` differ in length;
    degenerate data never raise or warn, they give None instead:

    * n = 0: every statistic is None.
    * n = 1: means and the rank test (p = 1.0) are given; interval, effect
      size and t test are None (no spread can be estimated).
    * all differences equal: the interval collapses to the mean change, and
      effect size and t test are None (sd = 0).
    * all differences zero: additionally the Wilcoxon statistic, p_value and
      rank_biserial are None, because nothing is left to rank.
    """
    x, y = as_float_array(pre), as_float_array(post)
    if x.size != y.size:
        raise ValueError(f"pre and post must pair up: {x.size} != {y.size}")
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    n = int(x.size)
    raw = y - x
    scale = float(max(np.abs(x).max(initial=0.0), np.abs(y).max(initial=0.0)))
    d = tie_rounded(raw, scale)
    rank = signed_rank_test(d)
    mean_change = float(raw.mean()) if n else None
    ci_low = ci_high = effect = t_stat = t_p = None
    df: int | None = None
    if n >= 2 and mean_change is not None:
        if np.all(d == d[0]):
            # Zero spread: the interval degenerates to a point and t, d_z
            # would divide by zero.
            ci_low = ci_high = mean_change
        else:
            sd = float(raw.std(ddof=1))
            se = sd / math.sqrt(n)
            df = n - 1
            half = float(special.stdtrit(df, 0.975)) * se
            ci_low, ci_high = mean_change - half, mean_change + half
            effect = mean_change / sd
            t_stat = mean_change / se
            t_p = float(2.0 * special.stdtr(df, -abs(t_stat)))
    return PairedResult(
        n_pairs=n,
        improved=int((d > 0).sum()),
        same=int((d == 0).sum()),
        worse=int((d < 0).sum()),
        mean_pre=float(x.mean()) if n else None,
        mean_post=float(y.mean()) if n else None,
        mean_change=mean_change,
        ci_low=ci_low,
        ci_high=ci_high,
        effect_size=effect,
        test=rank.test,
        statistic=rank.statistic,
        p_value=rank.p_value,
        rank_biserial=rank.rank_biserial,
        t_statistic=t_stat,
        df=df,
        t_p_value=t_p,
    )
