"""Offline answering in Chromium (issue 10 item 2, ADR 0028). Between the browser and the
server runs a TCP proxy (bench/tcp_proxy.py) that the test stops: the tablet's Wi-Fi is up, the
server unreachable. The answers must wait on the tablet, say so, and be stored exactly once
when the proxy returns; a tablet that loaded BEFORE opens AFTER without a network."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from bench.tcp_proxy import TcpProxy
from survey_app.models import utcnow
from survey_app.sessions.schedule import CLOCK_KEY
from tests.browser.test_pupil_flow import answer_everything, assert_accessible, send

pytestmark = pytest.mark.browser

WAITING = "#offline [data-part=waiting]"
SENT = "#offline [data-part=sent]"
RETRY_S = 30  # offline.js retries at most this far apart, without any event


@pytest.fixture
def tablet(live_server, ipad) -> Iterator:
    """(server, proxy in front of it, session with its URLs through the proxy, page)."""
    server = live_server()
    proxy = TcpProxy(int(urlsplit(server.url).port or 0))
    proxy.start()
    session = server.create_session("sample")
    for phase in ("pre", "post"):
        session[phase] = proxy.url + urlsplit(session[phase]).path
    yield server, proxy, session, ipad.new_page()
    proxy.stop()


def ready_for_offline(page, *urls: str) -> None:
    """Wait until the service worker controls the page and has the forms `urls` cached."""
    page.wait_for_function("() => !!navigator.serviceWorker.controller")
    page.wait_for_function(
        """async urls => {
             const cache = await caches.open('cohesion-forms-v1');
             for (const url of urls) if (!(await cache.match(url))) return false;
             return true;
           }""",
        arg=list(urls),
    )


def waiting_ids(page) -> list[str]:
    """The response ids of the answers waiting in the tablet's IndexedDB."""
    return page.evaluate(
        """() => new Promise((ok, fail) => {
             const opening = indexedDB.open('cohesion-offline');
             opening.onerror = fail;
             opening.onsuccess = () => {
               const all = opening.result.transaction('outbox').objectStore('outbox').getAllKeys();
               all.onsuccess = () => { ok(all.result); opening.result.close(); };
             };
           })"""
    )


def press_send(page) -> None:
    page.get_by_role("button", name="Send my answers").tap()


def test_answers_sent_as_the_server_drops_wait_on_the_tablet_then_arrive_once(tablet, axe):
    server, proxy, session, page = tablet
    page.goto(session["pre"])
    answer_everything(page, choice=2)
    proxy.stop()
    press_send(page)
    page.locator(WAITING).wait_for(state="visible")
    assert "saved on this tablet" in page.locator(WAITING).inner_text()
    assert page.locator("#offline [data-part=count]").inner_text() == "1"
    assert page.locator("form input:checked").count() == 0 or page.locator("form").is_hidden()
    assert page.locator("input:checked:visible").count() == 0, "no answers on show"
    assert_accessible(axe, page, "the form with answers waiting")
    assert server.responses().empty
    proxy.start()  # no `online` event: the server came back, the tablet's Wi-Fi never left
    page.locator(SENT).wait_for(state="visible", timeout=(RETRY_S + 10) * 1000)
    assert_accessible(axe, page, "the form once the waiting answers were sent")
    stored = server.responses()
    assert len(stored) == 1 and stored.loc[0, "phase"] == "pre"
    page.reload()  # sends nothing again
    page.wait_for_timeout(500)
    assert len(server.responses()) == 1


def test_a_tablet_that_loaded_before_answers_after_without_a_network(tablet):
    server, proxy, session, page = tablet
    page.goto(session["pre"])
    ready_for_offline(page, session["post"])
    answer_everything(page, choice=1)
    send(page)
    proxy.stop()
    page.goto(session["post"])  # from the service worker's cache
    assert page.get_by_role("button", name="Send my answers").is_visible()
    answer_everything(page, choice=3)
    press_send(page)
    page.locator(WAITING).wait_for(state="visible")
    warnings = []
    page.on("dialog", lambda dialog: (warnings.append(dialog.type), dialog.accept()))
    page.reload()  # an open form survives a reload offline, and the answers still wait
    assert warnings == ["beforeunload"], "leaving while answers wait asks first"
    assert page.get_by_role("button", name="Send my answers").is_visible()
    page.locator(WAITING).wait_for(state="visible")
    proxy.start()
    page.evaluate("window.dispatchEvent(new Event('online'))")  # the tablet's Wi-Fi is back
    page.locator(SENT).wait_for(state="visible", timeout=15_000)
    stored = server.responses()
    assert sorted(stored["phase"]) == ["post", "pre"]


