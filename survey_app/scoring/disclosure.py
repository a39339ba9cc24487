"""Disclosure control, in one place: no number about a small group leaves the scoring layer.

`compare()` works out every number into a raw table (the fields of `RawRow`, one row per
group, measure and design) and returns only `disclosed_frame(raw)`. That function is the single
implementation of the rule: a row whose base is below `min_base` keeps its labels, shows each of
its counts as the text "<10" (for min_base 10) and carries no means, shares, tests, intervals or
effect sizes. Pages, charts and exports receive only that frame; `check_disclosed()` lets them
assert it before they write anything.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd

MIN_BASE = 10  # the default; the app passes its MIN_BASE setting
LOW_BASE = 30  # below this a row is shown, but flagged as resting on few people

CONTRACT_COLUMNS = (
    "group_by", "group", "questionnaire", "versions", "measure", "measure_kind", "design",
    "n_pre", "n_post", "n_pairs", "improved", "same", "worse",
    "mean_pre", "mean_post", "mean_change", "ci_low", "ci_high", "effect_size",
    "test", "statistic", "p_value",
    "agree_pre", "agree_pre_ci", "agree_post", "agree_post_ci", "agree_change_ci",
    "suppressed", "low_base",
)  # fmt: skip
# Beyond the contract: the matched rank-biserial (effect_size is d_z there) and the share of
# "don't know" / prefer-not-to-say answers among those who answered the item.
# `t_p_value` is the p of the t test whose interval is ci_low..ci_high (paired t or Welch): the
# verdict in words rests on that pair, so words, interval and p come from one method (ADR 0016).
# `reason` says, for a suppressed row, why it is not shown (None when shown).
# `better` says which way of the measure is better ("higher", "lower"): of a scale's score, and
# of an item's answer as worded and its share agreeing (ADR 0035); `change_is` says whether the
# change in the means was for the "better", the "worse" or "none" (None when suppressed).
EXTRA_COLUMNS = (
    "rank_biserial", "missing_share_pre", "missing_share_post", "t_p_value", "reason",
    "better", "change_is",
)  # fmt: skip
COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS

LABEL_FIELDS = ("group_by", "group", "questionnaire", "versions", "measure", "measure_kind")
COUNT_FIELDS = ("n_pre", "n_post", "n_pairs", "improved", "same", "worse")
NUMBER_FIELDS = (
    "mean_pre", "mean_post", "mean_change", "ci_low", "ci_high", "effect_size", "statistic",
    "p_value", "agree_pre", "agree_post", "rank_biserial", "missing_share_pre",
    "missing_share_post", "t_p_value",
)  # fmt: skip
# Each interval is two raw fields, shown as one [low, high] field.
INTERVAL_FIELDS = {
    "agree_pre_ci": ("agree_pre_low", "agree_pre_high"),
    "agree_post_ci": ("agree_post_low", "agree_post_high"),
    "agree_change_ci": ("agree_change_low", "agree_change_high"),
}
# What a suppressed row loses: everything that describes the data but its (masked) counts.
RESULT_FIELDS = (*NUMBER_FIELDS, *INTERVAL_FIELDS, "test", "change_is")


class DisclosureError(RuntimeError):
    """A frame about to be shown carries a number it must not."""


@dataclass(frozen=True)
class RawRow:
    """One comparison before disclosure control: every number compare() worked out."""

    group_by: str
    group: Any
    questionnaire: str
    versions: tuple[int, ...]
    measure: str
    measure_kind: str
    design: str
    n_pre: float | None = None
    n_post: float | None = None
    n_pairs: float | None = None
    improved: float | None = None
    same: float | None = None
    worse: float | None = None
    mean_pre: float | None = None
    mean_post: float | None = None
    mean_change: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    effect_size: float | None = None
    test: str | None = None
    statistic: float | None = None
    p_value: float | None = None
    agree_pre: float | None = None
    agree_pre_low: float | None = None
    agree_pre_high: float | None = None
    agree_post: float | None = None
    agree_post_low: float | None = None
    agree_post_high: float | None = None
    agree_change_low: float | None = None
    agree_change_high: float | None = None
    rank_biserial: float | None = None
    missing_share_pre: float | None = None
    missing_share_post: float | None = None
    t_p_value: float | None = None
    # The counts before small parts of sessions were left out (`countable`, ADR 0029): only a
    # suppressed row's count words and reason use them.
    whole_n_pre: float | None = None
    whole_n_post: float | None = None
    whole_n_pairs: float | None = None
    better: str = "higher"
    # Which way of the coded score (the means) is better: turned round for a reverse-coded item.
    score_better: str = "higher"


WHOLE_COUNTS = {"n_pre": "whole_n_pre", "n_post": "whole_n_post", "n_pairs": "whole_n_pairs"}
RAW_FIELDS = tuple(f.name for f in fields(RawRow))


def is_suppressed(base: Any, min_base: int) -> Any:
    """The rule itself: a base below the minimum is never shown (works on arrays too)."""
    return base < min_base


def base_of(raw: pd.DataFrame) -> np.ndarray:
    """How many people each row rests on: the pairs, or the smaller of the two samples."""
    counts = {c: pd.to_numeric(raw[c], errors="coerce").fillna(0).to_numpy() for c in COUNT_FIELDS}
    unmatched = np.minimum(counts["n_pre"], counts["n_post"])
    return np.where((raw["design"] == "matched").to_numpy(), counts["n_pairs"], unmatched)


def disclosed_frame(raw: pd.DataFrame | Iterable[RawRow], min_base: int = MIN_BASE) -> pd.DataFrame:
    """The only way results leave the scoring layer: the columns of COLUMNS, small rows masked."""
    check_min_base(min_base)
    if not isinstance(raw, pd.DataFrame):
        raw = pd.DataFrame([[getattr(r, f) for f in RAW_FIELDS] for r in raw], columns=RAW_FIELDS)
    raw = raw.reindex(columns=RAW_FIELDS).reset_index(drop=True)
    base = base_of(raw)
    hidden = is_suppressed(base, min_base)
    out: dict[str, Any] = {name: _objects(raw[name]) for name in LABEL_FIELDS + ("design",)}
    out["versions"] = [sorted(map(int, vs)) if vs else [] for vs in raw["versions"]]
    for name in COUNT_FIELDS:
        out[name] = _counts(raw[name], hidden, min_base, raw.get(WHOLE_COUNTS.get(name, name)))
    for name in NUMBER_FIELDS:
        out[name] = _masked(_objects(_floats(raw[name])), hidden)
    out["test"] = _masked(_objects(raw["test"]), hidden)
    for name, (low, high) in INTERVAL_FIELDS.items():
        out[name] = _masked(_intervals(raw[low], raw[high]), hidden)
    out["suppressed"] = hidden.astype(bool).astype(object)
    out["low_base"] = (base < LOW_BASE).astype(object)
    out["reason"] = _reasons(raw, hidden, min_base)
    out["better"] = _objects(raw["better"].fillna("higher"))
    out["change_is"] = _masked(_change_is(raw), hidden)
    frame = pd.DataFrame({name: pd.Series(out[name], dtype=object) for name in COLUMNS})
    frame.attrs["min_base"] = min_base
    return frame


def suppress(row: RawRow, min_base: int = MIN_BASE) -> dict[str, Any]:
    """One row as it may be shown (the same code as `disclosed_frame`)."""
    return disclosed_frame([row], min_base).iloc[0].to_dict()


def check_disclosed(frame: pd.DataFrame) -> None:
    """Raise DisclosureError if a suppressed row carries any number; call before showing."""
    if "suppressed" not in frame.columns:
        raise DisclosureError("not a comparison frame: it has no 'suppressed' column")
    hidden = frame[frame["suppressed"].astype(bool)]
    for name in (*COUNT_FIELDS, *RESULT_FIELDS):
        if name in hidden.columns and hidden[name].map(is_number).any():
            raise DisclosureError(f"a suppressed row shows a number in '{name}'")


def is_number(value: Any) -> bool:
    """True for anything that reads as a number, inside lists too ("<10" is not one)."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return any(is_number(v) for v in value)
    if isinstance(value, (bool, np.bool_)) or value is None:
        return False
    try:
        return not math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _objects(column: pd.Series) -> np.ndarray:
    """Plain Python values with None for missing (NaN, NA, inf)."""
    values = np.array(column.to_numpy(dtype=object, na_value=None), dtype=object)
    if pd.api.types.is_float_dtype(column.dtype):
        values[~np.isfinite(column.to_numpy(dtype=float))] = None
    return values


