"""Staff accounts: `users create`, argon2id hashes, sign-in and sign-out."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import User
from tests.conftest import PASSWORD, csrf_token, sign_in
from tests.html import parse, text_of


def test_users_create_takes_the_password_from_stdin(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "Officer@Example.org", "--role", "officer"],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).filter_by(email="officer@example.org"))
    assert user.role == "officer"
    assert user.password_hash.startswith("$argon2id$")
    assert "password" not in result.output.lower().replace("created", "")


def test_users_create_generates_a_password_and_shows_it_once(app, client):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "f@example.org", "--role", "facilitator"], input=""
    )
    assert result.exit_code == 0
    generated = result.output.split("password (shown once): ")[1].strip()
    assert len(generated) >= 16
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login",
        data={"email": "f@example.org", "password": generated, "csrf_token": csrf_token(page)},
    )
    assert response.status_code == 302


def test_users_create_refuses_a_bad_role_or_duplicate(app, make_user):
    make_user("admin", "a@example.org")
    runner = app.test_cli_runner()
    duplicate = runner.invoke(
        args=["users", "create", "a@example.org", "--role", "admin"], input=""
    )
    assert duplicate.exit_code != 0 and "already exists" in duplicate.output
    bad_role = runner.invoke(args=["users", "create", "b@example.org", "--role", "pupil"], input="")
    assert bad_role.exit_code != 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_wrong_password_shows_the_form_with_an_error(client, make_user):
    user = make_user("officer")
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login", data={"email": user.email, "password": "wrong", "csrf_token": csrf_token(page)}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert parse(html).title.get_text().startswith("Error: Sign in")
    assert "Email address or password is not right" in text_of(html, ".error-summary a")[0]


def test_sign_in_then_out(client, make_user):
    user = make_user("admin")
    sign_in(client, user)
    assert client.get("/admin/").status_code == 200
    page = client.get("/admin/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(page)})
    assert client.get("/admin/").status_code == 302


def test_next_is_only_followed_within_the_site(client, make_user):
    user = make_user("admin")
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login?next=https://evil.example/",
        data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(page)},
    )
    assert response.headers["Location"] == "/"
