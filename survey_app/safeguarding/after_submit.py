"""The check of a pupil's answers in the request that stored them, after the commit.

Whatever happens here, the pupil's result is already decided: the answers are stored and the
thank-you page is on its way. So every exception is logged and swallowed, never shown, and
`flask safeguarding scan` finds later what a failure here missed (ADR 0027). A response with
no listed term costs the matching alone: the database is read and written only on a match.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from ..models import Response
from ..questionnaire.schema import Questionnaire
from .flagging import flagged_answers, raise_concerns
from .startup import matcher_of

log = logging.getLogger(__name__)


def check_stored_answers(
    questionnaire: Questionnaire,
    response_uuid: str,
    answers: Mapping[str, Any],
    language: str,
) -> None:
    """Raise a concern for each free-text answer of this stored response that holds a listed
    term. Never raises."""
    try:
        found = flagged_answers(matcher_of(current_app), questionnaire, answers, language)
        if not found:
            return
        row = db.session.execute(
            sa.select(Response.id, Response.session_id, Response.phase).filter_by(
                response_uuid=response_uuid
            )
        ).one()
        raise_concerns(row.id, row.session_id, row.phase, found)
    except Exception:  # noqa: BLE001 - the pupil's submission must never see this
        log.exception("safeguarding check after a submission failed; the daily scan will retry")
        db.session.rollback()