def test_two_pupils_offline_on_one_tablet_never_share_an_id(tablet):
    server, proxy, session, page = tablet
    page.goto(session["pre"])
    ready_for_offline(page, session["pre"])
    proxy.stop()
    for choice in (1, 3):
        answer_everything(page, choice=choice)
        press_send(page)
        page.locator(WAITING).wait_for(state="visible")
        page.get_by_role("button", name="Start a new form for the next person").tap()
        assert page.locator("input:checked").count() == 0
    assert page.locator("#offline [data-part=count]").inner_text() == "2"
    assert len(set(waiting_ids(page))) == 2, "each pupil's answers wait under their own id"
    proxy.start()
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.locator(SENT).wait_for(state="visible", timeout=15_000)
    stored = server.responses()
    assert len(stored) == 2 and stored.loc[0, "answers"] != stored.loc[1, "answers"]


class Clock:
    offset = timedelta(0)

    def __call__(self):
        return utcnow() + self.offset


def test_answers_kept_past_the_closing_are_stored_within_the_grace_and_refused_after(tablet):
    server, proxy, session, page = tablet
    server.app.config[CLOCK_KEY] = clock = Clock()
    for days, kept in ((1, True), (8, False)):
        clock.offset = timedelta(0)
        fresh = server.create_session("sample")
        url = proxy.url + urlsplit(fresh["pre"]).path
        page.goto(url)
        answer_everything(page, choice=2)
        proxy.stop()
        press_send(page)
        page.locator(WAITING).wait_for(state="visible")
        server.close_phase(fresh["id"], "pre")  # the facilitator closes the phase meanwhile
        clock.offset = timedelta(days=days)
        proxy.start()
        page.evaluate("window.dispatchEvent(new Event('online'))")
        if kept:
            page.locator(SENT).wait_for(state="visible", timeout=15_000)
        else:  # refused politely: the server's page, with this pupil's answers still on it
            page.get_by_text("cannot be sent any more").wait_for(timeout=15_000)
            assert page.locator("input:checked").count() > 0
            assert waiting_ids(page) == [], "a 410 is final: not tried again"
    stored = server.responses()
    assert len(stored) == 1
    with server.app.app_context():
        from survey_app.extensions import db
        from survey_app.models import Response

        row = db.session.get(Response, int(stored.loc[0, "response_id"]))
        assert row.submitted_at - row.completed_at > timedelta(hours=23)


def stored_languages(server) -> list[str]:
    with server.app.app_context():
        from survey_app.extensions import db
        from survey_app.models import Response

        return list(db.session.scalars(sa.select(Response.language).order_by(Response.id)))


def test_a_language_button_is_never_a_send_offline_the_page_says_so_and_keeps_the_answers(
    tablet, axe
):
    server, proxy, session, page = tablet
    page.goto(session["pre"])
    other = page.locator("form button[name=switch_language]").first
    lang = other.get_attribute("value")
    answer_everything(page, choice=2)
    proxy.stop()
    other.tap()
    page.locator("#offline-lang").wait_for(state="visible")
    assert page.locator("form").is_visible() and page.locator("input:checked").count() > 0
    assert waiting_ids(page) == [], "a switch is never kept as a Send"
    assert_accessible(axe, page, "the form saying a language needs the Wi-Fi")
    proxy.start()
    with page.expect_navigation():
        other.tap()  # the server is back: a switch as without a script, answers carried
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("input:checked").count() > 0 and page.locator(".es").count() == 0
    assert waiting_ids(page) == [] and server.responses().empty


def test_answers_kept_offline_go_to_the_form_s_own_action_with_its_language(tablet):
    server, proxy, session, page = tablet
    page.goto(session["pre"])
    lang = page.locator("form button[name=switch_language]").first.get_attribute("value")
    page.goto(f"{session['pre']}?lang={lang}")
    answer_everything(page, choice=2)
    proxy.stop()
    page.locator("form button.btn").tap()
    page.locator(WAITING).wait_for(state="visible")
    kept = page.evaluate(
        """() => new Promise(ok => indexedDB.open('cohesion-offline').onsuccess = e =>
             e.target.result.transaction('outbox').objectStore('outbox').getAll().onsuccess =
               r => ok(r.target.result.map(item => item.url)))"""
    )
    assert [urlsplit(url).query for url in kept] == [f"lang={lang}"]
    proxy.start()
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.locator(SENT).wait_for(state="visible", timeout=15_000)
    assert stored_languages(server) == [lang]


def test_please_wait_from_the_server_keeps_the_answers_waiting_and_they_go_once_later(tablet):
    server, proxy, session, page = tablet
    server.app.config.update(RATELIMIT_ENABLED=True, PUPIL_LINK_LIMIT="1 per hour")
    page.goto(session["pre"])
    answer_everything(page, choice=1)
    send(page)  # the link's one answer this hour
    page.goto(session["pre"])
    answer_everything(page, choice=3)
    press_send(page)  # 429, "please wait": tried again later, never dropped
    page.locator(WAITING).wait_for(state="visible")
    assert len(waiting_ids(page)) == 1 and len(server.responses()) == 1
    server.app.config["PUPIL_LINK_LIMIT"] = "100 per hour"
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.locator(SENT).wait_for(state="visible", timeout=15_000)
    assert len(server.responses()) == 2 and waiting_ids(page) == []
