"""Chromium reports no Content-Security-Policy violation on the pupil pages (ADR 0015)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_pupil_pages_break_no_rule_of_the_policy(live_server, ipad):
    server = live_server()
    session = server.create_session("sample")
    page = ipad.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    for url in (session["pre"], f"{server.url}/go", f"{server.url}/login"):
        page.goto(url)
    page.goto(session["pre"])
    page.click("form button.btn")  # nothing answered: the error page with its own styles
    page.locator(".es").wait_for()  # offline.js posts first, then the form
    assert violations == []
