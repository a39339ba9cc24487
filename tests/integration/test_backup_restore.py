"""deploy/backup and deploy/restore, proved: a loaded database is dumped, restored into a fresh
one, and every table's row count and a checksum of the responses come back equal."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.questionnaire.startup import registry_of
from tests.conftest import make_app, skip_or_fail
from tests.report_data import store_groups

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ADMIN_URL = os.environ.get(
    "POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
# Every row of every response, in a fixed order, hashed on the server.
RESPONSES_CHECKSUM = sa.text(
    "SELECT md5(string_agg(r::text, '|' ORDER BY r.id)) FROM response AS r"
)


@pytest.fixture
def empty_database():
    """Make fresh, empty PostgreSQL databases on the local server; drop them afterwards."""
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        skip_or_fail("pg_dump/pg_restore are not installed (apt-get install postgresql-client)")
    made: list[str] = []
    engine = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")

    def make() -> str:
        name = f"cohesion_backup_{uuid.uuid4().hex[:12]}"
        try:
            with engine.connect() as connection:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        except sa.exc.OperationalError as exc:
            skip_or_fail(f"no PostgreSQL server at {ADMIN_URL}: {exc.__class__.__name__}")
        made.append(name)
        return ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"

    yield make
    with engine.connect() as connection:
        for name in made:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def fingerprint(url: str) -> dict[str, object]:
    """Each table's row count, and the responses' checksum."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
        counts: dict[str, object] = {
            table: connection.execute(sa.text(f'SELECT count(*) FROM "{table}"')).scalar()
            for table in sorted(tables)
        }
        counts["responses checksum"] = connection.execute(RESPONSES_CHECKSUM).scalar()
    engine.dispose()
    return counts


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, env=os.environ | env
    )


@pytest.mark.postgres
def test_a_restored_dump_equals_the_database_it_came_from(empty_database, tmp_path):
    source = empty_database()
    app = make_app(source)
    with app.app_context():
        flask_migrate.upgrade()
        store_groups(registry_of(app), {"Oak School": 12, "Elm School": 7})
        db.engine.dispose()
    before = fingerprint(source)
    assert before["response"] == 38 and before["responses checksum"]

    backup = run(DEPLOY / "backup", source, tmp_path)
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip())
    target = empty_database()
    restore = run(DEPLOY / "restore", dump, target)
    assert restore.returncode == 0, restore.stderr
    assert fingerprint(target) == before


@pytest.mark.postgres
def test_backup_keeps_the_newest_n_and_restore_refuses_a_database_in_use(empty_database, tmp_path):
    source = empty_database()
    app = make_app(source)
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    dumps = [run(DEPLOY / "backup", source, tmp_path, BACKUP_KEEP="2") for _ in range(3)]
    assert [d.returncode for d in dumps] == [0, 0, 0]
    kept = sorted(p.name for p in tmp_path.glob("cohesion-*.dump"))
    assert kept == sorted(Path(d.stdout.strip()).name for d in dumps[1:])

    refused = run(DEPLOY / "restore", dumps[-1].stdout.strip(), source)
    assert refused.returncode == 1
    assert "already has" in refused.stderr
    assert run(DEPLOY / "backup", source, tmp_path, BACKUP_KEEP="none").returncode == 2
