"""Admin > Staff accounts: invite, deactivate and reactivate (at once), change a role, a
one-time reset link that expires after a day, and the audit entry of each."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from survey_app.extensions import db
from survey_app.models import AuditEntry, User
from tests.conftest import PASSWORD, csrf_token
from tests.html import parse, text_of

NEW_PASSWORD = "granite owl moves quietly"


def post(client, url, data=None, page="/admin/users/"):
    token = csrf_token(client.get(page).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def link_on(response) -> str:
    (field,) = parse(response.get_data(as_text=True)).select("input#link")
    return str(field["value"]).removeprefix("http://localhost")


def actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def sign_in_as(client, email, password):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


def set_password_through(client, link, password):
    token = csrf_token(client.get(link).get_data(as_text=True))
    return client.post(link, data={"password": password, "csrf_token": token})


def test_an_invited_person_sets_their_password_once(app, client, signed_in):
    signed_in("admin")
    made = post(client, "/admin/users/new", {"email": "New@Example.org", "role": "officer"})
    assert made.status_code == 200
    link = link_on(made)
    newcomer = app.test_client()
    assert set_password_through(newcomer, link, NEW_PASSWORD).status_code == 302
    assert sign_in_as(newcomer, "new@example.org", NEW_PASSWORD).status_code == 302
    assert newcomer.get(link).status_code == 410  # used: it works once
    assert {"user.create", "user.reset_link", "user.password"} <= set(actions())


def test_a_guessable_password_is_refused_on_the_link_page(app, client, make_user, signed_in):
    user = make_user("officer")
    signed_in("admin")
    link = link_on(post(client, f"/admin/users/{user.id}/reset"))
    refused = set_password_through(app.test_client(), link, "password1234")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "too easy to guess" in text_of(html, ".error-summary a")[0]
    assert parse(html).title.get_text().startswith("Error:")


def test_a_reset_link_expires_after_a_day(app, client, make_user, signed_in):
    moment = [datetime(2026, 3, 2, 9, 0)]
    app.config["CLOCK"] = lambda: moment[0]
    user = make_user("officer")
    signed_in("admin")
    link = link_on(post(client, f"/admin/users/{user.id}/reset"))
    moment[0] += timedelta(hours=23, minutes=59)
    assert app.test_client().get(link).status_code == 200
    moment[0] += timedelta(minutes=2)
    assert app.test_client().get(link).status_code == 410
    assert app.test_client().get("/reset/forged-token").status_code == 410


def test_deactivation_and_reactivation_take_effect_at_once(app, client, make_user, signed_in):
    officer = make_user("officer")
    elsewhere = app.test_client()
    assert sign_in_as(elsewhere, officer.email, PASSWORD).status_code == 302
    signed_in("admin")
    assert post(client, f"/admin/users/{officer.id}/deactivate").status_code == 302
    assert elsewhere.get("/sessions/").status_code == 302  # signed out at once
    assert sign_in_as(elsewhere, officer.email, PASSWORD).status_code == 200  # refused
    assert post(client, f"/admin/users/{officer.id}/reactivate").status_code == 302
    assert sign_in_as(elsewhere, officer.email, PASSWORD).status_code == 302
    assert actions().count("user.deactivate") == actions().count("user.reactivate") == 1


def test_a_role_change_applies_from_the_next_sign_in(app, client, make_user, signed_in):
    officer = make_user("officer")
    elsewhere = app.test_client()
    sign_in_as(elsewhere, officer.email, PASSWORD)
    assert elsewhere.get("/reports/").status_code == 200
    signed_in("admin")
    assert (
        post(client, f"/admin/users/{officer.id}/role", {"role": "facilitator"}).status_code == 302
    )
    db.session.expire_all()
    assert db.session.get(User, officer.id).role == "facilitator"
    sign_in_as(elsewhere, officer.email, PASSWORD)
    assert elsewhere.get("/reports/").status_code == 403
    (entry,) = db.session.scalars(sa.select(AuditEntry).filter_by(action="user.role"))
    assert entry.details == {"role": "facilitator", "previous": "officer"}


def test_the_last_admin_cannot_lock_everyone_out(client, signed_in):
    admin = signed_in("admin")
    refused = post(client, f"/admin/users/{admin.id}/deactivate")
    assert refused.status_code == 400
    assert "only active admin" in text_of(refused.get_data(as_text=True), ".error-summary a")[0]
    assert post(client, f"/admin/users/{admin.id}/role", {"role": "officer"}).status_code == 400
    assert db.session.get(User, admin.id).active


def test_bad_input_gets_the_form_back(client, make_user, signed_in):
    make_user("officer", "taken@example.org")
    signed_in("admin")
    for email in ("taken@example.org", "not an address", ""):
        page = post(client, "/admin/users/new", {"email": email, "role": "officer"})
        assert page.status_code == 400
        assert text_of(page.get_data(as_text=True), ".error-summary a")
    assert (
        post(client, "/admin/users/new", {"email": "x@example.org", "role": "pupil"}).status_code
        == 400
    )
    assert post(client, "/admin/users/999999/deactivate").status_code == 404


def test_an_old_scrypt_hash_is_upgraded_at_sign_in(app, client):
    old = User(
        email="old@example.org",
        role="officer",
        password_hash=generate_password_hash(PASSWORD, method="scrypt"),
    )
    db.session.add(old)
    db.session.commit()
    assert sign_in_as(client, old.email, PASSWORD).status_code == 302
    db.session.expire_all()
    upgraded = db.session.get(User, old.id).password_hash
    assert upgraded.startswith("$argon2id$")
    assert sign_in_as(app.test_client(), old.email, PASSWORD).status_code == 302
