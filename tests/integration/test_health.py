"""/healthz and /readyz: no login, nothing revealed, 503 naming the part that is down."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from tests.conftest import make_app
from tests.redis_server import redis_server


def test_healthz_says_ok_and_the_version_without_a_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert response.get_json()["version"]
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_is_ready_with_a_database_and_no_redis_configured(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_names_the_database_when_it_cannot_be_reached(tmp_path):
    """A SQLite file replaced by a folder: every new connection fails, as a dead server's do."""
    path = tmp_path / "gone.db"
    app = make_app(f"sqlite:///{path}", HEALTH_TIMEOUT_SECONDS=0.2)
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    with app.app_context():
        db.engine.dispose()
    for leftover in tmp_path.glob("gone.db*"):
        leftover.unlink()
    path.mkdir()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "failing": ["database"]}
    assert "gone.db" not in response.get_data(as_text=True)


def test_readyz_follows_redis_down_and_up_without_revealing_its_address(database_url, tmp_path):
    with redis_server(tmp_path) as redis:
        app = make_app(database_url, REDIS_URL=redis.url, HEALTH_TIMEOUT_SECONDS=0.5)
        client = app.test_client()
        assert client.get("/readyz").status_code == 200
        redis.stop()
        down = client.get("/readyz")
        assert down.status_code == 503
        assert down.get_json() == {"status": "unavailable", "failing": ["redis"]}
        assert str(redis.port) not in down.get_data(as_text=True)
        redis.start()
        assert client.get("/readyz").status_code == 200


@pytest.mark.postgres
def test_two_instances_upgrading_at_once_migrate_once(postgres_url):
    """Without the advisory lock in migrations/env.py both run the first revision and one
    fails on a table that the other has just made."""
    env = os.environ | {"DATABASE_URL": postgres_url, "FLASK_DEBUG": "0"}
    command = [sys.executable, "-m", "flask", "--app", "survey_app", "db", "upgrade"]
    runs = [subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) for _ in "ab"]
    outcomes = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    engine = sa.create_engine(postgres_url)
    with engine.connect() as connection:
        versions = connection.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar()
        locks = connection.execute(
            sa.text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
        ).scalar()
    engine.dispose()
    assert versions == 1
    assert locks == 0
