"""Every route, as every role and anonymously, carries the security headers (ADR 0015)."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from config import TestConfig
from survey_app.sessions.service import link_for
from tests.conftest import make_app
from tests.integration.respond_helpers import new_session
from tests.integration.test_route_guard import concrete

SAME_FOR_ALL = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def urls(app, session):
    """A URL for every rule: real link tokens and session ids, so pages render, not 404."""
    token = link_for(session, "pre").token
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            yield rule, "/static/app.css"
            continue
        url = concrete(rule).replace("/s/x", f"/s/{token}")
        yield rule, url.replace("/sessions/1", f"/sessions/{session.id}")


def check(response, rule) -> None:
    where = (rule.rule, response.status_code)
    for name, value in SAME_FOR_ALL.items():
        assert response.headers.get(name) == value, (where, name)
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'none'"], where
    assert policy["default-src"] == ["'none'"], where
    assert policy["script-src"] == ["'self'"], where
    assert "'unsafe-inline'" not in policy["style-src"], where
    if rule.endpoint != "static":
        assert response.headers["Cache-Control"] == "no-store", where
    assert "Strict-Transport-Security" not in response.headers, where


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.parametrize("role", [None, "admin", "officer", "facilitator", "safeguarding"])
def test_every_route_has_the_headers(app, client, signed_in, role):
    session = new_session(app)
    if role:
        signed_in(role)
    app.config["WTF_CSRF_ENABLED"] = False
    checked = set()
    for rule, url in urls(app, session):
        for method in sorted(rule.methods - {"OPTIONS", "HEAD"}):
            check(client.open(url, method=method), rule)
        checked.add(rule.endpoint)
    assert {"respond.form", "reports.dashboard", "sessions.show", "static"} <= checked


def test_every_inline_style_is_allowed_by_its_hash_and_nothing_else(app, client):
    session = new_session(app)
    for path in (f"/s/{link_for(session, 'pre').token}", "/go"):
        response = client.get(path)
        html = response.get_data(as_text=True)
        styles = re.findall(r"<style>(.*?)</style>", html, re.S)
        assert styles, path
        allowed = directives(response.headers["Content-Security-Policy"])["style-src"]
        for style in styles:
            digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in allowed, path
        assert "style=" not in html and "<script>" not in html, path


def test_staff_pages_have_no_inline_style(app, client, signed_in):
    signed_in("admin")
    for path in ("/sessions/", "/sessions/new", "/reports/", "/admin/", "/login"):
        html = client.get(path).get_data(as_text=True)
        assert "<style" not in html and "style=" not in html, path


def test_production_sends_hsts_and_proxy_count_trusts_that_many_hops(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'h.db'}", HSTS_SECONDS=600, PROXY_COUNT=1)
    seen = {}

    @app.get("/_probe")
    def _probe():
        from flask import request

        seen.update(addr=request.remote_addr, scheme=request.scheme)
        return "ok"

    response = app.test_client().get(
        "/_probe", headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    )
    assert response.headers["Strict-Transport-Security"] == "max-age=600; includeSubDomains"
    assert seen == {"addr": "203.0.113.9", "scheme": "https"}


def test_without_proxy_count_forwarded_headers_are_ignored(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'h.db'}")
    seen = {}

    @app.get("/_probe")
    def _probe():
        from flask import request

        seen.update(addr=request.remote_addr, scheme=request.scheme)
        return "ok"

    app.test_client().get("/_probe", headers={"X-Forwarded-For": "203.0.113.9"})
    assert seen == {"addr": "127.0.0.1", "scheme": "http"}


def test_production_config_turns_hsts_on_by_default():
    from config import ProductionConfig

    assert ProductionConfig.HSTS_SECONDS >= 180 * 24 * 3600
    assert TestConfig.HSTS_SECONDS == 0
