"""Numbers in words: formatting, effect-size words and plain-English readouts.

Effect-size words follow the conventional thresholds, so officers can compare them with other
evaluations:
- matched pairs report d_z (mean change / SD of the changes); Cohen (1988): below 0.2 "a very
  small change", from 0.2 "a small change", from 0.5 "a medium change", from 0.8 "a large change";
- unmatched groups report the rank-biserial correlation r; the usual thresholds for r (Cohen 1988):
  below 0.1 very small, from 0.1 small, from 0.3 medium, from 0.5 large.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from ..scoring.disclosure import LOW_BASE
from .selection import MATCHED, base_of

D_THRESHOLDS = ((0.8, "large"), (0.5, "medium"), (0.2, "small"))
R_THRESHOLDS = ((0.5, "large"), (0.3, "medium"), (0.1, "small"))


def number(value: object) -> float | None:
    """A finite float, or None for anything missing."""
    if value is None or isinstance(value, str):
        return None
    try:
        out = float(value)  # type: ignore[arg-type]  # numpy and pandas scalars
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def interval(value: object) -> tuple[float, float] | None:
    """A (low, high) pair from a list, tuple or dict; None when missing."""
    if isinstance(value, dict):
        value = (value.get("low"), value.get("high"))
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        return None
    low, high = number(value[0]), number(value[1])
    return None if low is None or high is None else (low, high)


def mean(value: object) -> str:
    x = number(value)
    return "" if x is None else f"{x:.1f}"


def signed(value: object, places: int = 2) -> str:
    x = number(value)
    return "" if x is None else f"{x:+.{places}f}"


def percent(value: object) -> str:
    x = number(value)
    return "" if x is None else f"{100 * x:.0f}%"


def span(low: object, high: object, fmt=signed) -> str:
    """An interval in words: "+0.12 to +0.40"."""
    if number(low) is None or number(high) is None:
        return ""
    return f"{fmt(low)} to {fmt(high)}"


def p_value(value: object) -> str:
    x = number(value)
    if x is None:
        return ""
    return "< 0.001" if x < 0.001 else f"{x:.3f}"


def effect_word(effect_size: object, design: str) -> str:
    """ "very small", "small", "medium" or "large", by the thresholds in the module docstring."""
    x = number(effect_size)
    if x is None:
        return ""
    thresholds = D_THRESHOLDS if design == MATCHED else R_THRESHOLDS
    return next((word for cut, word in thresholds if abs(x) >= cut), "very small")


def movement(row: pd.Series) -> str:
    """ "rose from 3.2 to 3.8", "fell from ...", or "stayed at 3.2"."""
    before, after = mean(row["mean_pre"]), mean(row["mean_post"])
    if before == after:
        return f"stayed at {before}"
    verb = "rose" if (number(row["mean_change"]) or 0) > 0 else "fell"
    return f"{verb} from {before} to {after}"


def readout(row: pd.Series, label: str, people: str = "pupils") -> str:
    """One shown comparison row as a sentence an officer can paste into a paper."""
    if row["design"] == MATCHED:
        who = f"among {base_of(row)} {people} who answered both times"
    else:
        who = (
            f"({int(row['n_pre'])} answers before, {int(row['n_post'])} after, "
            "not matched person to person)"
        )
    sentence = f"{label} {movement(row)} {who}"
    word = effect_word(row["effect_size"], row["design"])
    sentence += f"; a {word} change." if word else "."
    low, high = number(row["ci_low"]), number(row["ci_high"])
    if low is not None and high is not None and low <= 0 <= high:
        sentence += " The 95% interval includes no change, so this could be chance."
    if row.get("low_base"):
        sentence += f" Fewer than {LOW_BASE} answers: read with care."
    return sentence


def agreement_readout(row: pd.Series, label: str) -> str:
    """The share agreeing before and after, in words."""
    return (
        f"{percent(row['agree_pre'])} agreed with “{label}” before "
        f"and {percent(row['agree_post'])} after."
    )


def fewer_than(min_base: int) -> str:
    """What a suppressed cell says instead of a number."""
    return f"fewer than {min_base} responses"
