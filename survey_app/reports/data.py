"""Responses from the database as the DataFrame that scoring takes: one query per report.

Each row is one response with its session's organisation, programme and date; the JSON answers
become one column per item id. See `survey_app.scoring.compare.compare` for the format.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from ..extensions import db
from ..models import Organisation, Programme, Response, SurveySession

COLUMNS = (
    "response_id", "session_id", "organisation", "programme", "session_date", "phase",
    "questionnaire_id", "questionnaire_version", "language", "wording_revision",
    "respondent_key", "match_code", "response_uuid", "completed_on", "received_on",
)  # fmt: skip
# Dates only, never a time of day (docs/privacy.md): the order of answering is not exported.
DAY_COLUMNS = ("completed_on", "received_on")


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
            Response.language,
            Response.wording_revision,
            Response.respondent_key,
            Response.match_code,
            Response.response_uuid,  # random: what exports show instead of the sequence number
            Response.completed_at.label("completed_on"),  # made dates in responses_frame
            Response.submitted_at.label("received_on"),
            # As text, cast in SQL so PostgreSQL's driver does not parse it either: all the
            # answers are parsed in one go below, much faster than one object at a time.
            sa.cast(Response.answers, sa.Text).label("answers"),
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
    return responses_frame(fetch_rows(responses_query(questionnaire_id)))


def load_session(session_id: int) -> pd.DataFrame:
    """One session's responses, as `load_responses` gives them."""
    return responses_frame(fetch_rows(responses_query().where(Response.session_id == session_id)))


def fetch_rows(query: sa.Select) -> Sequence[Any]:
    """The query's rows as the database driver's own tuples, for `responses_frame`.

    A report reads every response, and at 100,000 rows SQLAlchemy's Row objects and result
    processing took longer than the fetch itself. The driver's values are the same numbers and
    text; only SQLite's dates come back as ISO text, which `responses_frame` turns into dates.
    """
    result = db.session.connection().execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def responses_frame(rows: Sequence[Any]) -> pd.DataFrame:
    """Rows of `responses_query()` as a DataFrame: fixed columns, then one column per item.

    The answers (last column) may be JSON text or already a dict.
    """
    fixed = pd.DataFrame.from_records(
        [row[:-1] for row in rows], columns=list(COLUMNS), coerce_float=False
    )
    fixed["session_date"] = _as_dates(fixed["session_date"])
    for name in DAY_COLUMNS:
        fixed[name] = fixed[name].map(_day_of).astype(object)
    parsed = parsed_answers([row[-1] for row in rows])
    answers = pd.DataFrame.from_records(parsed, index=fixed.index)
    clash = sorted(set(answers.columns) & set(COLUMNS))
    if clash:
        raise ValueError(f"item ids clash with response columns: {', '.join(clash)}")
    return pd.concat([fixed, answers], axis=1) if len(answers.columns) else fixed


def _as_dates(values: pd.Series) -> pd.Series:
    """Dates as `datetime.date`, also when the driver gave ISO text (SQLite does)."""
    text = [value for value in values.unique() if isinstance(value, str)]
    if not text:
        return values
    dates = {value: date.fromisoformat(value) for value in text}
    return values.map(lambda value: dates.get(value, value)).astype(object)


def _day_of(value: Any) -> date | None:
    """The date of a stored time: a datetime (PostgreSQL), ISO text (SQLite) or None."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return value.date()
    return None


def parsed_answers(stored: Sequence[Any]) -> list[dict]:
    """Each response's answers as a dict; `stored` holds JSON text, dicts or None."""
    if stored and all(isinstance(text, str) for text in stored):
        # One JSON array of them all parses in about half the time of one parse per response.
        # A stored value that is not one whole JSON value changes the count: parse one by one.
        parsed = json.loads("[" + ",".join(stored) + "]")
        if len(parsed) == len(stored):
            return [answers or {} for answers in parsed]
    return [(json.loads(text) if isinstance(text, str) else text) or {} for text in stored]
