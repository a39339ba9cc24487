"""Offline recovery: how long from the network returning to a kept answer being stored.

A tablet (headless Chromium, iPad viewport) loads a PRE form through a TCP proxy
(bench/tcp_proxy.py), the proxy is stopped, the pupil answers and presses Send (offline.js keeps
the answers), then the proxy starts again. Timed from that moment until the row is in the
database, two ways: the tablet is told the network is back (`online`, as when Wi-Fi returns),
and the server only comes back (no event: offline.js's 20 s timer finds it). ADR 0028.
"""

from __future__ import annotations

import statistics
import time

from bench.databases import fresh_database
from bench.page_weight import CHROMIUM, CHROMIUM_ARGS, IPAD
from bench.paths import SHIPPED_QUESTIONNAIRES
from bench.servers import OURS, app_env, free_port, gunicorn
from bench.setup_db import create_sessions
from bench.tcp_proxy import TcpProxy
from bench.verify import OURS_SQL, stored

QUESTIONNAIRE = "pupils-secondary"
FULL = {"rounds_online": 5, "rounds_timer": 2}
TINY = {"rounds_online": 1, "rounds_timer": 0}
GIVE_UP_S = 45.0


def run(kind: str, tiny: bool) -> dict:
    size = TINY if tiny else FULL
    with fresh_database(kind, "offline") as db:
        session = create_sessions(db.url, SHIPPED_QUESTIONNAIRES, QUESTIONNAIRE, 1)[0]
        path = f"/s/{session['tokens']['pre']}"
        port = free_port()
        with gunicorn(OURS, app_env(db, port), port, path, f"offline-{kind}") as server:
            proxy = TcpProxy(server.port)
            proxy.start()
            try:

                def rows() -> int:
                    return len(stored(db, OURS_SQL, session["session_id"]))

                online = [_one(proxy, path, rows, True) for _ in range(size["rounds_online"])]
                timer = [_one(proxy, path, rows, False) for _ in range(size["rounds_timer"])]
            finally:
                proxy.stop()
            total = rows()
    return {
        "settings": dict(size),
        "online_event_ms": _summary(online),
        "timer_only_ms": _summary(timer),
        "stored": total,
        "exactly_once": int(total == len(online) + len(timer)),
    }


def _one(proxy: TcpProxy, path: str, rows, tell_online: bool) -> float:
    """One kept answer: ms from the proxy's return to its row in the database."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(**IPAD).new_page()
            page.goto(proxy.url + path)
            _answer(page)
            before = rows()
            proxy.stop()
            page.get_by_role("button", name="Send my answers").click()
            page.locator("#offline [data-part=waiting]").wait_for(state="visible")
            proxy.start()
            started = time.perf_counter()
            if tell_online:
                page.evaluate("() => window.dispatchEvent(new Event('online'))")
            while rows() == before:
                if time.perf_counter() - started > GIVE_UP_S:
                    raise RuntimeError("the kept answer never arrived")
                time.sleep(0.02)
            return (time.perf_counter() - started) * 1000
        finally:
            browser.close()


def _answer(page) -> None:
    """One option in every group, every box filled: what the form needs to be accepted."""
    groups = page.locator("form fieldset:has(input[name^='q_'])")
    for index in range(groups.count()):
        groups.nth(index).locator("label").first.click()
    for box in page.locator("textarea[name^='q_']").all():
        box.fill("offline bench")
    for box in page.locator("input[inputmode='numeric'][name^='q_']").all():
        box.fill("3")


def _summary(times: list[float]) -> dict:
    if not times:
        return {"n": 0}
    return {"n": len(times), "median": round(statistics.median(times), 1),
            "max": round(max(times), 1)}  # fmt: skip
