"""The session page's live counts (JSON) and its projection view with the QR code as SVG:
staff only, never stored by a browser, and a facilitator's own sessions only."""

from __future__ import annotations

import json
from datetime import date

import pytest

from survey_app.extensions import db
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session
from tests.conftest import sign_in
from tests.html import one, parse, text
from tests.integration.test_sessions_pages import add_responses


@pytest.fixture
def own_session(app, make_user):
    facilitator = make_user("facilitator")
    session = create_session(
        registry_of(app),
        organisation="Oak School",
        questionnaire_id="sample",
        session_date=date(2026, 3, 14),
        facilitator=facilitator,
        open_now=True,
    )
    return session, facilitator


def urls(session) -> list[str]:
    return [
        f"/sessions/{session.id}/counts.json",
        f"/sessions/{session.id}/phases/pre/qr.svg",
        f"/sessions/{session.id}/phases/pre/screen",
    ]


def test_anonymous_users_get_the_login_page_and_nothing_is_stored(app, own_session):
    session, _ = own_session
    add_responses(session.id, [("pre", "a")])
    client = app.test_client()
    for url in urls(session):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
        assert response.headers["Cache-Control"] == "no-store", url
        assert b"matched" not in response.data and b"<svg" not in response.data, url


def test_the_counts_are_json_and_never_stored(client, own_session):
    session, facilitator = own_session
    add_responses(session.id, [("pre", "a"), ("pre", "b"), ("post", "a")])
    sign_in(client, facilitator)
    response = client.get(f"/sessions/{session.id}/counts.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    assert json.loads(response.data) == {"pre": 2, "post": 1, "single": 0, "matched": 1}


def test_another_facilitators_session_is_a_404(client, own_session, make_user):
    session, _ = own_session
    sign_in(client, make_user("facilitator", "other@example.org"))
    for url in urls(session):
        assert client.get(url).status_code == 404, url


def test_the_qr_code_is_an_svg_never_stored(client, own_session):
    session, facilitator = own_session
    sign_in(client, facilitator)
    response = client.get(f"/sessions/{session.id}/phases/post/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(b"<svg") and b"<path" in response.data
    assert client.get(f"/sessions/{session.id}/phases/single/qr.svg").status_code == 404


def test_the_projection_view_shows_the_code_big_and_says_when_it_is_not_open(client, own_session):
    session, facilitator = own_session
    sign_in(client, facilitator)
    page = parse(client.get(f"/sessions/{session.id}/phases/pre/screen").get_data(as_text=True))
    pre = next(link for link in session.links if link.phase == "pre")
    assert text(page, ".screen-code") == f"{pre.code[:4]}-{pre.code[4:]}"
    assert one(page, "img.screen-qr")["src"].endswith("/phases/pre/qr.svg")
    assert not page.select(".screen-notice")
    pre.state = "closed"  # the state shown is the link's own
    db.session.commit()
    page = parse(client.get(f"/sessions/{session.id}/phases/pre/screen").get_data(as_text=True))
    assert "closed" in text(page, ".screen-notice")


def test_the_session_page_links_to_the_projection_and_its_counts(client, own_session):
    session, facilitator = own_session
    sign_in(client, facilitator)
    page = parse(client.get(f"/sessions/{session.id}").get_data(as_text=True))
    box = one(page, "[data-counts-url]")
    assert box["data-counts-url"] == f"/sessions/{session.id}/counts.json"
    assert {el["data-count"] for el in box.select("[data-count]")} == {"pre", "post", "matched"}
    shows = {a["href"] for a in page.select("a") if "for the class" in a.get_text()}
    assert f"/sessions/{session.id}/phases/pre/screen" in shows
    assert page.select('script[src$="live-counts.js"]') and not page.select("script:not([src])")
