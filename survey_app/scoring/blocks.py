"""One measure's raw numbers for every group at once, in one design (matched or unmatched).

A block is a dict of arrays, one entry per group, named like the fields of `disclosure.RawRow`.
Groups the vectorised path cannot take (see `grouped`) are recomputed with the reference
functions, except those that suppression will empty anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from .disclosure import is_suppressed
from .grouped import newcombe_by_group, paired_by_group, unpaired_by_group, wilson_by_group
from .measures import Coded, Measure
from .stats import (
    PairedResult,
    UnpairedResult,
    paired_comparison,
    unpaired_comparison,
)

PAIRED_FIELDS = (
    "n_pairs", "improved", "same", "worse", "mean_pre", "mean_post", "mean_change", "ci_low",
    "ci_high", "effect_size", "statistic", "p_value", "rank_biserial", "t_p_value",
)  # fmt: skip
UNPAIRED_FIELDS = (
    "n_pre", "n_post", "mean_pre", "mean_post", "mean_change", "ci_low", "ci_high",
    "effect_size", "statistic", "p_value", "t_p_value",
)  # fmt: skip


@dataclass(frozen=True)
class Block:
    design: str
    columns: dict[str, Any]


def matched_block(
    coded: Coded,
    j: int,
    measure: Measure,
    codes: np.ndarray,
    n_groups: int,
    pre_pos: np.ndarray,
    post_pos: np.ndarray,
    min_base: int,
) -> Block:
    """Pairs: `codes[i]` is the group of the pair (pre_pos[i], post_pos[i])."""
    x, y = coded.values[pre_pos, j], coded.values[post_pos, j]
    result = paired_by_group(codes, n_groups, x, y)
    hidden = is_suppressed(result["n_pairs"], min_base)
    test = np.full(n_groups, "wilcoxon_signed_rank_asymptotic", dtype=object)
    for g in np.flatnonzero(result["fallback"] & ~hidden):
        mine = codes == g
        _overwrite(result, test, int(g), paired_comparison(x[mine], y[mine]))
    both = np.isfinite(x) & np.isfinite(y)
    columns = {name: result[name] for name in PAIRED_FIELDS} | {"test": test}
    if measure.agreement:
        columns |= _shares(
            (codes[both], coded.agree[pre_pos[both], j]),
            (codes[both], coded.agree[post_pos[both], j]),
            n_groups,
            hidden,
        )
    if measure.kind == "item":
        columns |= _dont_know(
            (codes, coded.dont_know[pre_pos, j]), (codes, coded.dont_know[post_pos, j]), n_groups
        )
    return Block("matched", columns)


def unmatched_block(
    coded: Coded,
    j: int,
    measure: Measure,
    codes: np.ndarray,
    n_groups: int,
    pre_rows: np.ndarray,
    post_rows: np.ndarray,
    min_base: int,
) -> Block:
    """All PRE against all POST: `codes[r]` is the group of response row r."""
    pre, post = coded.values[pre_rows, j], coded.values[post_rows, j]
    pre_codes, post_codes = codes[pre_rows], codes[post_rows]
    result = unpaired_by_group(pre_codes, pre, post_codes, post, n_groups)
    hidden = is_suppressed(np.minimum(result["n_pre"], result["n_post"]), min_base)
    test = np.full(n_groups, "mann_whitney_asymptotic", dtype=object)
    for g in np.flatnonzero(result["fallback"] & ~hidden):
        mine = unpaired_comparison(pre[pre_codes == g], post[post_codes == g])
        _overwrite(result, test, int(g), mine)
    columns = {name: result[name] for name in UNPAIRED_FIELDS}
    columns |= {"test": test, "rank_biserial": columns["effect_size"]}
    if measure.agreement:
        columns |= _shares(
            (pre_codes, coded.agree[pre_rows, j]),
            (post_codes, coded.agree[post_rows, j]),
            n_groups,
            hidden,
        )
    if measure.kind == "item":
        columns |= _dont_know(
            (pre_codes, coded.dont_know[pre_rows, j]),
            (post_codes, coded.dont_know[post_rows, j]),
            n_groups,
        )
    return Block("unmatched", columns)


def whole_counts(
    values: np.ndarray,
    codes: tuple[np.ndarray, np.ndarray],
    n_groups: int,
    rows: tuple[np.ndarray, np.ndarray],
    pairs: tuple[np.ndarray, np.ndarray],
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Per group, the counts before `countable` left small parts out (matched, unmatched):
    only a suppressed row uses them, to say truly why it is not shown."""
    row_codes, pair_codes = codes
    scored = np.isfinite(values)
    both = scored[pairs[0]] & scored[pairs[1]]
    phases = [np.bincount(row_codes[r[scored[r]]], minlength=n_groups) for r in rows]
    matched = {"whole_n_pairs": np.bincount(pair_codes[both], minlength=n_groups)}
    return matched, {"whole_n_pre": phases[0], "whole_n_post": phases[1]}


def _overwrite(
    arrays: dict[str, np.ndarray],
    test: np.ndarray,
    g: int,
    result: PairedResult | UnpairedResult,
) -> None:
    """Put a reference result into group g of the arrays (None becomes NaN)."""
    for field in fields(result):
        if field.name in arrays and field.name != "fallback":
            value = getattr(result, field.name)
            arrays[field.name][g] = np.nan if value is None else value
    test[g] = result.test


def _tallies(codes: np.ndarray, flags: np.ndarray, n_groups: int) -> tuple:
    """Per group: how many flags are 1, and how many are set at all (not NaN)."""
    known = np.isfinite(flags)
    yes = np.bincount(codes[known], weights=flags[known], minlength=n_groups)
    return yes.round().astype(int), np.bincount(codes[known], minlength=n_groups)


def _shares(pre: tuple, post: tuple, n_groups: int, hidden: np.ndarray) -> dict[str, np.ndarray]:
    """Agreeing shares with Wilson intervals, and the Newcombe interval of POST - PRE."""
    k1, n1 = _tallies(pre[0], pre[1], n_groups)
    k2, n2 = _tallies(post[0], post[1], n_groups)
    bounds = {
        "agree_pre": wilson_by_group(k1, n1),
        "agree_post": wilson_by_group(k2, n2),
        "agree_change": newcombe_by_group(k1, n1, k2, n2),
    }
    out = {}
    for name, (low, high) in bounds.items():
        out[f"{name}_low"] = np.where(hidden, np.nan, low)
        out[f"{name}_high"] = np.where(hidden, np.nan, high)
    with np.errstate(all="ignore"):
        out["agree_pre"] = np.where(n1 > 0, k1 / np.maximum(n1, 1), np.nan)
        out["agree_post"] = np.where(n2 > 0, k2 / np.maximum(n2, 1), np.nan)
    return out


def _dont_know(pre: tuple, post: tuple, n_groups: int) -> dict[str, np.ndarray]:
    """Share of "don't know" / prefer-not-to-say among those who answered, per phase."""
    out = {}
    for name, (codes, flags) in (("missing_share_pre", pre), ("missing_share_post", post)):
        yes, answered = _tallies(codes, flags, n_groups)
        out[name] = np.where(answered > 0, yes / np.maximum(answered, 1), np.nan)
    return out
