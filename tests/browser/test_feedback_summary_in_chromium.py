"""In Chromium, the dashboard's summary of a one-off feedback form (issue 14 item 6) passes
axe (WCAG 2.2 A and AA): answer tables by type of respondent and the masked free text."""

from __future__ import annotations

import pytest

from survey_app.auth.accounts import create_user
from tests.browser.test_officer_downloads import WCAG_22_A_AA
from tests.conftest import PASSWORD
from tests.integration.test_feedback_summary import COUNCILLOR, SHIPPED, WORKER, meeting

pytestmark = pytest.mark.browser


def test_the_feedback_summary_passes_axe(browser, live_server, axe):
    server = live_server(SHIPPED)
    with server.app.app_context():
        meeting(server.app, "Ward forum", [COUNCILLOR] * 10 + [WORKER] * 10, {0: "Art classes"})
        create_user("officer@example.org", "officer", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server.url}/login")
        page.get_by_label("Email").fill("officer@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{server.url}/reports/?questionnaire=community-feedback")
        assert page.get_by_role("columnheader", name="Ward councillor (10)").first.is_visible()
        assert page.get_by_text("Art classes", exact=True).is_visible()
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()