def _floats(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column, errors="coerce").astype("float64")


def _counts(
    column: pd.Series, hidden: np.ndarray, min_base: int, whole: pd.Series | None
) -> np.ndarray:
    """Counts as shown: in a suppressed row each count is masked by what is true of it, "<10"
    below min_base and ">=10" otherwise, so a phase of 15 beside one of 4 is never called "<10"
    and still no count of a suppressed row can be subtracted from another. What is true is said
    of the group's answers before small parts of sessions were left out (`whole`, when known)."""
    numbers = pd.to_numeric(column, errors="coerce")
    shown = np.full(len(column), None, dtype=object)
    present = numbers.notna().to_numpy()
    shown[present] = numbers[present].astype("int64").to_numpy().astype(object)
    if whole is not None:
        numbers = pd.to_numeric(whole, errors="coerce").fillna(numbers)
    small = numbers.fillna(0).to_numpy() < min_base
    shown[present & hidden & small] = f"<{min_base}"
    shown[present & hidden & ~small] = f">={min_base}"
    return shown


def reason_words(design: str, n_pairs: float, min_base: int, parts: bool = False) -> str:
    """Why a suppressed row is not shown, in the words pages, charts, packs and JSON use.

    `parts`: the group has enough answers, but only in sessions each too small to count."""
    if parts:
        what = "matched pairs" if design == "matched" else "responses in a phase"
        return (
            f"each session in it has fewer than {min_base} {what}, and a session so small "
            "counts in no result, so that none can be worked out by subtraction"
        )
    if design == "matched":
        if not n_pairs:
            return "no matched pairs: the BEFORE and AFTER answers could not be linked"
        return f"fewer than {min_base} matched pairs"
    return f"fewer than {min_base} responses in a phase"


