"""Pooled connections the database closed (a fail-over, a restart) never fail a page or lose an
answer, on a real PostgreSQL server: officers' queries ping first and take a fresh connection;
a pupil's insert skips the ping and runs again on a fresh connection (connection_checks.py)."""

from __future__ import annotations

import flask_migrate
import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from tests.conftest import csrf_token, make_app
from tests.integration.respond_helpers import PRE, answer, hidden, new_session, stored, url

pytestmark = pytest.mark.postgres


def _close_every_connection(database_url: str) -> int:
    """What a fail-over does to the app's pool: the server ends each of its connections."""
    name = sa.make_url(database_url).database
    admin = sa.create_engine(
        database_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        ended = conn.execute(
            sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": name},
        ).scalar_one()
    admin.dispose()
    return int(ended)


@pytest.fixture
def app(postgres_url):
    app = make_app(postgres_url)
    with app.app_context():
        flask_migrate.upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


def _pings(app, monkeypatch) -> list[int]:
    """Counts each ping of a pooled connection (the dialect's own, which the check calls)."""
    calls: list[int] = []
    with app.app_context():
        dialect = db.engine.dialect
    real = dialect.do_ping
    monkeypatch.setattr(dialect, "do_ping", lambda conn: calls.append(1) or real(conn))
    return calls


def test_a_pupil_answer_on_a_closed_connection_is_stored_once_without_an_error(app, postgres_url):
    client = app.test_client()
    with app.app_context():
        path = url(new_session(app))
        page = client.get(path)  # leaves a pooled connection behind
        assert page.status_code == 200
        db.session.commit()  # and the test's own goes back to the pool too
        assert _close_every_connection(postgres_url) >= 1
        response, response_id = answer(client, path, PRE)
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        rows = stored()
        assert [r.response_uuid for r in rows] == [response_id]


def test_a_pupil_answer_on_a_healthy_connection_is_not_pinged_first(app, monkeypatch):
    client = app.test_client()
    with app.app_context():
        path = url(new_session(app))
        page = client.get(path).get_data(as_text=True)
        data = {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id")}
        pings = _pings(app, monkeypatch)
        response = client.post(path, data=data | PRE)
        assert response.status_code == 303
        assert pings == []  # the one INSERT went straight out
        assert len(stored()) == 1


def test_an_officer_query_after_a_fail_over_takes_a_fresh_connection(
    app, postgres_url, monkeypatch
):
    with app.app_context():
        db.session.execute(sa.text("SELECT 1"))
        db.session.commit()  # the connection goes back to the pool, where the server closes it
        assert _close_every_connection(postgres_url) >= 1
        pings = _pings(app, monkeypatch)
        assert db.session.scalar(sa.text("SELECT 41 + 1")) == 42
        assert pings, "the officer's query was not checked first"
