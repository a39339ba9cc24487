"""Which measures a questionnaire's versions can be compared on, and their coded values.

A measure is a scored item or a scale asked in both PRE and POST. Versions are pooled only
through identical item ids: an item id means the same thing in every version, and a scale is
pooled only across versions where it is built from the same items, the same reverse coding and
the same minimum; a scale whose items changed becomes a separate measure (same id, its own
`versions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from survey_app.questionnaire.schema import AGREEMENT_TYPES, Questionnaire

from .coding import (
    agree_flags,
    code_item,
    missing_flags,
    scale_item_ids,
    scale_scores,
    scored_items,
)

BOTH = ("pre", "post")


@dataclass(frozen=True)
class Measure:
    """One row-producing measure: a scale or an item, and the versions it pools."""

    id: str
    kind: str  # "scale" or "item"
    versions: tuple[int, ...]
    priority: str | None
    agreement: bool = False
    # Which way is better (ADR 0035): `better` of a scale's score or of an item's answer as
    # worded (and its share agreeing); `score_better` of the coded score, the means compared.
    better: str = "higher"
    score_better: str = "higher"


@dataclass(frozen=True)
class Coded:
    """Per response (rows) and measure (columns): coded value, agreeing flag, "don't know" flag.

    Flags are 1.0/0.0, NaN where they do not apply (no answer, or not an agreement item).
    """

    values: np.ndarray
    agree: np.ndarray
    dont_know: np.ndarray


def plan_measures(versions: Sequence[Questionnaire]) -> list[Measure]:
    """Scales first, then items, in the order of the newest version."""
    newest_first = sorted(versions, key=lambda q: -q.version)
    return _scale_measures(newest_first) + _item_measures(newest_first)


def _scale_measures(newest_first: list[Questionnaire]) -> list[Measure]:
    found: dict[tuple[str, tuple], list[Questionnaire]] = {}
    for q in newest_first:
        for scale_id in q.scales:
            key = (scale_id, _scale_definition(q, scale_id))
            if key[1][0]:
                found.setdefault(key, []).append(q)
    measures = []
    for (scale_id, _), qs in found.items():
        scale = qs[0].scales[scale_id]
        direction = scale.better
        measures.append(
            Measure(scale_id, "scale", _versions(qs), scale.priority, False, direction, direction)
        )
    return measures


def _scale_definition(q: Questionnaire, scale_id: str) -> tuple:
    ids = scale_item_ids(q, scale_id, BOTH)
    reversed_ids = tuple(i for i in ids if q.item(i).reverse)
    return ids, reversed_ids, q.scales[scale_id].minimum_answered(len(ids)) if ids else 0


def _item_measures(newest_first: list[Questionnaire]) -> list[Measure]:
    found: dict[str, list[Questionnaire]] = {}
    for q in newest_first:
        for scored in scored_items(q):
            if all(scored.item.in_phase(p) for p in BOTH):
                found.setdefault(scored.id, []).append(q)
    measures = []
    for item_id, qs in found.items():
        item = qs[0].item(item_id)
        priority = qs[0].scales[item.scale].priority if item.scale else None
        agreement = item.type in AGREEMENT_TYPES
        measures.append(
            Measure(
                item_id,
                "item",
                _versions(qs),
                priority,
                agreement,
                qs[0].better_of(item),
                qs[0].score_better(item),
            )  # fmt: skip
        )
    return measures


def _versions(qs: list[Questionnaire]) -> tuple[int, ...]:
    return tuple(sorted(q.version for q in qs))


def code_measures(
    frame: pd.DataFrame, versions: Sequence[Questionnaire], measures: list[Measure]
) -> Coded:
    """Code every response with the definitions of its own version, into three float matrices."""
    shape = (len(frame), len(measures))
    # Column-major: every later step reads or writes one measure's column for many rows.
    values, agree, dont_know = (np.full(shape, np.nan, order="F") for _ in range(3))
    version_of = frame["questionnaire_version"].to_numpy()
    for q in versions:
        rows = np.flatnonzero(version_of == q.version)
        if rows.size:
            part = frame.iloc[rows]
            _fill_version(part, q, measures, rows, values, agree, dont_know)
    return Coded(values, agree, dont_know)


def _fill_version(
    part: pd.DataFrame,
    q: Questionnaire,
    measures: list[Measure],
    rows: np.ndarray,
    values: np.ndarray,
    agree: np.ndarray,
    dont_know: np.ndarray,
) -> None:
    coded: dict[str, pd.Series] = {}
    for scored in scored_items(q):
        raw = part.get(scored.id, pd.Series(np.nan, index=part.index))
        coded[scored.id] = code_item(raw, scored.response_set, scored.item.reverse)
        column = _column(measures, scored.id, "item", q.version)
        if column is None:
            continue
        values[rows, column] = coded[scored.id].to_numpy()
        dont_know[rows, column] = missing_flags(raw, scored.response_set).to_numpy()
        if measures[column].agreement:
            agree[rows, column] = agree_flags(raw, scored.response_set).to_numpy()
    scores = scale_scores(pd.DataFrame(coded, index=part.index), q, BOTH)
    for scale_id in scores:
        column = _column(measures, scale_id, "scale", q.version)
        if column is not None:
            values[rows, column] = scores[scale_id].to_numpy()


def _column(measures: list[Measure], measure_id: str, kind: str, version: int) -> int | None:
    for j, m in enumerate(measures):
        if m.id == measure_id and m.kind == kind and version in m.versions:
            return j
    return None
