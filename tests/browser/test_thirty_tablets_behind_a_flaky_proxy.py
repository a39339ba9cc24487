"""Thirty tablets answer at once behind an access point that refuses or cuts a third of the
connections (issue 10 item 2, ADR 0028). Each tablet follows offline.js's rule: keep the
answers, post them again with the same response id until the thank-you page comes back (a
replay of a stored id is a success). Every completion must be stored exactly once.

The network is flaky for a whole minute, as the issue asks, and the tablets arrive over most of
it, so the last ones still meet a network that refuses or cuts a third of connections."""

from __future__ import annotations

import http.client
import http.cookiejar
import random
import re
import threading
import time
import urllib.error
import urllib.request
from html import unescape
from urllib.parse import urlencode, urljoin, urlsplit

import pytest

from bench.tcp_proxy import TcpProxy
from tests.sample_answers import PRE_ANSWERS, form_data

TABLETS = 30
FLAKY_S = 60.0
GIVE_UP_S = 90.0


class Tablet:
    """One tablet's browser: its own cookies, the form's id and token, retries as offline.js."""

    def __init__(self, url: str, seed: int):
        self.url = url
        self.random = random.Random(seed)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.failures = 0
        self.response_id: str | None = None
        self.error: str | None = None

    def _retrying(self, body: bytes | None = None, url: str | None = None) -> str:
        """The final URL and page of a GET (or a POST of `body` to `url`), tried until
        answered."""
        deadline = time.monotonic() + GIVE_UP_S
        while time.monotonic() < deadline:
            try:  # a new Request each time: urllib counts redirects on the Request object
                request = urllib.request.Request(url or self.url, data=body)
                with self.opener.open(request, timeout=5) as response:
                    return response.geturl() + "\n" + response.read().decode()
            except urllib.error.HTTPError as error:
                if error.code != 429 and error.code < 500:
                    raise  # the server said no: offline.js would stop and show its page
            except (OSError, http.client.HTTPException):
                pass  # refused, cut, reset, timed out: the answers wait, try again
            self.failures += 1
            time.sleep(self.random.uniform(0.1, 0.6))
        raise TimeoutError("gave up")

    def answer(self, answers: dict) -> None:
        try:
            page = self._retrying()
            token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
            self.response_id = re.search(r'name="response_id" value="([^"]+)"', page).group(1)
            sent_at = str(int(time.time() * 1000))
            fields = {"csrf_token": token, "response_id": self.response_id, "completed_at": sent_at}
            action = re.search(r'<form method="post" action="([^"]*)"', page).group(1)
            posted = urljoin(self.url, unescape(action))  # as offline.js: the form's action
            final = self._retrying(urlencode(fields | answers).encode(), posted)
            if not urlsplit(final.split("\n", 1)[0]).path.endswith("/thanks"):
                self.error = "not the thank-you page"
        except Exception as error:  # reported by the test, with the tablet's number
            self.error = repr(error)


@pytest.mark.browser  # a live server on a port, like the browser tests
def test_thirty_tablets_on_a_flaky_network_store_every_completion_exactly_once(live_server):
    server = live_server()
    session = server.create_session("sample")
    proxy = TcpProxy(int(urlsplit(server.url).port or 0), refuse_share=1 / 3, seed=7)
    proxy.start()
    url = proxy.url + urlsplit(session["pre"]).path
    tablets = [Tablet(url, seed) for seed in range(TABLETS)]
    answers = form_data(PRE_ANSWERS)
    threads = [threading.Thread(target=t.answer, args=(answers,)) for t in tablets]
    for thread in threads:
        thread.start()
        time.sleep(FLAKY_S * 0.9 / TABLETS)  # arriving over the first 54 s of the flaky spell
    time.sleep(FLAKY_S * 0.1)
    proxy.refuse_share = 0.0  # the access point recovers
    for thread in threads:
        thread.join(timeout=GIVE_UP_S)
    proxy.stop()
    assert [(i, t.error) for i, t in enumerate(tablets) if t.error] == []
    assert sum(t.failures for t in tablets) >= TABLETS / 3, "the network did fail them"
    stored = server.responses()
    with server.app.app_context():
        from survey_app.extensions import db
        from survey_app.models import Response

        uuids = list(db.session.scalars(db.select(Response.response_uuid)))
    assert len(stored) == TABLETS
    assert sorted(uuids) == sorted(t.response_id for t in tablets)
