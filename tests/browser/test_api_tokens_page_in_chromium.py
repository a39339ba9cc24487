"""The admin's API tokens page in Chromium with axe-core (WCAG 2.2 A/AA): empty, after a
refused name (error summary), the page that shows a new token once, and the list with a
revoked token; the token made in the browser then works against the API, until revoked."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from survey_app.auth.accounts import create_user
from tests.browser.test_pupil_flow import assert_accessible
from tests.browser.test_safeguarding_pages_in_chromium import signed_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def api_status(server, secret: str) -> int:
    request = urllib.request.Request(
        f"{server.url}/api/v1/counts?questionnaire=sample",
        headers={"Authorization": f"Bearer {secret}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_api_tokens_pages_pass_axe_and_the_token_works_until_revoked(live_server, browser, axe):
    server = live_server()
    with server.app.app_context():
        create_user("admin@council.example", "admin", PASSWORD)
    context, page = signed_in(browser, server, "admin@council.example")
    page.goto(f"{server.url}/admin/")
    page.get_by_role("link", name="API tokens").click()
    assert_accessible(axe, page, "the API tokens page, empty")
    page.get_by_role("button", name="Make token").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(axe, page, "the API tokens page with a refused name")
    page.get_by_label("Name").fill("Power BI: Board dashboard")
    page.get_by_role("button", name="Make token").click()
    secret = page.locator("#secret").input_value()
    assert secret.startswith("cohesion_api_")
    assert_accessible(axe, page, "the page showing a new token once")
    assert api_status(server, secret) == 200
    page.get_by_role("link", name="Back to API tokens").click()
    assert secret not in page.content()
    page.get_by_role("button", name="Revoke Power BI: Board dashboard").click()
    assert "is revoked" in page.content()
    assert_accessible(axe, page, "the API tokens page with a revoked token")
    assert api_status(server, secret) == 401
    context.close()
