"""A pre-forking server (gunicorn preload_app, deploy/gunicorn.conf.py) builds the app once and
forks its workers: no database connection may be left open by start-up for them to share.
Found on the local cluster, where shared sockets failed about 1 pupil's answer in 80 with
"server closed the connection unexpectedly" on PostgreSQL."""

from __future__ import annotations

from survey_app.extensions import db
from tests.conftest import make_app


def test_start_up_leaves_no_pooled_connection_for_forked_workers(database_url):
    app = make_app(database_url)  # start-up reads the database (translation freeze)
    with app.app_context():
        pool = db.engine.pool
        assert pool.checkedin() == 0, pool.status()
        assert pool.checkedout() == 0, pool.status()
