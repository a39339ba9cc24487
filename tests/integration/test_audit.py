"""The audit log: each kind of action leaves an entry (who, when, what, never an answer), and
admins read it on a page with filters and a CSV download, and with `audit list`."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sqlalchemy as sa

from survey_app import audit
from survey_app.extensions import db
from survey_app.models import AuditEntry
from tests.conftest import csrf_token
from tests.html import parse
from tests.integration.test_import_page import upload


def logged(action: str) -> list[AuditEntry]:
    query = sa.select(AuditEntry).filter_by(action=action).order_by(AuditEntry.id)
    return list(db.session.scalars(query))


def shown_actions(page) -> list[str]:
    return [row.select("td")[2].get_text() for row in parse(page).select("tbody tr") if
            len(row.select("td")) == 5]  # fmt: skip


def test_record_refuses_unknown_actions_and_answers(app):
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record("donwload")
    with pytest.raises(ValueError, match="never hold answers"):
        audit.record("download", answers={"q1": "my secret"})
    assert not db.session.scalars(sa.select(AuditEntry)).all()


def test_command_line_entries_have_no_actor(app):
    entry = audit.record("purge", target="responses", count=3)
    assert (entry.user_id, entry.actor, entry.details) == (None, "", {"count": 3})


def test_session_creation_and_phase_changes_are_recorded(app, client, signed_in, session):
    facilitator = signed_in("admin")
    created = logged("session.create")
    assert [e.target for e in created] == [f"session {session.id}"]
    assert created[0].details["organisation"] == "Hill School"
    token = csrf_token(client.get(f"/sessions/{session.id}").get_data(as_text=True))
    client.post(f"/sessions/{session.id}/phases/post/close", data={"csrf_token": token})
    (closed,) = logged("phase.close")
    assert (closed.user_id, closed.actor) == (facilitator.id, facilitator.email)
    assert (closed.target, closed.details) == (f"session {session.id}", {"phase": "post"})


def test_sheets_templates_and_imports_are_recorded(app, client, signed_in, session):
    officer = signed_in("officer")
    assert client.get(f"/sessions/{session.id}/sheet.pdf").status_code == 200
    client.get(f"/reports/import/template?session={session.id}")
    text = f"session,phase,respondent,belong_area\n{session.id},pre,1,4\n"
    assert upload(client, text.encode()).status_code == 302
    downloads = [e.target for e in logged("download")]
    assert downloads == [f"sheet:session {session.id}", f"template:session {session.id}"]
    (imported,) = logged("import")
    assert imported.user_id == officer.id
    assert imported.details == {"rows": 1, "sessions": [session.id]}


def test_a_refused_import_is_not_recorded(app, client, signed_in, session):
    signed_in("officer")
    upload(client, f"session,phase,belong_area\n{session.id},pre,12\n".encode())
    assert not logged("import")


def test_users_made_on_the_command_line_are_recorded(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "new@example.org", "--role", "officer"]
    )
    assert result.exit_code == 0, result.output
    (made,) = logged("user.create")
    assert (made.actor, made.target, made.details) == ("", "new@example.org", {"role": "officer"})


def test_the_admin_page_filters_and_downloads(app, client, signed_in):
    signed_in("admin")  # itself recorded, as user.create and signin.success
    audit.record("purge", target="responses", count=2)
    audit.record("download", target="=HYPERLINK(1)")
    assert shown_actions(client.get("/admin/audit/?action=purge")) == ["purge"]
    assert shown_actions(client.get("/admin/audit/?action=user")) == ["user.create"]
    assert shown_actions(client.get("/admin/audit/?actor=nobody")) == []
    response = client.get("/admin/audit/audit.csv")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["action"] for r in rows] == ["download", "purge", "signin.success", "user.create"]
    assert rows[0]["target"] == "'=HYPERLINK(1)"  # inert in a spreadsheet
    assert logged("download")[-1].target == "audit.csv"  # reading the log is itself recorded


def test_a_bad_filter_date_gives_the_form_back(app, client, signed_in):
    signed_in("admin")
    response = client.get("/admin/audit/audit.csv?since=yesterday")
    assert response.status_code == 400
    assert "There is a problem" in response.get_data(as_text=True)


def test_audit_list_prints_json_lines_since_a_date(app):
    audit.record("purge", target="responses", count=2)
    old = audit.record("purge", target="old")
    old.at = old.at.replace(year=2020)
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["audit", "list", "--since", "2021-01-01", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["action"], r["target"], r["details"]) for r in rows] == [
        ("purge", "responses", {"count": 2})
    ]
    assert "old" in runner.invoke(args=["audit", "list"]).output
    bad = runner.invoke(args=["audit", "list", "--since", "soon"])
    assert bad.exit_code == 2 and "is not a date" in bad.output
