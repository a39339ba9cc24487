"""Which answers may count in a statistic, so that no two results differ by a small group.

Disclosure control against differencing (ADR 0029). Every filter an officer has selects whole
sessions, and every grouping is a union of *cells*: the responses of one session in one
language, a matched pair's AFTER answer counting in the cell of its BEFORE answer. So each
result is a sum of cells' contributions, and two results differ by whole contributions. This
module makes every contribution, per measure, phase and design, either nothing or at least
`min_base` answers:

- matched: a cell's pairs count only when it has at least `min_base` pairs with a score on the
  measure both times;
- unmatched: a cell whose pairs count may add its other answers (not in such a pair) only when
  there are at least `min_base` of them in that phase; otherwise the unmatched row uses the
  paired answers alone, so the matched and the unmatched row never differ by a few people. The
  same holds for the "don't know" shares (answers outside any pair). Then a cell counts only
  when it keeps at least `min_base` scores in each phase.

An answer left out here is left out of every statistic (means, shares, tests, answer charts),
whatever the filters; counts of responses on operational pages are untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .measures import Coded


@dataclass(frozen=True)
class Countable:
    """The coded answers each design may use: what may not count is NaN."""

    matched: Coded
    unmatched: Coded


def pair_languages(frame: pd.DataFrame, pre_pos: np.ndarray, post_pos: np.ndarray) -> np.ndarray:
    """The language each response counts under: its own, or for a pair's AFTER answer the
    language of its BEFORE answer (a pair is one person, in one group, in both designs)."""
    if "language" not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    languages = frame["language"].to_numpy(dtype=object).copy()
    languages[post_pos] = languages[pre_pos]
    return languages


def cell_codes(frame: pd.DataFrame, pre_pos: np.ndarray, post_pos: np.ndarray) -> np.ndarray:
    """An integer per response: its cell, (session, language it counts under)."""
    if frame.empty:
        return np.zeros(0, dtype=int)
    keys = pd.MultiIndex.from_arrays(
        [frame["session_id"].astype(str).to_numpy(), pair_languages(frame, pre_pos, post_pos)]
    )
    codes, _ = pd.factorize(keys)
    return np.asarray(codes, dtype=int)


def countable(
    coded: Coded,
    cells: np.ndarray,
    is_pre: np.ndarray,
    pre_pos: np.ndarray,
    post_pos: np.ndarray,
    min_base: int,
) -> Countable:
    """The answers each design may count, measure by measure (see the module's rule)."""
    matched, unmatched = _copy(coded), _copy(coded)
    paired = np.zeros(len(cells), dtype=bool)
    paired[pre_pos] = paired[post_pos] = True
    for j in range(coded.values.shape[1]):
        _measure(coded, matched, unmatched, j, cells, is_pre, pre_pos, post_pos, paired, min_base)
    return Countable(matched, unmatched)


def _measure(
    coded: Coded,
    matched: Coded,
    unmatched: Coded,
    j: int,
    cells: np.ndarray,
    is_pre: np.ndarray,
    pre_pos: np.ndarray,
    post_pos: np.ndarray,
    paired: np.ndarray,
    min_base: int,
) -> None:
    size = int(cells.max()) + 1 if len(cells) else 0
    scored = np.isfinite(coded.values[:, j])
    answered = scored | np.isfinite(coded.dont_know[:, j])
    both = scored[pre_pos] & scored[post_pos]
    pairs_kept = _count(cells[pre_pos[both]], size) >= min_base
    in_kept_pair = np.zeros(len(cells), dtype=bool)
    in_kept_pair[pre_pos[both]] = in_kept_pair[post_pos[both]] = True
    in_kept_pair &= pairs_kept[cells]
    _blank(matched, j, ~pairs_kept[cells], dont_know=True)
    drop_scores = np.zeros(len(cells), dtype=bool)
    drop_dont_know = np.zeros(len(cells), dtype=bool)
    for phase in (is_pre, ~is_pre):
        rest = scored & phase & ~in_kept_pair
        drop_scores |= rest & _few(cells, rest, size, min_base) & pairs_kept[cells]
        alone = answered & phase & ~paired
        drop_dont_know |= alone & _few(cells, alone, size, min_base) & pairs_kept[cells]
    kept = scored & ~drop_scores
    enough = np.ones(size, dtype=bool)
    for phase in (is_pre, ~is_pre):
        enough &= _count(cells[kept & phase], size) >= min_base
    _blank(unmatched, j, drop_scores | ~enough[cells], dont_know=False)
    _blank(unmatched, j, drop_dont_know | ~enough[cells], dont_know=True, scores=False)


def _count(codes: np.ndarray, size: int) -> np.ndarray:
    return np.bincount(codes, minlength=size)


def _few(cells: np.ndarray, rows: np.ndarray, size: int, min_base: int) -> np.ndarray:
    """Per response: whether its cell has some, but fewer than min_base, of these rows."""
    counts = _count(cells[rows], size)
    return ((counts > 0) & (counts < min_base))[cells]


def _blank(coded: Coded, j: int, rows: np.ndarray, *, dont_know: bool, scores: bool = True) -> None:
    if scores:
        coded.values[rows, j] = np.nan
        coded.agree[rows, j] = np.nan
    if dont_know:
        coded.dont_know[rows, j] = np.nan


def _copy(coded: Coded) -> Coded:
    return Coded(coded.values.copy(order="F"), coded.agree.copy(order="F"),
                 coded.dont_know.copy(order="F"))  # fmt: skip