def _reasons(raw: pd.DataFrame, hidden: np.ndarray, min_base: int) -> np.ndarray:
    whole = raw[list(COUNT_FIELDS)].copy()
    for name, whole_name in WHOLE_COUNTS.items():
        whole[name] = pd.to_numeric(raw[whole_name], errors="coerce").fillna(
            pd.to_numeric(raw[name], errors="coerce")
        )
    whole_base = base_of(whole.assign(design=raw["design"]))
    pairs = whole["n_pairs"].fillna(0).to_numpy()
    out = np.full(len(raw), None, dtype=object)
    for i in np.flatnonzero(hidden):
        parts = bool(whole_base[i] >= min_base)
        out[i] = reason_words(raw["design"].iat[i], pairs[i], min_base, parts)
    return out


def _change_is(raw: pd.DataFrame) -> np.ndarray:
    """ "better", "worse" or "none" for the change in the means, by the measure's direction."""
    change = _floats(raw["mean_change"]).to_numpy()
    lower = (raw["score_better"].fillna("higher") == "lower").to_numpy()
    sign = np.sign(np.where(lower, -change, change))
    out = np.full(len(raw), None, dtype=object)
    out[sign > 0], out[sign < 0], out[sign == 0] = "better", "worse", "none"
    return out


def _intervals(low: pd.Series, high: pd.Series) -> np.ndarray:
    lows, highs = _objects(_floats(low)), _objects(_floats(high))
    shown = np.full(len(low), None, dtype=object)
    for i, (a, b) in enumerate(zip(lows, highs, strict=True)):
        if a is not None or b is not None:
            shown[i] = [a, b]
    return shown


def _masked(values: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    values = values.copy()
    values[hidden] = None
    return values


def check_min_base(min_base: int) -> None:
    """ValueError unless MIN_BASE is a whole number of at least 1."""
    if isinstance(min_base, bool) or not isinstance(min_base, int) or min_base < 1:
        raise ValueError(f"MIN_BASE must be a whole number of at least 1, not {min_base!r}")
