"""A summary of a one-off feedback form (councillors, community workers, organisations): how
many gave each answer, by the kind of respondent where the form asks it, and the words people
wrote, masked, for officers (issue 14 item 6).

Small groups stay hidden as everywhere (ADR 0029): a session counts only with `MIN_BASE`
responses or more (the rule of the row-level exports, `exports.disclosable`), so two filters
never differ by a small meeting. The split by respondent type goes all or nothing per session:
a session is split only when every type in it (and "no answer") has `MIN_BASE` or more, so the
"All" column minus the type columns is whole sessions, never a handful of people of one type.
The respondent type is the form's first single-choice question that is not scored (the "Which
best describes you?" of community-feedback).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..itemtypes import item_type
from ..questionnaire.schema import Item, Questionnaire
from ..scoring.splits import NO_ANSWER, split_sessions
from . import exports, selection
from .free_text import FreeText
from .tables import ChartTable

TEXT_ITEMS_SHOWN = 200  # answers listed per question; the export has them all


@dataclass(frozen=True)
class FreeTextAnswers:
    question: str
    answers: tuple[str, ...]
    more: int  # answers beyond those listed


@dataclass(frozen=True)
class FeedbackSummary:
    counted: int  # responses in the sessions that count
    sessions: int
    left_out: str | None
    type_question: str | None
    type_note: str | None
    tables: tuple[ChartTable, ...]
    free_text: tuple[FreeTextAnswers, ...]


def feedback_summary(
    responses: pd.DataFrame,
    versions: Sequence[Questionnaire],
    min_base: int,
    free_text: FreeText,
) -> FeedbackSummary:
    """The summary of the one-off answers in `responses` (its "single" phase)."""
    q = max(versions, key=lambda v: v.version)
    lang = selection.language_of(q)
    single = responses.loc[responses["phase"] == "single"] if len(responses) else responses
    counted = exports.disclosable(single, min_base)
    kind = _type_item(q)
    split = _split_sessions(counted, kind, min_base) if kind is not None else counted.iloc[0:0]
    types = _type_labels(q, kind, split, lang) if kind is not None else []
    tables = tuple(
        _answers_table(q, item, kind, counted, split, types, lang)
        for item in q.items_for("single")
        if item_type(item.type).free_text is False and q.response_set_of(item) is not None
    )
    return FeedbackSummary(
        counted=len(counted),
        sessions=int(counted["session_id"].nunique()) if len(counted) else 0,
        left_out=exports.left_out(single, min_base),
        type_question=kind.text.get(lang) if kind is not None else None,
        type_note=_type_note(kind, counted, split, min_base),
        tables=tables,
        free_text=_free_text(q, counted, free_text, lang),
    )


def _type_item(q: Questionnaire) -> Item | None:
    for item in q.items_for("single"):
        if item.type == "single_choice" and not item.scored:
            return item
    return None


def _type_of(frame: pd.DataFrame, kind: Item) -> pd.Series:
    if kind.id not in frame:
        return pd.Series(NO_ANSWER, index=frame.index, dtype=object)
    return frame[kind.id].map(lambda v: NO_ANSWER if pd.isna(v) else int(v)).astype(object)


def _split_sessions(counted: pd.DataFrame, kind: Item, min_base: int) -> pd.DataFrame:
    """The responses of sessions in which every respondent type has `min_base` or more."""
    if counted.empty:
        return counted
    split = split_sessions(counted["session_id"], _type_of(counted, kind), min_base)
    return counted.loc[counted["session_id"].isin(split)]


def _type_labels(q: Questionnaire, kind: Item, split: pd.DataFrame, lang: str) -> list:
    rs = q.response_set_of(kind)
    present = set(_type_of(split, kind)) if len(split) else set()
    ordered: list = [v for v in (rs.values if rs else ()) if v in present]
    return ordered + ([NO_ANSWER] if NO_ANSWER in present else [])


def _type_note(
    kind: Item | None, counted: pd.DataFrame, split: pd.DataFrame, min_base: int
) -> str | None:
    if kind is None or counted.empty:
        return None
    if split.empty:
        return (
            f"Not shown by type: no session has {min_base} or more of each type of respondent, "
            "so a split would let a few people's answers be worked out."
        )
    if len(split) < len(counted):
        return (
            f"By type: from the sessions with {min_base} or more of each type of respondent "
            f"({len(split)} of the {len(counted)} responses); the All column has them all."
        )
    return None


def _answers_table(
    q: Questionnaire, item: Item, kind: Item | None, counted: pd.DataFrame, split: pd.DataFrame,
    types: list, lang: str,
) -> ChartTable:  # fmt: skip
    """Each answer's count and share of respondents, for all and for each type (`kind`)."""
    rs = q.response_set_of(item)
    assert rs is not None
    groups = [("All", counted)]
    if kind is not None:
        of_type = _type_of(split, kind)
        for value in types:
            label = value if value == NO_ANSWER else _label(q, kind, value, lang)
            groups.append((label, split.loc[of_type == value]))
    rows = [(rs.label(v, lang), *(_cell(_chose(frame, item, v), len(frame)) for _, frame in groups))
            for v in rs.values]  # fmt: skip
    rows.append((NO_ANSWER, *(_cell(_unanswered(frame, item), len(frame)) for _, frame in groups)))
    note = ("Shares are of respondents; each could choose more than one answer.",)
    return ChartTable(
        item.text.get(lang, item.id),
        ("Answer", *(f"{name} ({len(frame)})" for name, frame in groups)),
        tuple(rows),
        note if item.type == "multiple_choice" else (),
    )


def _label(q: Questionnaire, item: Item, value: int, lang: str) -> str:
    rs = q.response_set_of(item)
    return rs.label(value, lang) if rs else str(value)


def _chose(frame: pd.DataFrame, item: Item, value: int) -> int:
    if item.id not in frame:
        return 0
    column = frame[item.id]
    if item.type == "multiple_choice":
        return int(column.map(lambda v: isinstance(v, list) and value in v).sum())
    return int((column == value).sum())


def _unanswered(frame: pd.DataFrame, item: Item) -> int:
    if item.id not in frame:
        return len(frame)
    return int(frame[item.id].map(lambda v: v is None or v == [] or v != v).sum())


def _cell(count: int, total: int) -> str:
    return f"{count} ({count / total:.0%})" if total else "0"


def _free_text(
    q: Questionnaire, counted: pd.DataFrame, policy: FreeText, lang: str
) -> tuple[FreeTextAnswers, ...]:
    """The words written, masked (or withheld under an open concern), sorted so their order
    says nothing of who answered when."""
    out = []
    for item in q.items_for("single"):
        if not item_type(item.type).free_text or item.id not in counted:
            continue
        frame = counted[[item.id]].copy()
        policy.apply(frame, counted["response_id"], [item.id])
        words = sorted(str(v).strip() for v in frame[item.id] if isinstance(v, str) and v.strip())
        out.append(FreeTextAnswers(item.text.get(lang, item.id), tuple(words[:TEXT_ITEMS_SHOWN]),
                                   max(0, len(words) - TEXT_ITEMS_SHOWN)))  # fmt: skip
    return tuple(out)
