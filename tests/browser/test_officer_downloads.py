"""In Chromium: an officer signs in, filters the dashboard to one school, and downloads a chart
as PNG and the data as XLSX. Uses the live server and browser of tests/browser/conftest.py."""

from __future__ import annotations

import io

import openpyxl
import pytest
from PIL import Image

from survey_app.auth.accounts import create_user
from survey_app.questionnaire.startup import registry_of
from tests.conftest import PASSWORD
from tests.report_data import store_groups

pytestmark = pytest.mark.browser


@pytest.fixture
def server(live_server):
    server = live_server()
    with server.app.app_context():
        store_groups(registry_of(server.app), {"Ten School": 12, "Big School": 20})
        create_user("officer@example.org", "officer", PASSWORD)
    return server


@pytest.fixture
def officer_page(browser, server):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server.url}/login")
    page.get_by_label("Email").fill("officer@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server.url}/reports/")
    yield page
    context.close()


def test_officer_filters_to_one_school_and_downloads_png_and_xlsx(officer_page, tmp_path):
    page = officer_page
    page.get_by_label("School or group", exact=True).select_option("Ten School")
    page.get_by_role("button", name="Show results").click()
    page.wait_for_url("**organisation=Ten+School**")
    assert page.get_by_role("heading", name="Charts: Ten School").is_visible()

    with page.expect_download() as png_download:
        page.get_by_role("link", name="PNG of Ten School: average scores before and after").click()
    png_path = tmp_path / png_download.value.suggested_filename
    png_download.value.save_as(png_path)
    image = Image.open(png_path)
    assert image.format == "PNG" and image.size[0] == 1000

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Spreadsheet (XLSX)").click()
    assert xlsx_download.value.suggested_filename == "responses.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes()))
    wide = list(book["Responses (wide)"].iter_rows(values_only=True))
    organisation = wide[0].index("organisation")
    assert len(wide) == 1 + 24 and {row[organisation] for row in wide[1:]} == {"Ten School"}


WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def test_dashboard_passes_axe_with_results_and_with_errors(officer_page, axe, server):
    page = officer_page
    page.goto(f"{server.url}/reports/?questionnaire=sample&organisation=Ten+School")
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
    assert results.violations_count == 0, results.generate_report()
    page.goto(f"{server.url}/reports/?questionnaire=sample&date_from=2024-03-10&date_to=2024-03-01")
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
    assert results.violations_count == 0, results.generate_report()
