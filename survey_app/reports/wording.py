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
from .selection import MATCHED, MatchRate, base_of

D_THRESHOLDS = ((0.8, "large"), (0.5, "medium"), (0.2, "small"))
R_THRESHOLDS = ((0.5, "large"), (0.3, "medium"), (0.1, "small"))
SIGNIFICANCE = 0.05  # the verdict's cut: the 95% interval excludes 0 exactly when p is below it


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


def bound(value: object) -> str:
    """An interval's end, signed to 2 decimals; a tiny non-zero end keeps its sign and digits
    ("+0.0031", not "+0.00"), so a printed interval never seems to touch 0 when it does not."""
    x = number(value)
    if x is None:
        return ""
    return f"{x:+.2g}" if x != 0 and abs(x) < 0.005 else f"{x:+.2f}"


def span(low: object, high: object, fmt=bound) -> str:
    """An interval in words: "+0.12 to +0.40"."""
    if number(low) is None or number(high) is None:
        return ""
    return f"{fmt(low)} to {fmt(high)}"


def p_value(value: object) -> str:
    """ "p = 0.04", "p = 0.003" or "p < 0.001"; a p just under 0.05 is never rounded up to read
    "p = 0.05" beside words that call it unlikely to be chance."""
    x = number(value)
    if x is None:
        return ""
    if x < 0.001:
        return "p < 0.001"
    if x < SIGNIFICANCE <= round(x, 2):
        return f"p = {math.floor(x * 1000) / 1000:.3f}"  # floor: 0.0496 reads 0.049, not 0.050
    if x < 0.01:
        return f"p = {x:.3f}"
    return f"p = {x:.2f}"


def verdict(row: pd.Series) -> str:
    """Whether chance explains the change, from the t test whose interval is printed with it
    (paired t for matched rows, Welch for unmatched): ci excludes 0 exactly when t p < 0.05."""
    p = number(row.get("t_p_value"))
    if p is None:
        return ""
    if p < SIGNIFICANCE:
        side = "above" if (number(row.get("mean_change")) or 0) > 0 else "below"
        return f"The 95% interval lies wholly {side} 0, so chance is an unlikely explanation"
    return "The 95% interval includes no change, so this could be chance"


def verdict_numbers(row: pd.Series) -> str:
    """The interval and the p printed beside the verdict: "95% interval +0.10 to +0.50, p = 0.01"
    (empty parts left out)."""
    interval = span(row.get("ci_low"), row.get("ci_high"))
    p = p_value(row.get("t_p_value"))
    return ", ".join(part for part in (f"95% interval {interval}" if interval else "", p) if part)


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


def for_better_or_worse(row: pd.Series) -> str:
    """ " for the better", " for the worse" or "", by the row's `change_is` (ADR 0035)."""
    judged = row.get("change_is")
    return f" for the {judged}" if judged in ("better", "worse") else ""


def direction_note(row: pd.Series) -> str:
    """What an officer must know to read the means' direction: "" unless lower is better."""
    if row.get("better") != "lower":
        return ""
    if row.get("measure_kind") == "scale":
        return " (a lower score is better)"
    return " (agreeing less is better)"


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
    judged = for_better_or_worse(row)
    if word:
        sentence += f"; a {word} change{judged}."
    else:
        sentence += f"; a change{judged}." if judged else "."
    judged = verdict(row)
    if judged:
        sentence += f" {judged} ({verdict_numbers(row)})."
    if row.get("low_base"):
        sentence += f" Fewer than {LOW_BASE} answers: read with care."
    return sentence


def agreement_readout(row: pd.Series, label: str) -> str:
    """The share agreeing before and after, in words, saying when that is for the worse."""
    sentence = (
        f"{percent(row['agree_pre'])} agreed with “{label}” before "
        f"and {percent(row['agree_post'])} after"
    )
    judged = agreement_change(row)
    if judged in ("better", "worse"):
        fewer = "fewer" if row.get("better") == "lower" else "more"
        sentence += f": {fewer} agreeing is better, so a change for the {judged}"
    return sentence + "."


def agreement_change(row: pd.Series) -> str | None:
    """ "better", "worse" or "none" for the change in the share agreeing, as worded."""
    before, after = number(row.get("agree_pre")), number(row.get("agree_post"))
    if before is None or after is None:
        return None
    rise = after - before
    if row.get("better") == "lower":
        rise = -rise
    return "better" if rise > 0 else "worse" if rise < 0 else "none"


def not_shown(row: pd.Series, min_base: int) -> str:
    """The true reason a suppressed row is not shown (the `reason` field of the comparison)."""
    reason = row.get("reason")
    return str(reason) if reason else fewer_than(min_base)


def fewer_than(min_base: int) -> str:
    """What a suppressed cell says instead of a number."""
    return f"fewer than {min_base} responses"


MATCH_RATE_MEANING = (
    "The match rate is the share of those who answered who could be linked before and after. "
    "Matched results compare each person with themselves, but describe only those linked; when "
    "the rate is low they may not be typical of the group, so read the results of everyone who "
    "answered (not matched) beside them."
)


def match_rate_words(rate: MatchRate | None, label: str, reason: str | None = None) -> str:
    """The match rate of a group in words, or why it cannot be given."""
    if rate is None:
        why = f": {reason}" if reason else ""
        return f"Match rate not shown{why}."
    sentence = (
        f"Match rate {100 * rate.rate:.0f}%: {rate.pairs} matched pairs of a possible "
        f"{rate.possible} (on “{label}”)."
    )
    if rate.low:
        sentence += (
            " Fewer than half could be linked: the matched results may not describe the group, "
            "so give the unmatched results as much weight."
        )
    return sentence


def split_note(in_groups: int, compared: int, min_base: int) -> str:
    """What a split by an answer rests on, and why the other sessions are in no group (ADR 0036);
    the same words on the dashboard and in packs."""
    return (
        f"Split by the answer: {in_groups} of the {compared} responses, from the sessions in which "
        f"each answer (and “No answer”) has {min_base} or more in each phase. The other sessions "
        "count only in results that are not split by an answer, so that a small group cannot be "
        "worked out by subtraction."
    )
