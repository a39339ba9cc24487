"""The migrations and the core tables on a real PostgreSQL server (skips where there is none)."""

from __future__ import annotations

from datetime import date

import flask_migrate
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from survey_app.extensions import db
from survey_app.models import Response
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session
from tests.conftest import make_app


@pytest.mark.postgres
def test_migrations_build_a_new_postgres_database(postgres_url):
    app = make_app(postgres_url)
    with app.app_context():
        flask_migrate.upgrade()
        tables = set(sa.inspect(db.engine).get_table_names())
    assert {"staff_user", "survey_session", "session_link", "response"} <= tables


@pytest.mark.postgres
def test_response_id_is_unique_on_postgres(postgres_url):
    app = make_app(postgres_url)
    with app.app_context():
        flask_migrate.upgrade()
        session = create_session(
            registry_of(app),
            organisation="Oak School",
            questionnaire_id="sample",
            session_date=date(2026, 11, 1),
            open_now=True,
        )
        row = dict(
            session_id=session.id,
            phase="pre",
            questionnaire_id="sample",
            questionnaire_version=1,
            answers={"belong_area": 4},
        )
        db.session.add(Response(response_uuid="same-id", **row))
        db.session.commit()
        db.session.add(Response(response_uuid="same-id", **row))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 1
