"""Shared fixtures: an app on a real, migrated database (SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set), a client, staff users, and sign-in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from config import TestConfig
from survey_app import create_app
from survey_app.auth.accounts import create_user
from survey_app.extensions import db
from survey_app.models import Response, User
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session
from tests.html import parse

DATA = Path(__file__).parent / "data"
TEST_QUESTIONNAIRES = DATA / "questionnaires"
PASSWORD = "correct horse battery staple"


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, as in a real server.

    The `app` fixture keeps an app context open so tests can use db.session; Flask would reuse
    it for every request, sharing `g` (the signed-in user, CSRF state) and the database session
    between requests and hiding bugs. A fresh context per request keeps requests apart."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


_apps_made: list[Flask] = []


def make_app(database_url: str, **overrides) -> Flask:
    settings = {"SQLALCHEMY_DATABASE_URI": database_url, "QUESTIONNAIRE_DIR": TEST_QUESTIONNAIRES}
    app = create_app(TestConfig, **(settings | overrides))
    app.test_client_class = FreshContextClient
    _apps_made.append(app)
    return app


@pytest.fixture(autouse=True)
def _close_idle_connections() -> Iterator[None]:
    """Every app has its own connection pool. Closing the idle connections of each test's apps
    keeps a PostgreSQL run within the server's connection slots (100 by default); an app still
    in use simply opens new ones."""
    yield
    while _apps_made:
        with _apps_made.pop().app_context():
            for engine in db.engines.values():
                engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """PostgreSQL when the run provides one (CI does), else a real SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    )
    app = make_app(url)
    with app.app_context():
        db.drop_all()
        db.session.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        flask_migrate.upgrade()
    return url


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = make_app(database_url)
    with app.app_context():
        yield app
        empty_every_table()


def empty_every_table() -> None:
    """What a test stored is gone before the next one (inside the app's context)."""
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user(app: Flask):
    def make(role: str, email: str | None = None) -> User:
        user, _ = create_user(email or f"{role}@example.org", role, PASSWORD)
        return user

    return make


@pytest.fixture
def session(app: Flask):
    """A session of the `sample` questionnaire at Hill School, both phases open."""
    return create_session(
        registry_of(app),
        organisation="Hill School",
        questionnaire_id="sample",
        session_date=date(2025, 3, 1),
        open_now=True,
    )


def response_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Response))


def csrf_token(html: str) -> str:
    """The page's CSRF token (a page with several forms carries the same one in each)."""
    tokens = {el.get("value") for el in parse(html).select('input[name="csrf_token"]')}
    assert len(tokens) == 1, f"expected one CSRF token, found {tokens}"
    return str(tokens.pop())


def sign_in(client: FlaskClient, user: User) -> None:
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def signed_in(client: FlaskClient, make_user):
    """Sign the test client in with a new user of the given role; returns the user."""

    def as_role(role: str) -> User:
        user = make_user(role)
        sign_in(client, user)
        return user

    return as_role


def skip_or_fail(reason: str) -> None:
    """Skip with a reason on a developer's machine; in CI a missing component is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must not skip: {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database on the local server, dropped afterwards."""
    import uuid

    admin_url = os.environ.get(
        "POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    name = f"cohesion_test_{uuid.uuid4().hex[:12]}"
    try:
        engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any failure to reach the server means "not available here"
        skip_or_fail(f"no PostgreSQL server at {admin_url}: {exc.__class__.__name__}")
    yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()
