"""The primary pupils' form in Chromium (issue 10 item 4): the faces and every option row keep
their reading order on an iPad, a 320 px phone and at 400% zoom, as one row or one column in
order, never a wrapped grid; the page in its error state (the short summary) passes axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SHIPPED_QUESTIONNAIRES
from tests.browser.test_pupil_flow import assert_accessible

pytestmark = pytest.mark.browser
SIZES = {
    "iPad": {"width": 768, "height": 1024},
    "phone at 320 px": {"width": 320, "height": 568},
    "400% zoom": {"width": 320, "height": 256},  # 1280 x 1024 at 400%
}
# Each option group's labels, as boxes in page order.
BOXES = """() => [...document.querySelectorAll('.os')].map(group =>
  [...group.querySelectorAll(':scope > label')].map(label => {
    const r = label.getBoundingClientRect(); return [r.left, r.top, r.right]; }))"""


@pytest.fixture
def primary_form(live_server):
    server = live_server(SHIPPED_QUESTIONNAIRES)
    return server.create_session("pupils-primary", shared_devices=True)["pre"]


@pytest.mark.parametrize("size", SIZES)
def test_every_option_group_is_one_row_or_one_column_in_order(browser, primary_form, size):
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.goto(primary_form)
    groups = [boxes for boxes in page.evaluate(BOXES) if len(boxes) > 1]
    assert len(groups) > 10
    for boxes in groups:
        assert _one_row(boxes) or _one_column(boxes), (size, boxes)
    faces = [boxes for boxes in groups if len(boxes) == 5]
    if size == "iPad":
        assert faces and all(_one_row(boxes) for boxes in faces), "the faces wrapped on an iPad"
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_short_error_summary_passes_axe(browser, primary_form, axe, lang):
    context = browser.new_context(viewport=SIZES["phone at 320 px"])
    page = context.new_page()
    page.goto(f"{primary_form}?lang={lang}" if lang != "en" else primary_form)
    with page.expect_navigation():  # offline.js posts first, then the form as without it
        page.locator("form button[type=submit]").last.click()
    summary = page.locator(".es")
    assert summary.locator("a").count() == page.locator(".em").count() > 3
    assert_accessible(axe, page, f"the error summary in {lang}")
    context.close()


def _one_row(boxes: list[list[float]]) -> bool:
    """Side by side at one height, in reading order (either direction)."""
    tops = {round(top) for _, top, _ in boxes}
    lefts = [left for left, _, _ in boxes]
    return len(tops) == 1 and (lefts == sorted(lefts) or lefts == sorted(lefts, reverse=True))


def _one_column(boxes: list[list[float]]) -> bool:
    """One under another, in order, each starting where the first does."""
    tops = [top for _, top, _ in boxes]
    return len({round(left) for left, _, _ in boxes}) == 1 and tops == sorted(set(tops))
