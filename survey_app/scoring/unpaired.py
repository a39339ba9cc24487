"""Unpaired PRE/POST comparison: two independent samples of respondents.

The change is always ``post - pre``. Rank statistics are oriented the same
way: U is POST's Mann-Whitney U against PRE, matching R's
``wilcox.test(post, pre)`` W.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import special

from survey_app.scoring.paired import as_float_array, scipy_stats
from survey_app.scoring.proportions import JsonResult, opt_float

MannWhitneyTest = Literal["mann_whitney_exact", "mann_whitney_asymptotic"]

# Exact p-values are used only for tiny samples; beyond this the normal
# approximation is what R and most software report, so results stay comparable.
EXACT_MAX_PER_GROUP = 8


@dataclass(frozen=True)
class MannWhitneyResult(JsonResult):
    """Two-sided Mann-Whitney test of POST against PRE.

    ``statistic`` is U for POST; ``rank_biserial`` is 2U/(n_pre*n_post) - 1,
    positive when POST values tend to be larger. ``p_value`` is None when it
    cannot be computed (an empty sample, or every value identical).
    """

    test: MannWhitneyTest
    statistic: float | None
    p_value: float | None
    rank_biserial: float | None


@dataclass(frozen=True)
class UnpairedResult(JsonResult):
    """Summary of an unpaired PRE/POST comparison (``change = post - pre``).

    ``ci_low``/``ci_high`` are the Welch 95 % interval of the difference in
    means; ``statistic``/``p_value`` come from the Mann-Whitney test and
    ``effect_size`` is its rank-biserial correlation. ``t_statistic``,
    ``df`` and ``t_p_value`` are the Welch t test.
    """

    n_pre: int
    n_post: int
    mean_pre: float | None
    mean_post: float | None
    mean_change: float | None
    ci_low: float | None
    ci_high: float | None
    test: MannWhitneyTest
    statistic: float | None
    p_value: float | None
    effect_size: float | None
    t_statistic: float | None
    df: float | None
    t_p_value: float | None


def _finite(values: npt.ArrayLike) -> npt.NDArray[np.float64]:
    arr = as_float_array(values)
    return arr[np.isfinite(arr)]


def mann_whitney(
    post: npt.ArrayLike, pre: npt.ArrayLike, exact: bool | None = None
) -> MannWhitneyResult:
    """Two-sided Mann-Whitney U test of ``post`` against ``pre``.

    With ``exact=None`` the exact distribution is used when there are no
    ties in the pooled data and both samples have fewer than 8 values;
    otherwise the normal approximation with tie and continuity correction
    (R's ``wilcox.test(post, pre, exact = FALSE, correct = TRUE)``).
    ``exact=True`` forces the exact test and raises ``ValueError`` on ties,
    since the exact null distribution assumes none. Non-finite values are
    dropped.
    """
    y, x = _finite(post), _finite(pre)
    pooled = np.concatenate([x, y])
    untied = np.unique(pooled).size == pooled.size
    exact_ok = untied and x.size < EXACT_MAX_PER_GROUP and y.size < EXACT_MAX_PER_GROUP
    if exact is True and not untied:
        raise ValueError("exact Mann-Whitney p-values need untied data")
    use_exact = exact_ok if exact is None else exact
    test: MannWhitneyTest = "mann_whitney_exact" if use_exact else "mann_whitney_asymptotic"
    if x.size == 0 or y.size == 0:
        return MannWhitneyResult(test, None, None, None)
    method = "exact" if use_exact else "asymptotic"
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        # Degenerate inputs can make scipy warn; they are handled below.
        warnings.simplefilter("ignore")
        res = scipy_stats().mannwhitneyu(y, x, method=method, use_continuity=True)
    u = float(res.statistic)
    # Every value identical: the rank statistic has no variance, so there is
    # no test to report (kept consistent with the paired all-zero case).
    p = None if np.ptp(pooled) == 0 else opt_float(res.pvalue)
    return MannWhitneyResult(
        test=test,
        statistic=u,
        p_value=None if p is None else min(1.0, p),
        rank_biserial=2.0 * u / (x.size * y.size) - 1.0,
    )


def unpaired_comparison(pre: npt.ArrayLike, post: npt.ArrayLike) -> UnpairedResult:
    """Compare independent PRE and POST samples (``change = mean(post) - mean(pre)``).

    NaN/infinite values are dropped from each sample separately. Degenerate
    data never raise or warn: with an empty sample the change, interval and
    tests are None; with fewer than two values in either sample the Welch
    interval and t test are None; when both samples are constant the
    interval collapses to the difference and the t test is None.
    """
    x, y = _finite(pre), _finite(post)
    n1, n2 = int(x.size), int(y.size)
    mean_pre = float(x.mean()) if n1 else None
    mean_post = float(y.mean()) if n2 else None
    change = None if mean_pre is None or mean_post is None else mean_post - mean_pre
    ci_low = ci_high = t_stat = df = t_p = None
    if n1 >= 2 and n2 >= 2 and change is not None:
        if np.ptp(x) == 0 and np.ptp(y) == 0:
            # No spread anywhere: Welch's se and df are 0/0.
            ci_low = ci_high = change
        else:
            v1 = float(x.var(ddof=1)) / n1
            v2 = float(y.var(ddof=1)) / n2
            se = math.sqrt(v1 + v2)
            # Welch-Satterthwaite degrees of freedom.
            df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
            half = float(special.stdtrit(df, 0.975)) * se
            ci_low, ci_high = change - half, change + half
            t_stat = change / se
            t_p = float(2.0 * special.stdtr(df, -abs(t_stat)))
    rank = mann_whitney(y, x)
    return UnpairedResult(
        n_pre=n1,
        n_post=n2,
        mean_pre=mean_pre,
        mean_post=mean_post,
        mean_change=change,
        ci_low=ci_low,
        ci_high=ci_high,
        test=rank.test,
        statistic=rank.statistic,
        p_value=rank.p_value,
        effect_size=rank.rank_biserial,
        t_statistic=t_stat,
        df=df,
        t_p_value=t_p,
    )
