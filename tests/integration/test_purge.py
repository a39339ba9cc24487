"""`flask data purge` under a frozen clock (issue 12, item 6): responses past their
questionnaire's retention period, download records and audit entries past theirs; --dry-run
deletes nothing; a real purge deletes and is recorded in the audit log."""

from __future__ import annotations

import shutil
import uuid
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import AuditEntry, Response, SurveySession
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.schedule import CLOCK_KEY
from survey_app.sessions.service import create_session
from tests.conftest import TEST_QUESTIONNAIRES, make_app

TODAY = datetime(2027, 3, 2, 10, 0)  # naive UTC, as the app's clock gives it
# RETENTION_DAYS is 730: a session on 2025-03-01 is due from 2027-03-01; one on 2025-03-03
# from 2027-03-03.
DUE, NOT_YET = date(2025, 3, 1), date(2025, 3, 3)


def new_session(app, organisation: str, on: date, responses: int) -> SurveySession:
    session = create_session(registry_of(app), organisation=organisation,
                             questionnaire_id="sample", session_date=on)  # fmt: skip
    for n in range(responses):
        db.session.add(Response(response_uuid=str(uuid.uuid4()), session_id=session.id,
                                phase="pre" if n % 2 else "post", questionnaire_id="sample",
                                questionnaire_version=1, answers={"belong_area": 4}))  # fmt: skip
    db.session.commit()
    return session


def audit_entry(action: str, at: datetime) -> None:
    db.session.add(AuditEntry(action=action, at=at, actor="o@example.org", target="t"))
    db.session.commit()


@pytest.fixture
def data(app):
    app.config[CLOCK_KEY] = lambda: TODAY
    due = new_session(app, "Old School", DUE, 3)
    kept = new_session(app, "New School", NOT_YET, 2)
    audit_entry("download", datetime(2026, 3, 1, 23, 59))  # older than 365 days: due
    audit_entry("download", datetime(2026, 3, 2, 0, 0))  # exactly 365 days: kept
    audit_entry("signin.failure", datetime(2021, 2, 28, 12, 0))  # older than 2190 days: due
    audit_entry("signin.failure", datetime(2026, 1, 1))  # kept: 2190 days for audit entries
    return due, kept


def purge(app, *args: str):
    return app.test_cli_runner().invoke(args=["data", "purge", *args])


def audit_actions() -> list[str]:
    """The actions in the log, leaving out the sessions' own creation (stamped today)."""
    query = sa.select(AuditEntry.action).where(AuditEntry.action != "session.create")
    return sorted(db.session.scalars(query))


def responses_of(session: SurveySession) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Response.id)).where(Response.session_id == session.id)
    )


def test_a_dry_run_lists_what_is_due_and_deletes_nothing(app, data):
    due, kept = data
    result = purge(app, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Purge as of 2027-03-02:",
        f"  session {due.id} (Old School, 2025-03-01, sample v1, kept 730 days): 3 response(s)",
        "  download records before 2026-03-02: 1",
        "  other audit entries before 2021-03-03: 1",
        "Past their retention period: 3 response(s) in 1 session(s), 1 download record(s), "
        "1 audit entry(ies).",
        "Dry run: nothing was deleted.",
    ]
    assert (responses_of(due), responses_of(kept)) == (3, 2)
    assert len(audit_actions()) == 4 and "purge" not in audit_actions()


def test_a_purge_deletes_what_is_due_and_records_it(app, data):
    due, kept = data
    result = purge(app)
    assert result.exit_code == 0, result.output
    assert result.output.endswith(
        "Deleted 3 response(s), 1 download record(s) and 1 audit entry(ies); "
        "recorded in the audit log.\n"
    )
    assert (responses_of(due), responses_of(kept)) == (0, 2)
    assert db.session.get(SurveySession, due.id) is not None  # the session itself is kept
    assert audit_actions() == ["download", "purge", "signin.failure"]
    record = db.session.scalar(sa.select(AuditEntry).filter_by(action="purge"))
    assert record.target == "as of 2027-03-02"
    assert record.details == {"sessions": [due.id], "responses": 3, "audit_entries": 1,
                              "downloads": 1}  # fmt: skip
    again = purge(app)
    assert "Past their retention period: 0 response(s) in 0 session(s)" in again.output


def test_as_of_looks_ahead_in_a_dry_run_only(app, data):
    due, kept = data
    ahead = purge(app, "--dry-run", "--as-of", "2027-03-03")
    assert ahead.exit_code == 0
    assert f"session {kept.id} (New School" in ahead.output
    refused = purge(app, "--as-of", "2027-03-03")
    assert refused.exit_code == 2
    assert "--as-of 2027-03-03 is after today (2027-03-02): use it with --dry-run" in (
        refused.output
    )
    assert responses_of(kept) == 2
    earlier = purge(app, "--as-of", "2027-02-28")  # a past date deletes less, never more
    assert earlier.exit_code == 0 and responses_of(due) == 3
    bad = purge(app, "--as-of", "next week")
    assert bad.exit_code == 2 and "'next week' is not a date: use YYYY-MM-DD" in bad.output


def test_a_questionnaire_sets_its_own_retention_without_changing_its_hash(
    app, database_url, tmp_path, data
):
    due, kept = data
    folder = tmp_path / "q"
    shutil.copytree(TEST_QUESTIONNAIRES, folder)
    path = folder / "sample" / "v1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("version: 1\n", "version: 1\nretention_days: 30\n")
    )
    shorter = make_app(database_url, QUESTIONNAIRE_DIR=folder)  # the frozen version still loads
    shorter.config[CLOCK_KEY] = lambda: TODAY
    assert registry_of(shorter).get("sample", 1).content_hash == (
        registry_of(app).get("sample", 1).content_hash
    )
    with shorter.app_context():
        result = purge(shorter, "--dry-run")
    assert f"session {kept.id} (New School, 2025-03-03, sample v1, kept 30 days)" in result.output


def test_the_systemd_unit_runs_this_command(app):
    unit = TEST_QUESTIONNAIRES.parents[2] / "deploy" / "systemd" / "cohesion-purge.service"
    exec_start = next(
        line for line in unit.read_text().splitlines() if line.startswith("ExecStart=")
    )
    args = exec_start.split("--app survey_app ", 1)[1].split()
    assert args == ["data", "purge"]
    assert app.test_cli_runner().invoke(args=[*args, "--help"]).exit_code == 0
