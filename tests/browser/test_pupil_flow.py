"""A pupil on an iPad-sized Chromium: PRE, thank-you, POST, a matched pair; accessible pages."""

from __future__ import annotations

import json

import pytest

from survey_app.scoring.matching import match_pairs
from tests.browser.conftest import SHIPPED_QUESTIONNAIRES
from tests.conftest import TEST_QUESTIONNAIRES
from tests.page_budget import DECODED_BYTES, MAX_REQUESTS, WIRE_BYTES

pytestmark = pytest.mark.browser

WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
QUESTIONNAIRES = [
    pytest.param(TEST_QUESTIONNAIRES, "sample", id="sample"),
    pytest.param(SHIPPED_QUESTIONNAIRES, "pupils-primary", id="pupils-primary"),
]
TOUCH_TARGET_PX = 44


def assert_accessible(axe, page, what: str) -> None:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
    assert results.violations_count == 0, f"{what}:\n{results.generate_report()}"


def answer_everything(page, choice: int = 1, code: tuple[str, str, str] | None = None) -> None:
    """Tap one option in every radio or checkbox group and fill every box, like a pupil."""
    if code:
        letter, month, siblings = code
        page.fill("#mc_letter", letter)
        page.select_option("#mc_month", month)
        page.locator(f'input[name="mc_siblings"][value="{siblings}"]').locator("..").tap()
    groups = page.locator("form fieldset:has(input[name^='q_'])")
    for index in range(groups.count()):
        labels = groups.nth(index).locator("label")
        labels.nth(min(choice, labels.count() - 1)).tap()
    for box in page.locator("textarea[name^='q_']").all():
        box.fill("Talk to new people")
    for box in page.locator("input[inputmode='numeric'][name^='q_']").all():
        box.fill("3")


