"""The pupil's requests carry no server session (the form token is made from the response id)
and reuse a worker's copy of the link for a few seconds, without ever showing a closed form
from the worker that closed it. See docs/decisions/0006."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import SessionLink
from survey_app.respond.link_cache import EXTENSION_KEY
from survey_app.sessions.service import link_for, set_phase_state
from tests.conftest import csrf_token
from tests.integration.respond_helpers import PRE, hidden, new_device, new_session, stored, url


def test_a_token_from_another_page_does_not_send_this_one(app, client):
    session = new_session(app)
    mine = client.get(url(session)).get_data(as_text=True)
    theirs = new_device(app).get(url(session)).get_data(as_text=True)
    data = {"csrf_token": csrf_token(theirs), "response_id": hidden(mine, "response_id")} | PRE
    response = client.post(url(session), data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Your answers are still here" in html
    fresh = hidden(html, "response_id")
    assert fresh not in (data["response_id"], hidden(theirs, "response_id")) and stored() == []
    resent = client.post(
        url(session), data=data | {"response_id": fresh, "csrf_token": csrf_token(html)}
    )
    assert resent.status_code == 303 and [r.response_uuid for r in stored()] == [fresh]


def test_a_forged_token_never_earns_a_valid_token_for_an_id_of_the_clients_choosing(app, client):
    session = new_session(app)
    chosen = "11111111-1111-4111-8111-111111111111"  # e.g. to squat a real pupil's id
    response = client.post(url(session), data={"csrf_token": "forged", "response_id": chosen} | PRE)
    assert hidden(response.get_data(as_text=True), "response_id") != chosen
    assert stored() == []


def test_a_token_of_another_link_is_refused(app, client):
    pre_session, other = new_session(app), new_session(app)
    theirs = client.get(url(other)).get_data(as_text=True)
    data = {"csrf_token": csrf_token(theirs), "response_id": hidden(theirs, "response_id")}
    response = client.post(url(pre_session), data=data | PRE)
    assert response.status_code == 200 and "Your answers are still here" in response.get_data(
        as_text=True
    )
    assert stored() == []


def test_no_pupil_page_sets_a_session_cookie(app, client):
    session = new_session(app)
    page = client.get(url(session))
    html = page.get_data(as_text=True)
    data = {"csrf_token": csrf_token(html), "response_id": hidden(html, "response_id")}
    wrong = client.post(url(session), data=data | PRE | {"q_belong_city": "99"})
    expired = client.post(url(session), data=data | PRE | {"csrf_token": "1.2"})
    sent = client.post(url(session), data=data | PRE)
    thanks = client.get(sent.headers["Location"])
    for response in (page, wrong, expired, sent, thanks):
        cookies = response.headers.getlist("Set-Cookie")
        assert not [c for c in cookies if c.startswith(app.config["SESSION_COOKIE_NAME"])]
    assert wrong.status_code == expired.status_code == 200 and sent.status_code == 303
    assert len(stored()) == 1


def test_closing_a_phase_closes_its_cached_link_at_once_in_this_worker(app, client):
    session = new_session(app)
    assert client.get(url(session)).status_code == 200  # the link is now cached
    set_phase_state(session, "pre", "closed")
    assert client.get(url(session)).status_code == 410
    set_phase_state(session, "pre", "open")
    assert client.get(url(session)).status_code == 200


def test_a_change_made_elsewhere_is_seen_within_the_cache_time(app, client):
    """Another worker closed the phase: this worker's copy lasts LINK_CACHE_SECONDS at most."""
    cache = app.extensions[EXTENSION_KEY]
    now = [1000.0]
    cache.clock = lambda: now[0]
    session = new_session(app)
    token = link_for(session, "pre").token
    assert client.get(url(session)).status_code == 200
    with db.engine.begin() as other_worker:  # no ORM event: as if from another process
        other_worker.execute(
            sa.update(SessionLink).where(SessionLink.token == token).values(state="closed")
        )
    assert client.get(f"/s/{token}").status_code == 200
    now[0] += app.config["LINK_CACHE_SECONDS"] + 0.01
    assert client.get(f"/s/{token}").status_code == 410


def test_the_thank_you_page_rendered_once_links_each_session_to_its_own_form(app, client):
    first, second = new_session(app, shared_devices=True), new_session(app, shared_devices=True)
    for session in (first, second, first):
        html = client.get(f"{url(session)}/thanks").get_data(as_text=True)
        assert f'href="{url(session)}">Next person</a>' in html and "next-url-" not in html
    alone = client.get(f"{url(new_session(app))}/thanks").get_data(as_text=True)
    assert "You can close this page now." in alone and "Next person" not in alone
