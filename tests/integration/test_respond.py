"""The pupil's answering flow over HTTP: the form, storing once, refusals, /go, the CLI."""

from __future__ import annotations

import json
import re
import shutil
import uuid
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from survey_app.extensions import db
from survey_app.models import Response
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session, link_for, set_phase_state
from tests.conftest import TEST_QUESTIONNAIRES, csrf_token, make_app
from tests.html import input_value, links, one, parse, text, text_of
from tests.integration.respond_helpers import (
    PRE,
    answer,
    hidden,
    new_device,
    new_session,
    stored,
    url,
)
from tests.sample_answers import PRE_ANSWERS


def test_the_form_is_the_pinned_version_with_nothing_chosen(app, client):
    page = client.get(url(new_session(app)))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    soup = parse(html)
    assert soup.html["lang"] == "en" and soup.title.get_text() == "Sample survey"
    assert "There are no right or wrong answers." in text(soup)
    form = one(soup, "form")
    assert form.has_attr("novalidate") and form["autocomplete"] == "off"
    assert soup.select("input[checked]") == []
    assert len(soup.select("fieldset")) == 6 and len(soup.select("fieldset > legend")) == 6
    assert one(soup, 'input[name="q_friends_count"]')
    assert soup.select('[name="q_do_differently"]') == []  # a POST-only item
    assert uuid.UUID(hidden(html, "response_id")).version == 4
    assert page.headers["Cache-Control"] == "no-store"
    # Our own static files only (ADR 0015, 0028, 0039): offline and read-aloud, nothing inline.
    # A fresh parse: text(soup) above took the scripts out of `soup`.
    scripts = [(script.get("src"), script.string) for script in parse(html).select("script")]
    assert scripts == [("/static/offline.js", None), ("/static/read-aloud.js", None)]
    assert "http" not in html.split("<body>")[1]


def test_each_view_of_the_cached_form_gets_its_own_response_id_and_token(app, client):
    from survey_app.respond.page import CSRF_SLOT, RESPONSE_ID_SLOT

    session = new_session(app)
    first = client.get(url(session)).get_data(as_text=True)
    second = client.get(url(session)).get_data(as_text=True)
    other = new_device(app).get(url(session)).get_data(as_text=True)
    ids = {hidden(page, "response_id") for page in (first, second, other)}
    assert len(ids) == 3 and all(uuid.UUID(i) for i in ids)
    assert len({csrf_token(page) for page in (first, second, other)}) == 3  # one per page
    for page in (first, second, other):
        assert RESPONSE_ID_SLOT not in page and CSRF_SLOT not in page


def test_answers_are_stored_once_with_the_pinned_version(app, client):
    session = new_session(app)
    before = datetime.now(UTC).replace(tzinfo=None)
    response, response_id = answer(client, url(session), PRE)
    assert response.status_code == 303
    assert response.headers["Location"] == f"{url(session)}/thanks"
    thanks = client.get(response.headers["Location"])
    assert thanks.status_code == 200 and "Thank you" in thanks.get_data(as_text=True)
    [row] = stored()
    assert (row.session_id, row.phase, row.language) == (session.id, "pre", "en")
    assert (row.questionnaire_id, row.questionnaire_version) == ("sample", 1)
    assert row.response_uuid == response_id
    assert row.answers == PRE_ANSWERS
    assert re.fullmatch(r"[0-9a-f]{32}", row.respondent_key) and row.match_code is None
    assert (
        before - timedelta(seconds=1) <= row.submitted_at <= datetime.now(UTC).replace(tzinfo=None)
    )


def test_a_session_keeps_its_version_when_a_newer_one_is_added(app, database_url, tmp_path):
    folder = tmp_path / "questionnaires"
    shutil.copytree(TEST_QUESTIONNAIRES, folder)
    session = create_session(
        registry_of(make_app(database_url, QUESTIONNAIRE_DIR=folder)),
        organisation="Hillside",
        questionnaire_id="sample",
        session_date=date(2026, 3, 2),
        open_now=True,
    )
    v2 = (folder / "sample" / "v1.yaml").read_text().replace("version: 1", "version: 2")
    v2 = v2.replace("id: friends_count", "id: friends_total")
    (folder / "sample" / "v2.yaml").write_text(v2)
    newer = make_app(database_url, QUESTIONNAIRE_DIR=folder)
    assert registry_of(newer).latest("sample").version == 2
    client = newer.test_client()
    assert "q_friends_total" not in client.get(url(session)).get_data(as_text=True)
    response, _ = answer(client, url(session), PRE)
    assert response.status_code == 303
    [row] = stored()
    assert row.questionnaire_version == 1 and "friends_count" in row.answers


def test_the_same_response_id_twice_stores_one_response(app, client):
    """A resend (a double tap, a retry on shaky Wi-Fi) repeats the whole form, token included."""
    session = new_session(app)
    page = client.get(url(session)).get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id")} | PRE
    first, again = client.post(url(session), data=data), client.post(url(session), data=data)
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    assert len(stored()) == 1


