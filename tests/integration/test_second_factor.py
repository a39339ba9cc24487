"""The optional second factor (TOTP): required for admins with REQUIRE_MFA=1, a code accepted
once, wrong codes counted with wrong passwords, and an admin removing a lost one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import AuditEntry, User
from tests.conftest import PASSWORD, csrf_token
from tests.html import parse, text_of

START = datetime(2026, 3, 2, 9, 0)


def code_at(secret: str, moment: datetime) -> str:
    return pyotp.TOTP(secret).at(moment.replace(tzinfo=UTC))


def password_step(client, email):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})


def send_code(client, code, url="/login/code/"):
    token = csrf_token(client.get(url).get_data(as_text=True))
    return client.post(url, data={"code": code, "csrf_token": token})


def with_clock(app):
    moment = [START]
    app.config["CLOCK"] = lambda: moment[0]
    return moment


def enrolled(user, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"):
    user.totp_secret = secret
    db.session.commit()
    return secret


def test_an_admin_must_set_one_up_when_required(app, client, make_user):
    app.config["REQUIRE_MFA"] = True
    moment = with_clock(app)
    admin = make_user("admin")
    held = password_step(client, admin.email)
    assert held.headers["Location"].startswith("/login/code/")
    assert client.get("/admin/").status_code == 302  # a right password alone is not enough
    page = client.get("/login/code/set-up").get_data(as_text=True)
    secret = parse(page).select_one("#key").get_text()
    assert parse(page).select_one("img")["src"].startswith("data:image/svg+xml;base64,")
    wrong = send_code(client, "000000", "/login/code/set-up")
    assert "not right" in text_of(wrong.get_data(as_text=True), ".error-summary a")[0]
    assert send_code(client, code_at(secret, moment[0]), "/login/code/set-up").status_code == 302
    assert client.get("/admin/").status_code == 200
    db.session.expire_all()
    assert db.session.get(User, admin.id).totp_secret == secret
    assert "user.mfa" in db.session.scalars(sa.select(AuditEntry.action)).all()


def test_not_required_for_an_admin_without_the_setting(app, client, make_user):
    admin = make_user("admin")
    assert password_step(client, admin.email).headers["Location"] == "/"


def test_a_code_is_accepted_once(app, client, make_user):
    moment = with_clock(app)
    secret = enrolled(make_user("officer"))
    user = db.session.scalar(sa.select(User))
    password_step(client, user.email)
    code = code_at(secret, moment[0])
    assert send_code(client, code).status_code == 302
    assert client.get("/sessions/").status_code == 200
    again = app.test_client()
    password_step(again, user.email)
    assert send_code(again, code).status_code == 200  # replayed: refused
    assert again.get("/sessions/").status_code == 302
    moment[0] += timedelta(seconds=30)
    assert send_code(again, code_at(secret, moment[0])).status_code == 302


def test_wrong_codes_count_towards_the_sign_in_limit(app, client, make_user):
    moment = with_clock(app)
    secret = enrolled(make_user("officer"))
    email = "officer@example.org"
    password_step(client, email)
    for _ in range(10):
        assert send_code(client, "123456").status_code == 200
    assert send_code(client, code_at(secret, moment[0])).status_code == 429


def test_the_hold_lasts_minutes_only(app, client, make_user):
    moment = with_clock(app)
    enrolled(make_user("officer"))
    password_step(client, "officer@example.org")
    moment[0] += timedelta(minutes=6)
    assert client.get("/login/code/").headers["Location"] == "/login"


def test_an_admin_removes_a_lost_second_factor(app, client, make_user, signed_in):
    officer = make_user("officer")
    enrolled(officer)
    signed_in("admin")
    token = csrf_token(client.get("/admin/users/").get_data(as_text=True))
    url = f"/admin/users/{officer.id}/second-factor/remove"
    removed = client.post(url, data={"csrf_token": token})
    assert removed.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, officer.id).totp_secret is None