def send(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").tap()


def matched_pairs(server, session_id: int) -> int:
    """Matched pairs for the session, as `flask sessions show --json` reports them."""
    runner = server.app.test_cli_runner()
    result = runner.invoke(args=["sessions", "show", str(session_id), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["matched"]


@pytest.mark.parametrize(("folder", "questionnaire_id"), QUESTIONNAIRES)
def test_pre_then_post_on_one_ipad_makes_one_matched_pair(
    live_server, ipad, axe, folder, questionnaire_id
):
    server = live_server(folder)
    session = server.create_session(questionnaire_id)
    page = ipad.new_page()

    page.goto(session["pre"])
    assert page.locator("input:checked").count() == 0
    assert_accessible(axe, page, "the form")

    send(page)
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.className") == "es", "summary has focus"
    assert page.locator(".es a").count() == page.locator(".em").count() > 0
    assert_accessible(axe, page, "the form showing errors")

    answer_everything(page, choice=1)
    send(page)
    assert page.url.endswith("/thanks")
    assert page.get_by_role("heading", name="Thank you").is_visible()
    assert_accessible(axe, page, "the thank-you page")

    page.goto(session["post"])
    assert_accessible(axe, page, "the AFTER form, its free text with the help line")
    answer_everything(page, choice=3)
    send(page)
    assert page.url.endswith("/thanks")

    responses = server.responses()
    assert responses["phase"].tolist() == ["pre", "post"]
    assert set(responses["questionnaire_id"]) == {questionnaire_id}
    assert responses["respondent_key"].nunique() == 1
    assert len(match_pairs(responses)) == 1
    assert matched_pairs(server, session["id"]) == 1


def test_the_smiley_scale_shows_a_face_with_words_and_big_targets(live_server, ipad):
    server = live_server(SHIPPED_QUESTIONNAIRES)
    page = ipad.new_page()
    page.goto(server.create_session("pupils-primary", shared_devices=True)["pre"])
    faces = page.evaluate(
        """() => [...document.querySelectorAll('.sm label[class^="f"]')].map(label => [
            getComputedStyle(label, '::before').backgroundImage.startsWith('url("data:image/svg'),
            label.textContent.trim().length > 0])"""
    )
    assert len(faces) >= 5 * 14 and all(face and words for face, words in faces)
    # Not the hidden first "Send" that only takes Enter (aria-hidden, out of the tab order).
    controls = (
        "form label:has(input), input:not([type=hidden]), select, textarea,"
        " button:not([aria-hidden=true]), main a"
    )
    small = page.evaluate(
        """([selector, min]) => [...document.querySelectorAll(selector)]
            .filter(el => el.checkVisibility())  // not the hidden offline box's button
            .map(el => [el.outerHTML.slice(0, 60), el.getBoundingClientRect()])
            .filter(([, r]) => r.height < min || r.width < min)
            .filter(([html]) => !html.startsWith('<input type="radio"'))""",
        [controls, TOUCH_TARGET_PX],
    )
    assert small == [], "every control is at least 44px each way (radios through their label)"


@pytest.mark.parametrize(("folder", "questionnaire_id"), QUESTIONNAIRES)
def test_the_first_load_is_small_and_all_same_origin(live_server, ipad, folder, questionnaire_id):
    server = live_server(folder)
    session = server.create_session(questionnaire_id, shared_devices=True)
    page = ipad.new_page()
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    page.goto(session["pre"], wait_until="load")
    # Before `load` only: the service worker and the spare ids come after it (ADR 0028).
    load_at = page.evaluate("() => performance.timing.loadEventStart")  # ms since 1970
    loaded = [request for request in loaded if request.timing["startTime"] < load_at]
    assert 1 <= len(loaded) <= MAX_REQUESTS
    assert all(request.url.startswith(server.url) for request in loaded), "no third party"
    sizes = [request.sizes() for request in loaded]  # as received: compressed, with headers
    wire = sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes)
    assert wire <= WIRE_BYTES, f"{wire} bytes on the wire"
    decoded = sum(len(request.response().body()) for request in loaded)
    assert decoded <= DECODED_BYTES, f"{decoded} bytes decoded"
    for request in loaded:  # each by name: a file ever sent plain says which, and how it came
        response = request.response()
        encoding = response.all_headers().get("content-encoding")
        came = "from the service worker" if response.from_service_worker else "from the server"
        assert encoding == "gzip", f"{request.url} {came}, Content-Encoding {encoding}"
    # Bodies only: the policy header lists every inline style the process has hashed, so it is
    # longer after other tests (session 8's "uncompressed" read-aloud.js, ADR 0026 amended).
    bodies = sum(size["responseBodySize"] for size in sizes)
    assert bodies < decoded / 2, "the page and its files travel compressed"
    scripts = page.locator("script")
    for index in range(scripts.count()):  # files of ours only, never inline (ADR 0015)
        assert scripts.nth(index).get_attribute("src").startswith("/static/")


def test_a_shared_tablet_gives_the_next_person_an_empty_form(live_server, ipad, axe):
    server = live_server(SHIPPED_QUESTIONNAIRES)
    session = server.create_session("pupils-primary", shared_devices=True)
    page = ipad.new_page()
    page.goto(session["pre"])
    answer_everything(page, choice=2, code=("s", "7", "2"))
    send(page)
    assert_accessible(axe, page, "the shared-device thank-you page")
    with page.expect_navigation():
        page.get_by_role("link", name="Next person").tap()
    assert page.locator("input:checked").count() == 0
    assert page.input_value("#mc_letter") == "" and page.input_value("#mc_month") == ""
    page.go_back()
    page.go_back()
    assert page.locator("input:checked").count() == 0, "Back shows no previous answers"
    assert page.input_value("#mc_letter") == ""

    page.goto(session["post"])
    answer_everything(page, choice=4, code=("S", "7", "2"))
    send(page)
    responses = server.responses()
    assert responses["match_code"].tolist() == ["S-07-2", "S-07-2"]
    assert responses["respondent_key"].isna().all()
    assert match_pairs(responses)["method"].tolist() == ["code_exact"]
    assert matched_pairs(server, session["id"]) == 1


def test_go_takes_a_typed_code_to_the_form(live_server, ipad, axe):
    server = live_server()
    session = server.create_session("sample")
    code = session["codes"]["pre"]
    page = ipad.new_page()
    page.goto(f"{server.url}/go")
    assert_accessible(axe, page, "the /go page")
    page.fill("#code", "nope-nope")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").tap()
    assert page.title().startswith("Error: ")
    assert_accessible(axe, page, "the /go page showing an error")
    page.fill("#code", f"{code[:4].lower()}-{code[4:]}")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").tap()
    assert page.url == session["pre"]
    assert page.get_by_role("heading", name="Sample survey").is_visible()


def test_a_closed_link_shows_a_friendly_page(live_server, ipad, axe):
    server = live_server()
    session = server.create_session("sample")
    server.close_phase(session["id"], "pre")
    page = ipad.new_page()
    response = page.goto(session["pre"])
    assert response.status == 410
    assert page.get_by_role("heading", name="This survey is closed").is_visible()
    assert page.locator("form").count() == 0
    assert_accessible(axe, page, "the closed page")
