"""Answers that must not be lost or split: expired CSRF tokens, races, device keys and
shared-device codes for PRE/POST matching."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from survey_app.questionnaire.startup import registry_of
from survey_app.respond.links import find_link, survey_for
from survey_app.respond.store import store_response
from survey_app.scoring.matching import match_pairs
from survey_app.sessions.service import link_for
from tests.conftest import csrf_token, make_app
from tests.html import one
from tests.integration.respond_helpers import (
    CODE,
    POST,
    PRE,
    answer,
    hidden,
    matching_frame,
    new_session,
    stored,
    url,
)


@pytest.mark.parametrize("token", ["not-the-token", None])
def test_a_bad_or_missing_csrf_token_gives_the_form_back_filled_in(app, client, token):
    session = new_session(app)
    page = client.get(url(session)).get_data(as_text=True)
    data = {"response_id": hidden(page, "response_id")} | PRE
    response = client.post(url(session), data=data | ({"csrf_token": token} if token else {}))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Your answers are still here" in html and "press “Send my answers” again" in html
    assert 'name="q_belong_city" value="5" checked' in html
    # No proof that we issued that id: the pupil sends again under a new one (ADR 0012).
    fresh = hidden(html, "response_id")
    assert fresh != data["response_id"] and uuid.UUID(fresh).version == 4
    assert stored() == []
    again = client.post(
        url(session), data=data | {"response_id": fresh, "csrf_token": csrf_token(html)}
    )
    assert again.status_code == 303 and [r.response_uuid for r in stored()] == [fresh]


def _page_from_the_past(client, path, monkeypatch, hours: float) -> str:
    real_time = time.time
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: real_time() - hours * 3600)
        return client.get(path).get_data(as_text=True)


def test_a_page_open_for_two_hours_is_still_stored(app, client, monkeypatch):
    session = new_session(app)
    page = _page_from_the_past(client, url(session), monkeypatch, hours=2)
    data = {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id")}
    assert client.post(url(session), data=data | PRE).status_code == 303
    assert len(stored()) == 1


def test_a_page_open_past_the_token_limit_comes_back_filled_in(app, client, monkeypatch):
    session = new_session(app)
    page = _page_from_the_past(client, url(session), monkeypatch, hours=13)
    data = {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id")}
    response = client.post(url(session), data=data | PRE)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Your answers are still here" in html
    assert 'name="q_mix_school" value="4" checked' in html and stored() == []
    resent = client.post(url(session), data=data | PRE | {"csrf_token": csrf_token(html)})
    assert resent.status_code == 303 and len(stored()) == 1


def test_the_device_key_cookie_pairs_pre_and_post_of_one_session_only(app, client):
    session, other = new_session(app), new_session(app)
    page = client.get(url(session))
    cookie = page.headers["Set-Cookie"]
    assert cookie.startswith("rk=") and "HttpOnly" in cookie and "Path=/s/" in cookie
    assert "SameSite=Lax" in cookie and "Max-Age=5184000" in cookie
    answer(client, url(session), PRE)
    answer(client, url(session, "post"), POST)
    answer(client, url(other), PRE)
    answer(app.test_client(), url(session, "post"), POST)  # another device
    pre, post, elsewhere, stranger = stored()
    assert pre.respondent_key == post.respondent_key
    assert len({pre.respondent_key, elsewhere.respondent_key, stranger.respondent_key}) == 3
    assert post.answers["do_differently"] == "Listen"
    pairs = match_pairs(matching_frame())
    assert [(p.pre_id, p.post_id, p.method) for p in pairs.itertuples()] == [
        (pre.id, post.id, "device")
    ]


def test_a_device_without_the_cookie_gets_one_when_it_submits(app, client):
    session = new_session(app)
    page = client.get(url(session)).get_data(as_text=True)
    client.delete_cookie("rk", path="/s/")
    data = {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id")}
    response = client.post(url(session), data=data | PRE)
    assert response.headers["Set-Cookie"].startswith("rk=")
    answer(client, url(session, "post"), POST)
    pre, post = stored()
    assert pre.respondent_key == post.respondent_key


def test_shared_devices_use_the_self_made_code_and_a_next_person_button(app, client):
    session = new_session(app, shared_devices=True)
    page = client.get(url(session))
    html = page.get_data(as_text=True)
    assert "rk=" not in page.headers.get("Set-Cookie", "")
    assert "Your code" in html and 'name="mc_letter"' in html and 'name="mc_month"' in html
    response, first_id = answer(client, url(session), PRE | CODE)
    thanks = client.get(response.headers["Location"])
    thanks_html = thanks.get_data(as_text=True)
    assert thanks.headers["Cache-Control"] == "no-store"
    assert f'href="{url(session)}">Next person</a>' in thanks_html
    fresh = client.get(url(session)).get_data(as_text=True)
    assert " checked" not in fresh and 'value="r"' not in fresh
    assert hidden(fresh, "response_id") != first_id
    answer(client, url(session, "post"), POST | CODE | {"mc_siblings": "3"})
    pre, post = stored()
    assert (pre.match_code, post.match_code) == ("R-03-2", "R-03-3")
    assert pre.respondent_key is None and post.respondent_key is None
    assert match_pairs(matching_frame())["method"].tolist() == ["code_near"]


def test_a_shared_device_form_needs_the_code(app, client):
    session = new_session(app, shared_devices=True)
    response, _ = answer(client, url(session), PRE | {"mc_letter": "r"})
    html = response.get_data(as_text=True)
    assert '<a href="#mc_month">Month you were born</a>' in html
    assert "Select the month you were born" in one(html, "#mc_month-e").text
    assert 'href="#mc_siblings"' in html and stored() == []


def test_a_race_of_the_same_response_id_stores_one_row(app, database_url):
    session = new_session(app)
    token, response_uuid = link_for(session, "pre").token, str(uuid.uuid4())
    racer_app = make_app(database_url)
    barrier, results = threading.Barrier(2), []

    def submit() -> None:
        with racer_app.app_context():
            survey = survey_for(find_link(token), registry_of(racer_app), None)
            barrier.wait()
            results.append(store_response(survey, response_uuid, {"belong_area": 4}))

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(map(bool, results)) == [False, True]
    assert len(stored()) == 1
