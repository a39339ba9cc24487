"""The accessibility statement in Chromium: axe-core, keyboard only, and 400% zoom; reached from
the pupil's form, whose footer link a keyboard user can reach and follow."""

from __future__ import annotations

import pytest

from tests.browser.test_pupil_flow import assert_accessible

pytestmark = pytest.mark.browser
ZOOM_400 = {"viewport": {"width": 320, "height": 256}}  # 1280 x 1024 at 400%


def test_the_statement_passes_axe(live_server, ipad, axe):
    page = ipad.new_page()
    page.goto(f"{live_server().url}/accessibility")
    assert_accessible(axe, page, "the accessibility statement")


def test_a_keyboard_reaches_the_statement_from_the_pupil_s_form(live_server, browser):
    server = live_server()
    session = server.create_session("sample")
    context = browser.new_context()
    page = context.new_page()
    page.goto(session["pre"])
    link = page.locator("footer a")
    for _ in range(200):  # Tab through the whole form, as a keyboard user must
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the footer's accessibility link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{server.url}/accessibility"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Accessibility statement")
    context.close()


@pytest.mark.parametrize("path", ["/accessibility", "pupil form"])
def test_nothing_spills_off_the_screen_at_400_percent(live_server, browser, path):
    server = live_server()
    url = server.create_session("sample")["pre"] if path == "pupil form" else server.url + path
    context = browser.new_context(**ZOOM_400)
    page = context.new_page()
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator("footer a").is_visible()
    context.close()
