"""Storing a response exactly once, whatever the network and the pupil's fingers do."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..connection_checks import retried_on_disconnect
from ..extensions import db
from ..models import Response, utcnow
from .links import Survey

# One Core statement, built once and executed with each response's values: this is the hot path
# of a year group submitting, and nothing here needs the ORM's unit of work.
_INSERT = sa.insert(Response)


def parse_response_id(raw: str | None) -> str | None:
    """The canonical form of a submitted response id, or None if it is not a UUID."""
    try:
        return str(uuid.UUID((raw or "").strip()))
    except ValueError:
        return None


def is_stored(response_uuid: str) -> bool:
    query = sa.select(sa.exists().where(Response.response_uuid == response_uuid))
    return bool(db.session.scalar(query))


def store_response(
    survey: Survey,
    response_uuid: str,
    answers: dict[str, Any],
    *,
    respondent_key: str | None = None,
    match_code: str | None = None,
    completed_at: datetime | None = None,
    received_at: datetime | None = None,
) -> str | None:
    """Insert one response; the response id it is stored under, or None if this response id
    was already stored with these answers.

    No look-up first: the unique constraint on response_uuid decides, so two requests racing
    with the same id (a double tap on two connections) store one row on SQLite and PostgreSQL.
    Different answers under a stored id are another pupil's on a shared tablet (Back, reload,
    "resubmit"): they are stored as their own response under a new id, never dropped while the
    page says "sent" (docs/decisions/0030).
    """
    values = {
        "response_uuid": response_uuid,
        "session_id": survey.link.session_id,
        "phase": survey.phase,
        "questionnaire_id": survey.questionnaire.id,
        "questionnaire_version": survey.questionnaire.version,
        "language": survey.language,
        "wording_revision": survey.questionnaire.wording_revision(survey.language),
        "respondent_key": respondent_key,
        "match_code": match_code,
        "answers": answers,
        "submitted_at": received_at or utcnow(),
        "completed_at": completed_at or received_at or utcnow(),
    }
    try:
        _insert(values)
    except IntegrityError:
        stored = _stored_answers(response_uuid)
        if stored is None:
            raise
        if stored == (_as_stored(answers), match_code):
            return None  # the same answers again: a retry or a replay, already kept
        values["response_uuid"] = str(uuid.uuid4())
        _insert(values)
    return str(values["response_uuid"])


def _insert(values: dict[str, Any]) -> None:
    """One INSERT in one round trip. It is its own transaction: in autocommit mode PostgreSQL
    needs one round trip instead of three (BEGIN, INSERT, COMMIT), and SQLite commits it all the
    same. Its connection is not pinged first: a dead one makes it run again on a fresh one
    (survey_app/connection_checks.py), which the unique response id makes safe."""

    def insert() -> None:
        with db.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(_INSERT, values)

    retried_on_disconnect(insert)


def _stored_answers(response_uuid: str) -> tuple[Any, str | None] | None:
    """(answers, match code) stored under this id, or None when nothing is."""
    query = sa.select(Response.answers, Response.match_code).where(
        Response.response_uuid == response_uuid
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    return None if row is None else (_as_stored(row[0]), row[1])


def _as_stored(answers: Any) -> Any:
    """Answers as the JSON column gives them back (tuples as lists, keys as text)."""
    return json.loads(answers) if isinstance(answers, str) else json.loads(json.dumps(answers))
