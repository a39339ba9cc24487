"""Guards for behaviours that once had no test: each fails when its control is removed."""

from __future__ import annotations

import pytest

from survey_app.extensions import db
from survey_app.models import SessionLink
from survey_app.respond.device import COOKIE_NAME
from survey_app.sessions.service import SessionError, link_for, set_phase_state, set_phases_state
from tests.conftest import PASSWORD, csrf_token
from tests.integration.respond_helpers import new_session, url


def _device_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(COOKIE_NAME + "=")]
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    return cookies[0]


@pytest.fixture
def open_session(app):
    session = new_session(app)
    set_phases_state(session, "open")
    return session


def test_the_device_cookie_is_secure_when_the_page_came_over_https(client, open_session):
    response = client.get(url(open_session), base_url="https://localhost")
    attributes = [part.strip().lower() for part in _device_cookie(response).split(";")]
    assert "secure" in attributes and "httponly" in attributes


def test_the_device_cookie_is_secure_whenever_production_asks_for_secure_cookies(
    app, client, open_session
):
    app.config["SESSION_COOKIE_SECURE"] = True  # ProductionConfig; a proxy may speak plain HTTP
    response = client.get(url(open_session))
    assert "secure" in [part.strip().lower() for part in _device_cookie(response).split(";")]


def test_the_pupil_form_never_sends_its_link_token_to_another_site(client, open_session):
    # The token in the URL opens the form: no Referer may carry it to any other origin.
    response = client.get(url(open_session))
    assert response.status_code == 200
    assert response.headers.get("Referrer-Policy") in ("no-referrer", "same-origin")


def test_a_deactivated_user_cannot_sign_in(client, make_user):
    user = make_user("officer")
    user.active = False
    db.session.commit()
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(page)}
    )
    assert response.status_code == 200  # the form again, not a redirect into the site
    assert client.get("/sessions/").status_code == 302  # still signed out


@pytest.mark.parametrize("state", ["", "OPEN", "deleted", "open; closed"])
def test_a_phase_takes_only_a_known_state(app, open_session, state):
    with pytest.raises(SessionError):
        set_phase_state(open_session, "pre", state)
    db.session.rollback()
    stored = db.session.get(SessionLink, link_for(open_session, "pre").id)
    assert stored.state == "open"
