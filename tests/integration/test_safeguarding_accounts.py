"""Safeguarding leads' accounts (issue 16 item 1): made by `users create --role safeguarding
--org NAME` or the admin page, scoped to their organisations (none: the designated officer),
audited, and never report readers."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.auth.roles import ANY_STAFF, REPORT_READERS, SAFEGUARDING
from survey_app.extensions import db
from survey_app.models import AuditEntry, Organisation, User
from tests.conftest import csrf_token
from tests.html import parse, text


def run(app, *args):
    return app.test_cli_runner().invoke(args=["users", *args], input="granite owl moves quietly\n")


def user(email: str) -> User:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).filter_by(email=email))


def test_the_role_is_no_staff_role_and_reads_no_reports():
    assert SAFEGUARDING not in ANY_STAFF and SAFEGUARDING not in REPORT_READERS


def test_cli_creates_a_lead_for_several_organisations(app, session):
    result = run(app, "create", "dsl@hill.sch.uk", "--role", "safeguarding",
                 "--org", "hill school", "--org", "Oak Academy")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "safeguarding lead for Hill School, Oak Academy (new)" in result.output
    lead = user("dsl@hill.sch.uk")
    assert lead.role == "safeguarding"
    assert [o.name for o in lead.organisations] == ["Hill School", "Oak Academy"]
    names = db.session.scalars(sa.select(Organisation.name).order_by(Organisation.name)).all()
    assert names == ["Hill School", "Oak Academy"]  # "hill school" is Hill School, not a second
    entry = db.session.scalars(sa.select(AuditEntry).filter_by(action="user.create")).one()
    assert entry.details["organisations"] == ["Hill School", "Oak Academy"]


def test_cli_without_an_organisation_makes_the_designated_officer(app):
    result = run(app, "create", "dso@council.gov.uk", "--role", "safeguarding")
    assert result.exit_code == 0 and "designated officer" in result.output
    assert user("dso@council.gov.uk").organisations == []


def test_only_safeguarding_accounts_have_organisations(app):
    result = run(app, "create", "off@council.gov.uk", "--role", "officer", "--org", "Hill School")
    assert result.exit_code != 0 and "only safeguarding accounts" in result.output
    assert "Traceback" not in result.output and user("off@council.gov.uk") is None


def test_set_orgs_and_a_role_change_clear_them(app):
    run(app, "create", "dsl@hill.sch.uk", "--role", "safeguarding", "--org", "Hill School")
    assert run(app, "set-orgs", "dsl@hill.sch.uk", "Oak Academy").exit_code == 0
    assert [o.name for o in user("dsl@hill.sch.uk").organisations] == ["Oak Academy"]
    assert run(app, "set-role", "dsl@hill.sch.uk", "facilitator").exit_code == 0
    assert user("dsl@hill.sch.uk").organisations == []
    refused = run(app, "set-orgs", "dsl@hill.sch.uk", "Oak Academy")
    assert refused.exit_code != 0 and "only safeguarding accounts" in refused.output


def test_admin_page_creates_a_lead_and_changes_their_organisations(app, client, signed_in, session):
    signed_in("admin")
    oak = Organisation(name="Oak Academy")
    db.session.add(oak)
    db.session.commit()
    hill = session.organisation_id
    page = client.get("/admin/users/")
    boxes = {box["value"] for box in parse(page).select('input[name="organisations"]')}
    assert boxes == {str(hill), str(oak.id)}
    token = csrf_token(page.get_data(as_text=True))
    created = client.post("/admin/users/new", data={"csrf_token": token, "email": "dsl@hill.sch.uk",
                          "role": "safeguarding", "organisations": [str(hill)]})  # fmt: skip
    assert created.status_code == 200, created.get_data(as_text=True)
    lead = user("dsl@hill.sch.uk")
    assert [o.name for o in lead.organisations] == ["Hill School"]
    assert "Looks after: Hill School" in text(client.get("/admin/users/"))

    form_page = client.get(f"/admin/users/{lead.id}/organisations")
    assert form_page.status_code == 200
    token = csrf_token(form_page.get_data(as_text=True))
    changed = client.post(f"/admin/users/{lead.id}/organisations",
                          data={"csrf_token": token, "organisations": [str(oak.id)]})  # fmt: skip
    assert changed.status_code == 302
    assert [o.name for o in user("dsl@hill.sch.uk").organisations] == ["Oak Academy"]
    emptied = client.post(f"/admin/users/{lead.id}/organisations", data={"csrf_token": token})
    assert emptied.status_code == 302 and user("dsl@hill.sch.uk").organisations == []
    logged = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert logged[-2:] == ["user.organisations", "user.organisations"]


def test_admin_page_refuses_organisations_for_other_roles_and_unknown_ids(app, client, signed_in,
                                                                          session):  # fmt: skip
    admin = signed_in("admin")
    token = csrf_token(client.get("/admin/users/").get_data(as_text=True))
    base = {"csrf_token": token, "email": "x@example.org"}
    for data in ({"role": "officer", "organisations": [str(session.organisation_id)]},
                 {"role": "safeguarding", "organisations": ["999999"]},
                 {"role": "safeguarding", "organisations": ["x"]}):  # fmt: skip
        refused = client.post("/admin/users/new", data=base | data)
        assert refused.status_code == 400, data
        assert parse(refused).select(".error-summary")
    assert user("x@example.org") is None
    # Only a safeguarding account has an organisations page.
    assert client.get(f"/admin/users/{admin.id}/organisations").status_code == 404
