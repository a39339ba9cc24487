"""Intervals for proportions, plus the JSON helpers every result type shares.

This module is the bottom of the scoring layer: it imports nothing from its
siblings, so ``paired`` and ``unpaired`` can borrow the JSON helpers from it
without creating import cycles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd
from scipy import special

# Two-sided 95 %: every interval in the app uses the same level, so the
# quantile is computed once rather than passed around.
Z_95: float = float(special.ndtri(0.975))

JsonValue = float | int | str | bool | None


def json_value(value: Any) -> JsonValue:
    """Convert a scalar to a JSON-safe Python value (NaN/inf become None)."""
    if value is None or isinstance(value, (bool, np.bool_)):
        return None if value is None else bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        # json.dumps would emit NaN/Infinity, which is not valid JSON.
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return value
    raise TypeError(f"not a JSON scalar: {value!r}")


def dataclass_to_dict(obj: Any) -> dict[str, JsonValue]:
    """Return a dataclass instance's fields as a dict of JSON-safe values."""
    return {f.name: json_value(getattr(obj, f.name)) for f in fields(obj)}


class JsonResult:
    """Gives a result dataclass `to_dict()`: its fields as JSON-safe values (NaN, inf -> None)."""

    def to_dict(self) -> dict[str, JsonValue]:
        return dataclass_to_dict(self)


def opt_float(value: Any) -> float | None:
    """Coerce a numpy/Python number to ``float``; NaN, inf and None become None."""
    if value is None:
        return None
    out = float(value)
    return out if math.isfinite(out) else None


@dataclass(frozen=True)
class Interval(JsonResult):
    """A two-sided 95 % interval; both ends are None when it is undefined."""

    low: float | None
    high: float | None


@dataclass(frozen=True)
class ShareResult(JsonResult):
    """Share of answers falling in an "agree" set, with its Wilson interval."""

    k: int
    n: int
    share: float | None
    low: float | None
    high: float | None


def _check_counts(k: int, n: int) -> None:
    # Bad counts are a programming error upstream, not a data condition, so
    # they raise instead of quietly producing a meaningless interval.
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")


def _wilson_bounds(k: int, n: int) -> tuple[float, float]:
    # Shared by wilson_interval and newcombe_interval; callers ensure n > 0.
    p = k / n
    z2 = Z_95 * Z_95
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denom
    half = Z_95 * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom
    # At k = 0 or k = n the bound is 0 or 1 algebraically; pin it so rounding
    # cannot produce -1e-17 or 1.0000000000000002.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def wilson_interval(k: int, n: int) -> Interval:
    """Wilson score 95 % interval for k successes out of n, no continuity correction.

    This is method 3 of Newcombe (1998a), Statistics in Medicine 17:857-872.
    Returns ``Interval(None, None)`` when ``n == 0``. Raises ``ValueError``
    unless ``0 <= k <= n``.
    """
    _check_counts(k, n)
    if n == 0:
        return Interval(None, None)
    return Interval(*_wilson_bounds(k, n))


def newcombe_interval(k1: int, n1: int, k2: int, n2: int) -> Interval:
    """Newcombe hybrid score 95 % interval for the difference ``p2 - p1``.

    Direction: group 1 is PRE and group 2 is POST, so the interval is for
    ``k2/n2 - k1/n1`` (POST minus PRE); a positive interval means the share
    went up. This is method 10 of Newcombe (1998b), Statistics in Medicine
    17:873-890, built from the two Wilson intervals (no continuity
    correction). Returns ``Interval(None, None)`` when either n is 0.
    """
    _check_counts(k1, n1)
    _check_counts(k2, n2)
    if n1 == 0 or n2 == 0:
        return Interval(None, None)
    p1, p2 = k1 / n1, k2 / n2
    low1, high1 = _wilson_bounds(k1, n1)
    low2, high2 = _wilson_bounds(k2, n2)
    diff = p2 - p1
    # The lower limit combines the two "downward" distances: p2 to its lower
    # Wilson bound and p1 to its upper one; the upper limit mirrors this.
    # Squares as products: exact IEEE arithmetic, so scoring/grouped.py's arrays give the same
    # floats (float ** 2 goes through pow(), which numpy does not match in the last bit).
    down2, up1, up2, down1 = p2 - low2, high1 - p1, high2 - p2, p1 - low1
    low = diff - math.sqrt(down2 * down2 + up1 * up1)
    high = diff + math.sqrt(up2 * up2 + down1 * down1)
    return Interval(low, high)


def agreement_share(values: Iterable[Any], agree_values: Iterable[Any]) -> ShareResult:
    """Count how many answered values are in ``agree_values``, with a Wilson interval.

    Missing answers (None, NaN, pandas NA) are left out of both k and n, so
    the share is among people who answered. ``share``, ``low`` and ``high``
    are None when nobody answered.
    """
    series = pd.Series(list(values), dtype=object)
    answered = series[~series.isna()]
    n = int(answered.size)
    k = int(answered.isin(list(agree_values)).sum())
    interval = wilson_interval(k, n)
    share = k / n if n else None
    return ShareResult(k=k, n=n, share=share, low=interval.low, high=interval.high)
