"""API tokens are made, listed and revoked by admins, on the admin page and with
`flask api-tokens create|list|revoke`: the secret shown once, only its hash kept, each change
audited, a revoked token refused at once."""

from __future__ import annotations

import json
import re

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import ApiToken, AuditEntry
from tests.conftest import csrf_token
from tests.html import parse

PAGE = "/admin/api-tokens/"


def run(app, *args):
    return app.test_cli_runner().invoke(args=["api-tokens", *args])


def actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def counts_status(client, secret: str) -> int:
    headers = {"Authorization": f"Bearer {secret}"}
    return client.get("/api/v1/counts?questionnaire=sample", headers=headers).status_code


def test_cli_creates_lists_and_revokes(app, client, make_user):
    admin = make_user("admin", "boss@council.example")
    made = run(app, "create", "Power BI: Board", "--by", "BOSS@council.example")
    assert made.exit_code == 0, made.output
    secret = re.search(r"secret \(shown once, keep it safe\): (\S+)", made.output).group(1)
    token = db.session.scalars(sa.select(ApiToken)).one()
    assert token.name == "Power BI: Board" and token.created_by_id == admin.id
    assert secret not in token.token_hash
    assert counts_status(client, secret) == 200
    db.session.expire_all()  # the request committed in a session of its own
    listed = run(app, "list", "--json")
    row = json.loads(listed.output.splitlines()[0])
    assert row["name"] == "Power BI: Board" and row["created_by"] == "boss@council.example"
    assert row["last_used_at"] is not None and row["revoked_at"] is None
    assert secret not in listed.output and secret not in run(app, "list").output
    assert run(app, "revoke", str(token.id)).exit_code == 0
    assert counts_status(client, secret) == 401
    again = run(app, "revoke", str(token.id))
    assert again.exit_code != 0 and "already revoked" in again.output
    assert "revoked" in run(app, "list").output
    assert [a for a in actions() if a.startswith("api.token")] == [
        "api.token.create",
        "api.token.revoke",
    ]


def test_cli_refuses_plainly(app):
    for args, words in [
        (("create", "   "), "enter a name"),
        (("create", "x" * 81), "80 characters"),
        (("create", "ok", "--by", "nobody@example.org"), "no account"),
        (("revoke", "4242"), "no API token 4242"),
    ]:
        result = run(app, *args)
        assert result.exit_code != 0 and words in result.output, (args, result.output)
        assert "Traceback" not in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def post(client, url: str, data: dict | None = None):
    token = csrf_token(client.get(PAGE).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def test_the_admin_page_makes_a_token_shown_once_and_revokes_it(app, client, signed_in):
    admin = signed_in("admin")
    assert "There are no API tokens yet" in client.get(PAGE).get_data(as_text=True)
    made = post(client, PAGE + "new", {"name": "Power BI: schools"})
    assert made.status_code == 200
    secret = parse(made.get_data(as_text=True)).select_one("input#secret")["value"]
    assert secret.startswith("cohesion_api_")
    listing = client.get(PAGE).get_data(as_text=True)
    assert "Power BI: schools" in listing and secret not in listing
    assert admin.email in listing and "Never" in listing
    token = db.session.scalars(sa.select(ApiToken)).one()
    assert token.created_by == admin.email
    assert counts_status(app.test_client(), secret) == 200
    revoked = post(client, f"{PAGE}{token.id}/revoke")
    assert revoked.status_code == 302
    assert "is revoked" in client.get(PAGE).get_data(as_text=True)
    assert counts_status(app.test_client(), secret) == 401
    logged = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action.like("api.token%")))
    assert [(e.action, e.actor) for e in logged] == [
        ("api.token.create", admin.email),
        ("api.token.revoke", admin.email),
    ]


def test_a_nameless_token_is_refused_with_the_error_summary(client, signed_in):
    signed_in("admin")
    refused = post(client, PAGE + "new", {"name": " "})
    assert refused.status_code == 400
    page = parse(refused.get_data(as_text=True))
    assert page.select_one(".error-summary a[href='#name']")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_only_admins_reach_the_page(client, signed_in):
    signed_in("officer")
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE + "new", data={"name": "x"}).status_code in (400, 403)
