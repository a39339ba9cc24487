"""Server-side sign-out, idle timeout and absolute lifetime of a staff session, and its
rotation at sign-in. Time comes from an injected clock (the CLOCK setting)."""

from __future__ import annotations

from datetime import datetime, timedelta

from survey_app.auth.accounts import deactivate, set_role
from tests.conftest import csrf_token, sign_in

START = datetime(2026, 3, 2, 9, 0)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def copy_of(app, client):
    """A second browser holding the same session cookie, as a thief would."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def signed_in_page(client) -> bool:
    return client.get("/sessions/").status_code == 200


def test_a_copied_cookie_is_refused_after_sign_out(app, client, signed_in):
    signed_in("officer")
    thief = copy_of(app, client)
    assert signed_in_page(thief)
    page = client.get("/sessions/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(page)})
    assert not signed_in_page(client)
    assert not signed_in_page(thief)


def test_a_copied_cookie_is_refused_after_deactivation(app, client, signed_in):
    user = signed_in("officer")
    thief = copy_of(app, client)
    deactivate(user)
    assert not signed_in_page(thief)
    assert not signed_in_page(client)


def test_a_role_change_ends_the_session(app, client, signed_in):
    user = signed_in("officer")
    set_role(user, "facilitator")
    assert client.get("/reports/").status_code == 302  # to sign-in, not a page as officer


def test_idle_timeout(app, client, signed_in):
    app.config["CLOCK"] = clock = Clock()
    signed_in("officer")
    clock.advance(minutes=29)
    assert signed_in_page(client)  # activity restarts the idle time
    clock.advance(minutes=29)
    assert signed_in_page(client)
    clock.advance(minutes=31)
    response = client.get("/sessions/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "30 minutes without activity" in page


def test_absolute_lifetime(app, client, signed_in):
    app.config["CLOCK"] = clock = Clock()
    signed_in("officer")
    for _ in range(11 * 3):  # busy all day: a request every 20 minutes for 11 hours
        clock.advance(minutes=20)
        assert signed_in_page(client)
    clock.advance(minutes=61)
    assert not signed_in_page(client)


def test_timeouts_are_settings(app, client, signed_in):
    app.config.update(CLOCK=(clock := Clock()), SESSION_IDLE_SECONDS=300)
    signed_in("officer")
    clock.advance(minutes=6)
    assert not signed_in_page(client)


def test_session_and_csrf_token_are_new_at_sign_in(app, client, make_user):
    client.get("/login")
    with client.session_transaction() as session:
        raw_token_before = session["csrf_token"]
        session["planted"] = "by someone at this computer before"
    before_cookie = client.get_cookie("session").value
    sign_in(client, make_user("officer"))
    client.get("/sessions/")
    with client.session_transaction() as session:
        assert session["csrf_token"] != raw_token_before
        assert "planted" not in session
    # the anonymous cookie from before sign-in is worth nothing afterwards
    planted = app.test_client()
    planted.set_cookie("session", before_cookie)
    assert not signed_in_page(planted)