@pytest.mark.parametrize("response_id", ["", "not-a-uuid", "x" * 100])
def test_a_missing_or_malformed_response_id_gives_the_answers_back_to_send_again(
    app, client, response_id
):
    session = new_session(app)
    page = client.get(url(session)).get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), "response_id": response_id} | PRE
    response = client.post(url(session), data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Your answers are still here" in text(html)
    assert one(html, 'input[name="q_belong_city"][value="5"]').has_attr("checked")
    assert stored() == []
    fresh = {"csrf_token": csrf_token(html), "response_id": hidden(html, "response_id")}
    assert uuid.UUID(fresh["response_id"]).version == 4
    assert client.post(url(session), data=fresh | PRE).status_code == 303
    [row] = stored()
    assert row.response_uuid == fresh["response_id"]


def test_a_value_outside_the_response_set_stores_nothing(app, client):
    session = new_session(app)
    response, response_id = answer(client, url(session), PRE | {"q_belong_area": "7"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert parse(html).title.get_text() == "Error: Sample survey"
    [(href, words)] = links(html, "[role=alert] a")
    assert href == "#q_belong_area" and words.startswith("Question ")
    assert "Select one of the answers shown for: I feel" in one(html, "#q_belong_area-e").text
    assert one(html, 'input[name="q_belong_city"][value="5"]').has_attr("checked"), "kept"
    assert input_value(html, "q_friends_count") == "3"
    assert hidden(html, "response_id") == response_id
    assert stored() == []


def test_keys_that_are_not_items_of_the_phase_are_not_stored(app, client):
    session = new_session(app)
    extra = {"q_do_differently": "not in pre", "q_unknown": "1", "belong_area": "1", "ip": "x"}
    answer(client, url(session), PRE | extra)
    [row] = stored()
    assert set(row.answers) == {key.removeprefix("q_") for key in PRE}


def test_no_ip_address_or_user_agent_is_stored(app, client):
    session = new_session(app)
    client.environ_base["REMOTE_ADDR"] = "203.0.113.77"
    answer(client, url(session), PRE, **{"User-Agent": "CanaryBrowser/9.9"})
    [row] = stored()
    values = json.dumps({c.name: str(getattr(row, c.name)) for c in Response.__table__.columns})
    assert "203.0.113.77" not in values and "CanaryBrowser" not in values


@pytest.mark.parametrize(
    ("state", "status", "words"),
    [("closed", 410, "This survey is closed"), ("pending", 404, "This survey is not open yet")],
)
def test_a_link_that_is_not_open_never_shows_a_form(app, client, state, status, words):
    session = new_session(app)
    link_for(session, "pre").state = state
    db.session.commit()
    for response in (client.get(url(session)), client.post(url(session), data=PRE)):
        html = response.get_data(as_text=True)
        assert response.status_code == status and words in text(html)
        assert parse(html).select("form") == [] and "Traceback" not in html
    assert stored() == []


@pytest.mark.parametrize("path", ["/s/not-a-token", "/s/not-a-token/thanks", "/s/" + "x" * 300])
def test_an_unknown_link_is_a_friendly_404(client, path):
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "We cannot find that survey" in text(html) and parse(html).select("form") == []
    assert "/go" in [href for href, _ in links(html)]


def test_a_retry_after_the_phase_closed_still_gets_its_thank_you(app, client):
    session = new_session(app)
    page = client.get(url(session)).get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id")} | PRE
    assert client.post(url(session), data=data).status_code == 303
    set_phase_state(session, "pre", "closed")
    retry = client.post(url(session), data=data)
    assert retry.status_code == 303 and retry.headers["Location"].endswith("/thanks")
    assert len(stored()) == 1


def test_the_language_comes_from_the_link_and_is_stored(app, client):
    session = new_session(app)
    page = client.get(url(session) + "?lang=cy").get_data(as_text=True)
    assert parse(page).html["lang"] == "cy"
    assert any(t.endswith("perthyn yn fy ardal.") for t in map(str.strip, text_of(page, "legend")))
    data = {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id")}
    response = client.post(url(session) + "?lang=cy", data=data | PRE)
    assert response.headers["Location"] == f"{url(session)}/thanks?lang=cy"
    assert stored()[0].language == "cy"
    assert parse(client.get(url(session) + "?lang=fr")).html["lang"] == "en"


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{dashed}", " {spaced} "])
def test_go_finds_a_link_by_its_typed_code(app, client, typed):
    session = new_session(app)
    code = link_for(session, "pre").code
    typed = typed.format(
        code=code, lower=code.lower(), dashed=f"{code[:4]}-{code[4:]}", spaced=" ".join(code)
    )
    assert client.get("/go").status_code == 200
    response = client.post("/go", data={"code": typed})  # no CSRF token: a look-up only
    assert response.status_code == 303 and response.headers["Location"] == url(session)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("ZZZZ-ZZZZ", "We cannot find that code"), ("", "Enter the code from the sheet")],
)
def test_go_with_an_unknown_code_shows_the_form_with_an_error(app, client, typed, message):
    new_session(app)
    response = client.post("/go", data={"code": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.startswith("<!DOCTYPE html>")
    assert parse(html).title.get_text() == "Error: Enter your code"
    [(href, words)] = links(html, "[role=alert] a")
    assert href == "#code" and words.startswith(message)
    assert one(html, "#code-e")


def test_a_session_made_with_the_cli_takes_answers(app, client):
    result = app.test_cli_runner().invoke(
        args=["sessions", "create", "--org", "Hillside", "--questionnaire", "sample",
              "--date", "2026-03-02", "--open", "--json"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    created = json.loads(result.output)
    pre_path = urlsplit(created["pre_url"]).path
    response, _ = answer(client, pre_path, PRE)
    assert response.status_code == 303
    [row] = stored()
    assert row.session_id == created["id"] and row.questionnaire_version == created["version"]
    show = app.test_cli_runner().invoke(args=["sessions", "show", str(created["id"]), "--json"])
    assert json.loads(show.output)["pre"] == 1
