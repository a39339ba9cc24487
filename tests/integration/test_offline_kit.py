"""What a form gives offline.js (ADR 0028): spare ids with tokens for the session's open
phases only, the service worker at the top, and the waiting words in the page's language."""

from __future__ import annotations

from survey_app.respond.form_token import issued_at
from survey_app.sessions.service import link_for, set_phase_state
from tests.html import parse
from tests.integration.respond_helpers import new_session, url
from tests.integration.test_interface_languages import shipped  # noqa: F401 (a fixture)


def kit(client, path):
    response = client.get(f"{path}/offline")
    assert response.status_code == 200 and response.headers["Cache-Control"].startswith("no-store")
    return response.get_json()


def test_spare_ids_are_new_signed_for_their_own_link_and_only_for_open_phases(app, client):
    session = new_session(app)
    forms = kit(client, url(session))["forms"]
    assert [f["phase"] for f in forms] == ["pre", "post"]
    secret = app.config["SECRET_KEY"]
    for spare in forms:
        token = spare["path"].rsplit("/", 1)[1]
        assert len({rid for rid, _ in spare["ids"]}) == len(spare["ids"]) == 10
        assert all(issued_at(secret, token, rid, signed) for rid, signed in spare["ids"])
        other = link_for(session, "post" if spare["phase"] == "pre" else "pre").token
        assert not any(issued_at(secret, other, rid, signed) for rid, signed in spare["ids"])
    set_phase_state(session, "pre", "closed")
    assert [f["phase"] for f in kit(client, url(session, "post"))["forms"]] == ["post"]
    assert client.get(f"{url(session)}/offline").status_code == 410  # closed: no ids at all


def test_the_service_worker_is_served_from_the_top_and_never_kept_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and "javascript" in response.content_type
    assert response.headers["Cache-Control"] in ("no-cache", "no-store")


def test_the_waiting_words_are_in_the_page_s_language_and_hidden_without_a_script(
    shipped,  # noqa: F811 (the fixture imported above)
):
    app, tokens = shipped
    path = f"/s/{tokens['pupils-primary']['pre']}?lang=pl"
    page = parse(app.test_client().get(path).get_data(as_text=True))
    box = page.select_one("#offline")
    assert box.has_attr("hidden") and "zapisane na tym tablecie" in box.text
    assert page.select_one("script[src='/static/offline.js'][defer]") is not None
    assert page.select_one("form[data-offline]") is not None
