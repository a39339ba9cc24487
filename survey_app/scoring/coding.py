"""From stored answers to numbers: item coding, "don't know" shares and scale scores.

Pure functions over pandas objects. An answer is coded as the value its response set gives it;
a reverse-coded item becomes (min + max) - x over the set's scored values, so that a higher score
always means "more of the good thing". "Don't know" and "prefer not to say" are missing, and how
often people chose them is reported per item rather than hidden. A value the response set does
not offer (which the import and the form both refuse) is treated as unanswered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from survey_app.questionnaire.schema import Item, Questionnaire, ResponseSet


@dataclass(frozen=True)
class ScoredItem:
    """A scored item with the response set that gives its answers their values."""

    item: Item
    response_set: ResponseSet

    @property
    def id(self) -> str:
        return self.item.id


def numeric(values: pd.Series) -> pd.Series:
    """Stored answers as floats; anything that is not a number (blank, text, lists) is NaN."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values):
        return values.astype("float64")
    as_scalar = values.map(lambda v: v if isinstance(v, (int, float, str)) else None)
    return pd.to_numeric(as_scalar, errors="coerce").astype("float64")


def code_item(values: pd.Series, response_set: ResponseSet, reverse: bool = False) -> pd.Series:
    """The coded score of each answer: NaN when unanswered, "don't know" or prefer-not-to-say."""
    raw = numeric(values)
    scored = response_set.scored_values
    coded = raw.where(raw.isin(scored))
    if reverse:
        coded = (scored[0] + scored[-1]) - coded
    return coded


def missing_flags(values: pd.Series, response_set: ResponseSet) -> pd.Series:
    """1.0 for "don't know" / prefer-not-to-say, 0.0 for a scored answer, NaN when blank."""
    raw = numeric(values)
    answered = raw.isin(response_set.values)
    flags = raw.isin(tuple(response_set.missing_values)).astype("float64")
    return flags.where(answered)


def agree_flags(values: pd.Series, response_set: ResponseSet) -> pd.Series:
    """1.0 when the answer is one of the set's agreeing values, 0.0 for another scored answer,
    NaN when missing. Agreement is with the statement as worded, even for a reverse-coded item."""
    raw = numeric(values)
    flags = raw.isin(response_set.agreeing).astype("float64")
    return flags.where(raw.isin(response_set.scored_values))


def scored_items(questionnaire: Questionnaire) -> tuple[ScoredItem, ...]:
    """Every item with an ordered, numeric response set, in questionnaire order."""
    found = []
    for item in questionnaire.items:
        response_set = questionnaire.response_set_of(item)
        if item.scored and response_set is not None:
            found.append(ScoredItem(item, response_set))
    return tuple(found)


def coded_items(responses: pd.DataFrame, questionnaire: Questionnaire) -> pd.DataFrame:
    """One coded float column per scored item; an item the frame lacks is all NaN."""
    columns = {}
    for scored in scored_items(questionnaire):
        values = responses.get(scored.id, pd.Series(np.nan, index=responses.index))
        columns[scored.id] = code_item(values, scored.response_set, scored.item.reverse)
    return pd.DataFrame(columns, index=responses.index, dtype="float64")


def scale_score(coded: pd.DataFrame, minimum: int) -> pd.Series:
    """Mean of the answered items of each row when at least `minimum` are answered, else NaN."""
    answered = coded.notna().sum(axis=1)
    return coded.mean(axis=1, skipna=True).where(answered >= minimum)


def scale_scores(
    coded: pd.DataFrame, questionnaire: Questionnaire, phases: tuple[str, ...] = ()
) -> pd.DataFrame:
    """One score column per scale, from coded item columns (see `coded_items`).

    The items of a scale are its scored items; with `phases`, only those asked in every one of
    those phases, so that PRE and POST scores are built from the same questions. The minimum to
    answer is the scale's declared `min_items`, else half its items rounded up.
    """
    columns = {}
    for scale_id, scale in questionnaire.scales.items():
        ids = scale_item_ids(questionnaire, scale_id, phases)
        if ids:
            columns[scale_id] = scale_score(coded[list(ids)], scale.minimum_answered(len(ids)))
    return pd.DataFrame(columns, index=coded.index, dtype="float64")


def scale_item_ids(
    questionnaire: Questionnaire, scale_id: str, phases: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The scored items of a scale, optionally only those asked in all of `phases`."""
    return tuple(
        item.id
        for item in questionnaire.scale_items(scale_id)
        if item.scored and all(item.in_phase(p) for p in phases)
    )
