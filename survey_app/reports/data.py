"""Responses from the database as the DataFrame that scoring takes: one query per report.

Each row is one response with its session's organisation, programme and date; the JSON answers
become one column per item id. See `survey_app.scoring.compare.compare` for the format.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd
import sqlalchemy as sa

from ..extensions import db
from ..models import Organisation, Programme, Response, SurveySession

COLUMNS = (
    "response_id", "session_id", "organisation", "programme", "session_date", "phase",
    "questionnaire_id", "questionnaire_version", "respondent_key", "match_code",
)  # fmt: skip


def responses_query(questionnaire_id: str | None = None) -> sa.Select:
    """The single SELECT behind a report: responses joined to their session's labels."""
    query = (
        sa.select(
            Response.id.label("response_id"),
            Response.session_id,
            Organisation.name.label("organisation"),
            Programme.name.label("programme"),
            SurveySession.session_date,
            Response.phase,
            Response.questionnaire_id,
            Response.questionnaire_version,
            Response.respondent_key,
            Response.match_code,
            # As text: parsing 100,000 answer objects in one list is faster than SQLAlchemy's
            # per-row JSON processing. (PostgreSQL's driver still hands back dicts.)
            sa.type_coerce(Response.answers, sa.Text).label("answers"),
        )
        .join(SurveySession, Response.session_id == SurveySession.id)
        .join(Organisation, SurveySession.organisation_id == Organisation.id)
        .outerjoin(Programme, SurveySession.programme_id == Programme.id)
        .order_by(Response.id)
    )
    if questionnaire_id is not None:
        query = query.where(Response.questionnaire_id == questionnaire_id)
    return query


def load_responses(questionnaire_id: str | None = None) -> pd.DataFrame:
    """Every response (of one questionnaire, when given), answers expanded into item columns.

    Needs an app context. Raises ValueError if an item id would hide one of the fixed columns.
    """
    rows = db.session.execute(responses_query(questionnaire_id)).all()
    return responses_frame(rows)


def responses_frame(rows: Sequence[Any]) -> pd.DataFrame:
    """Rows of `responses_query()` as a DataFrame: fixed columns, then one column per item.

    The answers (last column) may be JSON text or already a dict.
    """
    fixed = pd.DataFrame.from_records(
        [row[:-1] for row in rows], columns=list(COLUMNS), coerce_float=False
    )
    parsed = [_answers(row[-1]) for row in rows]
    answers = pd.DataFrame.from_records(parsed, index=fixed.index)
    clash = sorted(set(answers.columns) & set(COLUMNS))
    if clash:
        raise ValueError(f"item ids clash with response columns: {', '.join(clash)}")
    return pd.concat([fixed, answers], axis=1) if len(answers.columns) else fixed


def _answers(stored: Any) -> dict:
    if isinstance(stored, str):
        return json.loads(stored) or {}
    return stored or {}
