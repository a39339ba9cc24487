"""One simulated pupil: a fresh cookie jar, GET the form, fill it, POST it, follow the 303.

A plain http.client connection keeps the client's own CPU cost low: on a 2-core machine the load
generator shares the cores with the server it measures, equally for ours and for the ceiling.
"""

from __future__ import annotations

import gzip
import http.client
import random
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit

from bench.form import fill, parse_form

TIMEOUT_S = 30
RETRIES = 20
RETRY_PAUSE_S = 0.25
MAX_REDIRECTS = 3
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class Flow:
    """What one pupil saw."""

    ok: bool
    flow_s: float = 0.0
    post_s: float = 0.0
    response_id: str | None = None
    marker: str = ""  # written into the first free-text field; "" when the form has none
    error: str = ""
    retries: int = 0
    post_retries: int = 0  # POSTs sent again with the same response id


class Pupil:
    """An HTTP client with its own cookie jar, as a freshly opened browser on a new device."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.base_url = base_url
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookies: dict[str, str] = {}
        self.conn = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_S)

    def request(self, method: str, path: str, body: str | None = None):
        """(status, headers, text); the jar keeps any cookie the server sets."""
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Accept-Encoding": "gzip, deflate",  # as every browser asks: the server pays for it
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            reply = self.conn.getresponse()
            body = reply.read()
            if reply.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            text = body.decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = self._connect()
            raise
        for header in reply.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return reply.status, reply.headers, text

    def close(self) -> None:
        self.conn.close()


def pupil_flow(base_url: str, path: str, marker: str, rng: random.Random, retry: bool) -> Flow:
    """One complete answer. With `retry`, a failed step is repeated, the POST with the same
    response id (as the page's script does), until it succeeds or RETRIES run out."""
    pupil, start = Pupil(base_url), time.perf_counter()
    flow = Flow(ok=False)
    try:
        path, text = _get(pupil, flow, retry, path)
        form = parse_form(text)
        flow.response_id = form.response_id
        flow.marker = marker if form.texts else ""  # only a form with free text carries it
        body = urlencode(fill(form, marker, rng))
        action = form.post_path(path)
        post_start, retries_before = time.perf_counter(), flow.retries
        headers = _step(pupil, flow, retry, "POST", action, body=body, expect=(303,))[1]
        flow.post_s = time.perf_counter() - post_start
        flow.post_retries = flow.retries - retries_before
        thanks = urlsplit(urljoin(action, headers["Location"])).path
        _get(pupil, flow, retry, thanks)
        flow.ok, flow.flow_s = True, time.perf_counter() - start
    except (OSError, http.client.HTTPException, ValueError, RuntimeError) as exc:
        flow.error = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        pupil.close()
    return flow


def _get(pupil: Pupil, flow: Flow, retry: bool, path: str) -> tuple[str, str]:
    """GET a page, following up to MAX_REDIRECTS redirects; (final path, text)."""
    for _ in range(MAX_REDIRECTS + 1):
        status, headers, text = _step(pupil, flow, retry, "GET", path, expect=(200, *REDIRECTS))
        if status == 200:
            return path, text
        path = urlsplit(urljoin(path, headers["Location"])).path
    raise RuntimeError(f"GET {path}: more than {MAX_REDIRECTS} redirects")


def _step(pupil: Pupil, flow: Flow, retry: bool, method: str, path: str, *, expect, body=None):
    """One request; with `retry`, repeated on a connection error or a 5xx."""
    attempts = RETRIES + 1 if retry else 1
    for attempt in range(attempts):
        try:
            reply = pupil.request(method, path, body)
        except (OSError, http.client.HTTPException) as exc:
            problem = f"{method} {path}: {type(exc).__name__}"
            if attempt == attempts - 1:
                raise RuntimeError(problem) from exc
        else:
            if reply[0] in expect:
                return reply
            problem = f"{method} {path}: HTTP {reply[0]}"
            if attempt == attempts - 1 or reply[0] < 500:
                raise RuntimeError(problem)
        flow.retries += 1
        time.sleep(RETRY_PAUSE_S)
    raise RuntimeError("unreachable")
