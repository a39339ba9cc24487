"""The safeguarding pages in Chromium with axe-core (WCAG 2.2 A/AA): a lead's queue, a concern's
page with its decision form (as shown and after a decision without the note it needs), and the
admin's page of the organisations a lead looks after. The concern comes from a pupil's answer
sent through the real form, so the after-commit check (ADR 0027) raised it."""

from __future__ import annotations

import pytest

from survey_app.auth.accounts import create_user
from tests.browser.test_pupil_flow import answer_everything, assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
WORRYING = "my stepdad hits me when he is angry"


@pytest.fixture
def server(live_server, browser):
    """A live server with one concern, raised by a pupil's AFTER answer at the test school."""
    server = live_server()
    session = server.create_session("sample")
    with server.app.app_context():
        lead, _ = create_user("dso@council.example", "safeguarding", PASSWORD)
        server.lead_id = lead.id  # the designated officer: no organisations of their own
        create_user("admin@council.example", "admin", PASSWORD)
    context = browser.new_context(has_touch=True)
    page = context.new_page()
    page.goto(session["post"])
    answer_everything(page)
    page.locator("textarea").first.fill(WORRYING)
    with page.expect_navigation(url="**/thanks*"):  # offline.js posts, then goes there
        page.get_by_role("button", name="Send my answers").click()
    context.close()
    return server


def signed_in(browser, server, email):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server.url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return context, page


def test_the_queue_and_a_concern_pass_axe_before_and_after_a_refused_decision(server, browser, axe):
    context, page = signed_in(browser, server, "dso@council.example")
    page.goto(f"{server.url}/safeguarding/")
    assert page.locator("tbody tr").count() == 1, "the pupil's answer raised no concern"
    assert_accessible(axe, page, "the safeguarding queue")

    page.locator("tbody tr a").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Save the decision").is_visible()
    assert_accessible(axe, page, "a concern's page")

    page.locator("input[type=radio]").last.check()
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(axe, page, "a concern's page after a decision without its note")
    context.close()


def test_the_page_of_a_lead_s_organisations_passes_axe(server, browser, axe):
    context, page = signed_in(browser, server, "admin@council.example")
    page.goto(f"{server.url}/admin/users/{server.lead_id}/organisations")
    assert page.get_by_label("Browser Test School").is_visible()
    assert_accessible(axe, page, "a lead's organisations")
    context.close()
