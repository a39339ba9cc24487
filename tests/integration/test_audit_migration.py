"""The audit migration keeps every old download record: download_log rows become audit
entries, and going back restores them."""

from __future__ import annotations

import flask_migrate
import sqlalchemy as sa

from survey_app.extensions import db
from tests.conftest import make_app


def test_download_log_rows_become_audit_entries_and_back(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'old.db'}")
    with app.app_context():
        flask_migrate.upgrade(revision="c11a_translations")
        db.session.execute(sa.text(
            "INSERT INTO staff_user (id, email, password_hash, role, active, created_at) "
            "VALUES (7, 'o@example.org', 'x', 'officer', 1, '2025-01-01 00:00:00')"
        ))  # fmt: skip
        db.session.execute(sa.text(
            "INSERT INTO download_log (user_id, what, filters, at) "
            "VALUES (7, 'export:csv', '{\"organisation\": \"Hill\"}', '2025-02-01 09:00:00')"
        ))  # fmt: skip
        db.session.commit()
        flask_migrate.upgrade(revision="c12a_auth_audit")
        row = db.session.execute(
            sa.text("SELECT user_id, actor, action, target, details, at FROM audit_entry")
        ).one()
        assert tuple(row)[:4] == (7, "o@example.org", "download", "export:csv")
        assert "Hill" in row.details and str(row.at).startswith("2025-02-01 09:00")
        epoch = db.session.execute(sa.text("SELECT session_epoch FROM staff_user")).scalar()
        assert epoch == 0
        db.session.commit()
        flask_migrate.downgrade(revision="c11a_translations")
        back = db.session.execute(sa.text("SELECT user_id, what FROM download_log")).one()
        assert tuple(back) == (7, "export:csv")
