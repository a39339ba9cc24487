"""Shared helpers for the safeguarding tests: sessions at two schools, a pupil's answer with
planted words, the concerns stored."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import Concern
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session
from tests.integration.respond_helpers import POST, answer, url


def school_session(app, organisation: str = "Hill School"):
    return create_session(registry_of(app), organisation=organisation, questionnaire_id="sample",
                          session_date=date(2026, 3, 2), group_label="Year 7",
                          open_now=True)  # fmt: skip


def answer_after(app, session, words: str):
    """A pupil's AFTER answers (on their own device) with `words` as the free text."""
    client = app.test_client()
    return answer(client, url(session, "post"), POST | {"q_do_differently": words})[0]


def concerns() -> list[Concern]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Concern).order_by(Concern.id)))
