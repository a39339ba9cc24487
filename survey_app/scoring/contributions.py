"""What each result rests on: the responses behind every row of a comparison, and the answers
an answer chart may count. Both come from the same `compare.prepare` as `compare()` itself, so
the property test of ADR 0029 checks the sets behind the very numbers officers see.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from survey_app.questionnaire.schema import Questionnaire

from .compare import DEFAULT_YEAR_START, Prepared, prepare
from .countable import pair_languages
from .disclosure import MIN_BASE
from .measures import Coded
from .splits import answer_item_id

SPLIT_GROUP = "_split_group"  # an item id starts with a letter, so no item column clashes

# The kinds of set a statistic rests on: scores (means, tests, shares agreeing) and answers at
# all (the "don't know" shares), per phase.
SET_KINDS = ("pre_scored", "post_scored", "pre_answered", "post_answered")


def contributions(
    responses: pd.DataFrame,
    questionnaire: Questionnaire | Sequence[Questionnaire],
    by: str = "organisation",
    min_base: int = MIN_BASE,
    pairs: pd.DataFrame | None = None,
    year_start: tuple[int, int] = DEFAULT_YEAR_START,
) -> pd.DataFrame:
    """One row per (group, measure, design, kind of set): the response ids counted in it.

    Columns group, measure, design, kind (one of SET_KINDS) and ids (a frozenset of
    response_id). A matched row's PRE and POST sets are the two answers of its pairs.
    """
    p = prepare(responses, questionnaire, by, min_base, pairs, year_start)
    ids = p.frame["response_id"].to_numpy()
    out = []
    for j, measure in enumerate(p.measures):
        grouping = p.groupings.get(measure.priority if by == "priority" else None)
        if grouping is None:
            continue
        for g, label in enumerate(grouping.labels):
            for design, sets in _sets(p, j, grouping.row_codes == g, grouping.pair_codes == g):
                out += [
                    {"group": label, "measure": measure.id, "design": design, "kind": kind,
                     "ids": frozenset(ids[rows].tolist())}
                    for kind, rows in zip(SET_KINDS, sets, strict=True)
                ]  # fmt: skip
    return pd.DataFrame(out, columns=["group", "measure", "design", "kind", "ids"])


def _sets(p: Prepared, j: int, in_group: np.ndarray, pair_in_group: np.ndarray):
    """(design, [row positions per SET_KINDS]) for the matched and the unmatched design."""
    m = p.countable.matched
    pre, post = p.pre_pos[pair_in_group], p.post_pos[pair_in_group]
    both = np.isfinite(m.values[pre, j]) & np.isfinite(m.values[post, j])
    yield "matched", [pre[both], post[both], pre[_answered(m, pre, j)], post[_answered(m, post, j)]]
    u = p.countable.unmatched
    pre_rows, post_rows = p.pre_rows[in_group[p.pre_rows]], p.post_rows[in_group[p.post_rows]]
    yield (
        "unmatched",
        [
            pre_rows[np.isfinite(u.values[pre_rows, j])],
            post_rows[np.isfinite(u.values[post_rows, j])],
            pre_rows[np.isfinite(u.dont_know[pre_rows, j])],
            post_rows[np.isfinite(u.dont_know[post_rows, j])],
        ],
    )


def _answered(coded: Coded, rows: np.ndarray, j: int) -> np.ndarray:
    return np.isfinite(coded.dont_know[rows, j])


def countable_answers(
    responses: pd.DataFrame,
    questionnaire: Questionnaire | Sequence[Questionnaire],
    min_base: int = MIN_BASE,
    pairs: pd.DataFrame | None = None,
    by: str = "organisation",
) -> pd.DataFrame:
    """The PRE and POST responses with every item answer that may not count blanked (as the
    unmatched design counts them), for charts of answer counts; `language` is the language
    each response counts under (a pair's BEFORE language). Split by an answer (`by`), the
    column SPLIT_GROUP holds the answer group each response counts in (None: in none)."""
    split = answer_item_id(by) is not None
    p = prepare(responses, questionnaire, by if split else "organisation", min_base, pairs,
                DEFAULT_YEAR_START)  # fmt: skip
    frame = p.frame.copy()
    frame["language"] = pair_languages(frame, p.pre_pos, p.post_pos)
    if split:
        grouping = p.groupings[None]
        labels = np.array([*grouping.labels, None], dtype=object)
        frame[SPLIT_GROUP] = labels[grouping.row_codes]
    values = p.countable.unmatched.values
    for j, measure in enumerate(p.measures):
        if measure.kind == "item" and measure.id in frame.columns:
            frame[measure.id] = frame[measure.id].where(np.isfinite(values[:, j]))
    return frame
