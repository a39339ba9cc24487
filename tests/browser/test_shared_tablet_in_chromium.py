"""The shared-tablet sequence of issue 10 in real Chromium (ADR 0030): pupil 1 leaves a question
out, fixes it and sends; the next pupil presses Back twice and reloads, then answers and sends.
Two responses are stored and pupil 1's answers and code are never on the next pupil's screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.test_pupil_flow import answer_everything, send

pytestmark = pytest.mark.browser


def shown_answers(page) -> dict:
    return page.evaluate(
        """() => {
            const all = (css) => [...document.querySelectorAll(css)];
            const month = document.querySelector('#mc_month');
            return {
                checked: all('input:checked').map(i => i.name + '=' + i.value),
                typed: all('input[type=text], textarea').map(i => i.value).filter(v => v),
                month: month ? month.value : ''
            };
        }"""
    )


def back_from_the_error_page(page) -> None:
    """Back from Chromium's own error page. Chromium swaps the tab's renderer for that page, and
    on a busy machine Playwright may not be attached to the new one yet: try again shortly."""
    for attempt in range(10):
        try:
            page.go_back()
            return
        except PlaywrightError as exc:
            if "Not attached" not in str(exc) or attempt == 9:
                raise
            page.wait_for_timeout(300)


def test_back_twice_and_reload_never_shows_pupil_1s_answers_and_both_are_stored(live_server, ipad):
    server = live_server()
    session = server.create_session("sample", shared_devices=True)
    page = ipad.new_page()
    page.goto(session["pre"])

    # Pupil 1: everything but the last question, Send (errors), then the rest, Send.
    answer_everything(page, choice=1, code=("R", "3", "2"))
    page.locator("form fieldset:has(input[name^='q_'])").last.locator("input:checked").evaluate(
        "input => { input.checked = false }"
    )
    send(page)
    assert page.title().startswith("Error: ")
    answer_everything(page, choice=1, code=("R", "3", "2"))
    send(page)
    assert page.url.endswith("/thanks")

    # The next pupil presses Back twice and reloads. The first Back reaches the error page, the
    # result of a POST that no-store keeps out of every cache (Chromium: "Confirm Form
    # Resubmission"); the second the form pupil 1 first opened, which must come back empty,
    # from neither the back-forward cache nor form restoration. Re-sending that POST is what
    # a "resubmit" does: tests/integration/test_shared_tablet.py sends it byte for byte.
    with pytest.raises(PlaywrightError, match="ERR_CACHE_MISS"):
        page.go_back()
    back_from_the_error_page(page)
    assert page.url == session["pre"]
    page.reload()
    seen = shown_answers(page)
    assert seen == {"checked": [], "typed": [], "month": ""}, seen
    assert "R" not in page.locator("#mc_letter").input_value()

    answer_everything(page, choice=3, code=("K", "11", "0"))
    send(page)
    assert page.url.endswith("/thanks")
    responses = server.responses()
    assert len(responses) == 2, responses
    assert responses["match_code"].nunique() == 2
