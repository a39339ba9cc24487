"""A shared tablet (issue 10, ADR 0030): pupil 1 leaves a question out, fixes it and sends; the
next pupil presses Back and reloads, so the browser sends pupil 1's earlier form again. Those
answers and that code are never shown to anyone, and answers sent under a used id are never
dropped while the page says "sent"."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from tests.conftest import csrf_token
from tests.html import parse
from tests.integration.respond_helpers import CODE, PRE, hidden, new_session, stored, url
from tests.sample_answers import PRE_ANSWERS, form_data, without

PUPIL_2 = form_data(PRE_ANSWERS | {"belong_area": 1, "belong_city": 2, "mix_often": 3})


def first_pupil(client, path) -> tuple[dict, dict]:
    """Pupil 1's two POSTs: one with a question left out (the error page), then the fixed one."""
    page = client.get(path).get_data(as_text=True)
    ids = {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id")}
    incomplete = ids | form_data(without(PRE_ANSWERS, "belong_city")) | CODE
    errors = client.post(path, data=incomplete)
    assert errors.status_code == 200 and "belong_city" in errors.get_data(as_text=True)
    complete = ids | PRE | CODE
    assert client.post(path, data=complete).status_code == 303
    return incomplete, complete


def chosen_and_typed(html: str) -> list[str]:
    """Every answer or code a page shows as chosen or typed in."""
    soup = parse(html)
    marked = [f"{i['name']}={i['value']}" for i in soup.select("input[checked]")]
    typed = [f"{i['name']}={i.get('value')}" for i in soup.select("input[type=text][value]")]
    picked = [f"{o.parent['name']}={o['value']}" for o in soup.select("option[selected]")]
    return marked + [t for t in typed if not t.endswith("=")] + picked


def test_the_earlier_form_sent_again_gives_a_fresh_empty_form_never_pupil_1s(app, client):
    session = new_session(app, shared_devices=True)
    path = url(session)
    incomplete, _ = first_pupil(client, path)

    resent = client.post(path, data=incomplete)  # Back twice, then reload: "resubmit"
    assert resent.status_code == 303
    assert urlsplit(resent.headers["Location"]).path == path
    fresh = client.get(resent.headers["Location"]).get_data(as_text=True)
    assert chosen_and_typed(fresh) == []
    assert hidden(fresh, "response_id") != incomplete["response_id"]
    assert len(stored()) == 1


def test_the_next_pupils_answers_under_the_used_id_are_stored_as_their_own(app, client):
    session = new_session(app, shared_devices=True)
    path = url(session)
    incomplete, complete = first_pupil(client, path)

    # The next pupil changed every answer on the resent page and pressed Send.
    theirs = {k: incomplete[k] for k in ("csrf_token", "response_id")} | PUPIL_2
    theirs |= {"mc_letter": "k", "mc_month": "11", "mc_siblings": "0"}
    sent = client.post(path, data=theirs)
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/thanks")

    first, second = stored()
    assert first.response_uuid == complete["response_id"]
    assert first.answers["belong_city"] == 5 and first.match_code != second.match_code
    assert second.response_uuid != complete["response_id"]
    assert second.answers["belong_area"] == 1 and second.answers["belong_city"] == 2


def test_pupil_1s_own_answers_sent_again_are_kept_once(app, client):
    session = new_session(app, shared_devices=True)
    path = url(session)
    _, complete = first_pupil(client, path)
    again = client.post(path, data=complete)  # a retry on shaky Wi-Fi, or a replay
    assert again.status_code == 303 and again.headers["Location"].endswith("/thanks")
    assert len(stored()) == 1


def test_a_page_sent_again_after_its_token_expired_is_not_shown_again_either(
    app, client, monkeypatch
):
    """Pupil 1 answered in the morning; the tablet's history is re-sent after the token's limit."""
    session = new_session(app, shared_devices=True)
    path = url(session)
    real_time = time.time
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: real_time() - 13 * 3600)
        incomplete, _ = first_pupil(client, path)
    resent = client.post(path, data=incomplete)  # its token is now older than the limit
    assert resent.status_code == 303 and urlsplit(resent.headers["Location"]).path == path
    fresh = client.get(resent.headers["Location"]).get_data(as_text=True)
    assert chosen_and_typed(fresh) == [] and len(stored()) == 1
