"""`flask users deactivate|reactivate|set-role|reset EMAIL`: the same changes as the admin page,
audited, with a plain message (never a traceback) for an unknown account."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import AuditEntry, User


def run(app, *args):
    return app.test_cli_runner().invoke(args=["users", *args])


def test_deactivate_reactivate_and_set_role(app, make_user):
    user = make_user("officer")
    assert run(app, "deactivate", "OFFICER@example.org").exit_code == 0
    db.session.expire_all()
    assert not db.session.get(User, user.id).active
    again = run(app, "deactivate", user.email)
    assert again.exit_code != 0 and "already deactivated" in again.output
    assert run(app, "reactivate", user.email).exit_code == 0
    assert run(app, "set-role", user.email, "facilitator").exit_code == 0
    db.session.expire_all()
    assert db.session.get(User, user.id).role == "facilitator"
    logged = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert logged[-3:] == ["user.deactivate", "user.reactivate", "user.role"]


def test_reset_prints_a_working_link(app, make_user):
    user = make_user("officer")
    result = run(app, "reset", user.email)
    assert result.exit_code == 0, result.output
    link = result.output.strip()
    assert link.startswith("http://localhost/reset/")
    assert app.test_client().get(link.removeprefix("http://localhost")).status_code == 200


def test_an_unknown_account_or_role_is_a_plain_error(app):
    for args in (("deactivate", "nobody@example.org"), ("reset", "nobody@example.org")):
        result = run(app, *args)
        assert result.exit_code != 0 and "no account" in result.output
        assert "Traceback" not in result.output
    assert run(app, "set-role", "nobody@example.org", "pupil").exit_code != 0
