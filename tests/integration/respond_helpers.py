"""Shared helpers for the answering-flow tests: a pupil's device, a session, answering."""

from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa
from flask.testing import FlaskClient

from survey_app.extensions import db
from survey_app.models import Response
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session, link_for
from tests.conftest import csrf_token
from tests.html import input_value
from tests.sample_answers import POST_ANSWERS, PRE_ANSWERS, form_data

PRE = form_data(PRE_ANSWERS)
POST = form_data(POST_ANSWERS)
CODE = {"mc_letter": "r", "mc_month": "3", "mc_siblings": "2"}


def new_session(app, shared_devices=False, questionnaire_id="sample"):
    return create_session(
        registry_of(app),
        organisation="Hillside Primary",
        questionnaire_id=questionnaire_id,
        session_date=date(2026, 3, 2),
        shared_devices=shared_devices,
        open_now=True,
    )


def url(session, phase="pre") -> str:
    return f"/s/{link_for(session, phase).token}"


def hidden(html: str, name: str) -> str:
    return input_value(html, name)


def answer(client, path, answers, **headers):
    """GET the form, then POST the answers with its CSRF token and response id."""
    page = client.get(path).get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id")}
    return client.post(path, data=data | answers, headers=headers), data["response_id"]


def stored() -> list[Response]:
    return db.session.scalars(sa.select(Response).order_by(Response.id)).all()


def matching_frame() -> pd.DataFrame:
    rows = [(r.id, r.session_id, r.phase, r.respondent_key, r.match_code) for r in stored()]
    columns = ["response_id", "session_id", "phase", "respondent_key", "match_code"]
    return pd.DataFrame(rows, columns=columns)


def new_device(app) -> FlaskClient:
    """A test client standing for one pupil's device (its own cookies, a fresh `g` per request)."""
    return app.test_client()
