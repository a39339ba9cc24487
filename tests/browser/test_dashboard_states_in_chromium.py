"""In Chromium, the dashboard's states of issue 14 items 2, 3, 4 and 5 pass axe (WCAG 2.2 A
and AA): a rise in worry tagged "Worse", both designs side by side, a low match rate flagged,
a split by an answer chosen from the form, and the trend across academic years with its image
and table."""

from __future__ import annotations

from datetime import date

import pytest

from survey_app.auth.accounts import create_user
from survey_app.questionnaire.startup import registry_of
from tests.browser.test_officer_downloads import WCAG_22_A_AA
from tests.conftest import PASSWORD
from tests.report_data import store_groups, store_shared_tablets

pytestmark = pytest.mark.browser
TREND_IMAGE = "img[src*='chart/trend.png']"


def store_shared_tablets_at_worry_school(registry) -> None:
    """12 of 25 pupils keep their device: a match rate of 48%; the worry item rises."""
    store_shared_tablets(registry, "Worry School", date(2024, 3, 6), lambda phase: {
        "belong_area": 3, "nervous_mixing": 2 if phase == "pre" else 5})  # fmt: skip


@pytest.fixture
def officer_page(browser, live_server):
    server = live_server()
    with server.app.app_context():
        store_groups(registry_of(server.app), {"Big School": 20})
        store_groups(registry_of(server.app), {"Big School": 15}, session_date=date(2025, 10, 5),
                     seed=3)  # fmt: skip
        store_shared_tablets_at_worry_school(registry_of(server.app))
        create_user("officer@example.org", "officer", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server.url}/login")
    page.get_by_label("Email").fill("officer@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    yield page, server.url
    context.close()


def test_worse_tag_both_designs_and_low_match_rate_pass_axe(officer_page, axe):
    page, url = officer_page
    page.goto(f"{url}/reports/?questionnaire=sample&organisation=Worry+School")
    assert page.get_by_text("Low match rate", exact=True).is_visible()
    assert page.get_by_role("cell", name="Everyone, not matched").first.is_visible()
    assert page.get_by_role("cell", name="Matched pairs").first.is_visible()
    assert page.locator(".tag-worse").first.is_visible()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
    assert results.violations_count == 0, results.generate_report()


def test_the_trend_across_years_shows_its_image_and_table_and_passes_axe(officer_page, axe):
    page, url = officer_page
    page.goto(f"{url}/reports/?questionnaire=sample&organisation=Big+School&by=year")
    assert page.get_by_role("heading", name="Trend across academic years").is_visible()
    image = page.locator(TREND_IMAGE)
    image.scroll_into_view_if_needed()
    loaded = "img => img.complete && img.naturalWidth > 0"  # drawn on request, lazily loaded
    page.wait_for_function(f'() => ({loaded})(document.querySelector("{TREND_IMAGE}"))')
    assert page.get_by_role("cell", name="2025/26", exact=True).first.is_visible()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
    assert results.violations_count == 0, results.generate_report()


def test_split_by_an_answer_chosen_from_the_form_passes_axe(officer_page, axe):
    """Issue 14 item 4: "Answer to: ..." chosen in "Compare by", as an officer would."""
    page, url = officer_page
    page.goto(f"{url}/reports/?questionnaire=sample")
    page.get_by_label("Compare by").select_option(label="Answer to: Which year are you in?")
    page.get_by_role("button", name="Show results").click()
    page.wait_for_url("**by=answer%3Ayear_group**")
    assert page.get_by_role("heading", name="Year 7", exact=True).is_visible()
    assert page.locator("p.split-note").is_visible()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
    assert results.violations_count == 0, results.generate_report()
