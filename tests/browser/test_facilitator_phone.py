"""In Chromium: the facilitator's pages on a 390 px phone (no sideways scrolling), the
projection view's QR code read back from a screenshot by a real decoder (zxing-cpp), and the
session page's counts changing while it is open, without a reload."""

from __future__ import annotations

import io
import uuid
from datetime import date

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from survey_app.auth.accounts import create_user
from survey_app.extensions import db
from survey_app.models import Response
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session, public_url
from tests.browser.test_pupil_flow import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
EMAIL = "facilitator@example.org"


@pytest.fixture
def server(live_server):
    server = live_server()
    with server.app.app_context():
        facilitator, _ = create_user(EMAIL, "facilitator", PASSWORD)
        session = create_session(
            registry_of(server.app),
            organisation="Hillside Primary School with a long name for a small screen",
            questionnaire_id="sample",
            session_date=date(2026, 3, 14),
            group_label="Year 6 Oak class",
            programme="Cohesion sessions",
            facilitator=facilitator,
            open_now=True,
        )
        server.session_id = session.id
        server.pre_url = public_url(next(link for link in session.links if link.phase == "pre"))
    return server


def signed_in(browser, server, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.goto(f"{server.url}/login")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)
    return context, page


@pytest.fixture
def phone(browser, server):
    context, page = signed_in(browser, server, **PHONE)
    yield page
    context.close()


def store_answer(server, phase: str, key: str) -> None:
    with server.app.app_context():
        db.session.add(
            Response(
                response_uuid=str(uuid.uuid4()),
                session_id=server.session_id, phase=phase, questionnaire_id="sample",
                questionnaire_version=1, respondent_key=key, answers={"belong_area": 4},
            )
        )  # fmt: skip
        db.session.commit()


def test_no_facilitator_page_scrolls_sideways_on_a_phone(phone, server):
    session = f"{server.url}/sessions/{server.session_id}"
    refused: list[str] = []  # and none breaks the Content-Security-Policy (ADR 0015)
    phone.on(
        "console", lambda msg: refused.append(msg.text) if "Content Security" in msg.text else 0
    )
    for url in (f"{server.url}/sessions/", f"{server.url}/sessions/new", session,
                f"{session}/phases/pre/screen"):  # fmt: skip
        phone.goto(url)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width} px wide at 390 px"
    phone.goto(f"{server.url}/sessions/new")
    phone.get_by_role("button", name="Create session").click()  # the page with its errors
    assert phone.locator(".error-message").count() >= 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert refused == []


def test_the_session_page_and_the_projection_view_pass_axe(phone, server, axe):
    phone.goto(f"{server.url}/sessions/{server.session_id}")
    assert_accessible(axe, phone, "the session page")
    phone.get_by_role("link", name="Show before (pre) for the class").click()
    assert_accessible(axe, phone, "the projection view")


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 720}]
)
def test_the_projected_qr_code_scans(browser, server, viewport):
    context, page = signed_in(browser, server, viewport=viewport)
    page.goto(f"{server.url}/sessions/{server.session_id}/phases/pre/screen")
    qr = page.locator("img.screen-qr")
    qr.wait_for()
    box = qr.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert box["y"] + box["height"] <= viewport["height"], "the whole code is on screen"
    shot = Image.open(io.BytesIO(page.screenshot())).convert("L")
    assert [code.text for code in zxingcpp.read_barcodes(shot)] == [server.pre_url]
    code = page.locator(".screen-code").inner_text()
    assert len(code) == 9 and code[4] == "-"
    context.close()


def test_the_counts_change_on_the_open_page_without_a_reload(phone, server):
    phone.goto(f"{server.url}/sessions/{server.session_id}")
    assert phone.locator("[data-count=pre]").inner_text() == "0"
    phone.evaluate("window.notReloaded = true")
    store_answer(server, "pre", "a")
    store_answer(server, "post", "a")
    for name, expected in (("pre", "1"), ("post", "1"), ("matched", "1")):
        expect(phone.locator(f"[data-count={name}]")).to_have_text(expected, timeout=15_000)
    assert phone.evaluate("window.notReloaded") is True


def test_the_sessions_final_results_fit_a_phone_and_pass_axe(phone, server, axe):
    """12 pupils before and after; both phases closed a week and more ago: results are final."""
    from datetime import datetime

    import numpy as np

    from survey_app.models import SurveySession
    from tests.report_data import answers_for

    with server.app.app_context():
        q, rng = registry_of(server.app).latest("sample"), np.random.default_rng(0)
        for pupil in range(12):
            for phase in ("pre", "post"):
                db.session.add(Response(
                    response_uuid=str(uuid.uuid4()), session_id=server.session_id, phase=phase,
                    questionnaire_id="sample", questionnaire_version=q.version,
                    respondent_key=f"pupil-{pupil}", answers=answers_for(q, phase, rng),
                ))  # fmt: skip
        for link in db.session.get(SurveySession, server.session_id).links:
            link.state, link.closed_at = "closed", datetime(2026, 3, 14, 15, 0)
        db.session.commit()
    phone.goto(f"{server.url}/sessions/{server.session_id}")
    expect(phone.get_by_role("link", name="Download a one-page summary for the school (PDF)")
           ).to_be_visible()  # fmt: skip
    assert phone.get_by_role("cell", name="12 pairs").first.is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the session page with its results is {width} px wide at 390 px"
    assert_accessible(axe, phone, "the session page with its results")
