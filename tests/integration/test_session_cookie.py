"""Flask's session cookie with its serializer kept per key (web/session_cookie.py)."""

from __future__ import annotations

from flask import session


def test_the_serializer_is_built_once_per_key_and_a_new_key_gets_its_own(app):
    interface = app.session_interface
    first = interface.get_signing_serializer(app)
    assert interface.get_signing_serializer(app) is first
    app.secret_key = "another-key-" + "x" * 40
    assert interface.get_signing_serializer(app) is not first


def test_a_cookie_signed_under_an_old_key_is_refused_after_the_key_changes(app):
    @app.get("/_test/session/set")
    def _set():
        session["marker"] = "kept"
        return "set"

    @app.get("/_test/session/get")
    def _get():
        return session.get("marker", "none")

    client = app.test_client()
    client.get("/_test/session/set")
    assert client.get("/_test/session/get").get_data(as_text=True) == "kept"
    app.secret_key = "another-key-" + "x" * 40
    assert client.get("/_test/session/get").get_data(as_text=True) == "none"
