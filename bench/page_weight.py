"""Pupil page weight: a PRE link's first load in headless Chromium at an iPad viewport.

Counts every network request of the first load sent before the `load` event, from a fresh
profile (empty cache); those after it (the service worker, spare ids and the forms kept for
offline use, ADR 0028) are listed apart as `after_load`. Also the bytes on the wire (CDP
Network.loadingFinished encodedDataLength: headers + body as received) and decoded
(Network.dataReceived dataLength), DOMContentLoaded, and requests to any host but 127.0.0.1.
The headline figures are the English page's; `languages` has the same first load in each
interface language (`?lang=`), each in its own fresh context of one browser. A language with a
font of its own (ADR 0040) adds what a device without the script's system fonts fetches too:
the page's `/static/fonts/` files, fetched in a context without the service worker, as
`fonts_wire_kb`, and the first load with them (`with_fonts_wire_kb`, `with_fonts_requests`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bench.budgets import FONT_LANGUAGES
from bench.budgets import PAGE_LANGUAGES as LANGUAGES
from bench.databases import fresh_database
from bench.paths import SHIPPED_QUESTIONNAIRES
from bench.servers import OURS, app_env, free_port, gunicorn
from bench.setup_db import create_sessions

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
IPAD = {  # iPad (9th generation), portrait, as Safari reports it
    "viewport": {"width": 810, "height": 1080},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
LOCAL_HOST = "127.0.0.1"
QUESTIONNAIRE = "pupils-secondary"


def run(kind: str, tiny: bool) -> dict:
    """The PRE link of a new session, served by gunicorn on a fresh database (same at any size)."""
    with fresh_database(kind, "page") as db:
        session = create_sessions(db.url, SHIPPED_QUESTIONNAIRES, QUESTIONNAIRE, 1)[0]
        path = f"/s/{session['tokens']['pre']}"
        port = free_port()
        with gunicorn(OURS, app_env(db, port), port, path, f"page-{kind}") as server:
            url = server.base_url + path
            loads = measure([url] + [f"{url}?lang={lang}" for lang in LANGUAGES])
            by_language = {
                lang: _totals(load) for lang, load in zip(LANGUAGES, loads[1:], strict=True)
            }
            fonts = measure_fonts([f"{url}?lang={lang}" for lang in FONT_LANGUAGES])
            for lang, (kb, files) in zip(FONT_LANGUAGES, fonts, strict=True):
                row = by_language[lang]
                row |= {"fonts_wire_kb": kb, "with_fonts_wire_kb": round(row["wire_kb"] + kb, 2),
                        "with_fonts_requests": row["requests"] + files}  # fmt: skip
            return loads[0] | {
                "questionnaire": f"{QUESTIONNAIRE} (pre)",
                "languages": by_language,
            }


def _totals(load: dict) -> dict:
    return {key: load[key] for key in ("requests", "wire_kb", "decoded_kb")}


def measure(urls: list[str]) -> list[dict]:
    """Requests, bytes and timing of the first load of each URL, each in a fresh browser
    context (its own empty cache and cookies) of one browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return [_first_load(browser, url) for url in urls]
        finally:
            browser.close()


# The faces a page declares, fetched as the browser would on a device without them.
FETCH_FONTS = r"""async () => {
    const found = [...document.querySelectorAll("style")].flatMap(style =>
        [...style.textContent.matchAll(/url\("(\/static\/fonts\/[^"]+)"\)/g)].map(m => m[1]));
    for (const address of found) await (await fetch(address)).arrayBuffer();
    return found.length;
}"""


def measure_fonts(urls: list[str]) -> list[tuple[float, int]]:
    """For each URL: KiB on the wire of the font files its page declares, and how many."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return [_fonts(browser, url) for url in urls]
        finally:
            browser.close()


def _fonts(browser, url: str) -> tuple[float, int]:
    # No service worker: it would answer the fetch itself, and CDP would not see the bytes.
    context = browser.new_context(**IPAD, service_workers="block")
    try:
        page = context.new_page()
        requests = _record(context.new_cdp_session(page))
        page.goto(url, wait_until="load")
        files = page.evaluate(FETCH_FONTS)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    fonts = [r for r in requests.values() if urlsplit(r["url"]).path.startswith("/static/fonts/")]
    return round(sum(r["wire"] for r in fonts) / 1024, 2), files


def _first_load(browser, url: str) -> dict:
    context = browser.new_context(**IPAD)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        requests = _record(cdp)
        loaded: dict[str, float] = {}
        cdp.send("Page.enable")
        cdp.on("Page.loadEventFired", lambda event: loaded.setdefault("at", event["timestamp"]))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(2000)  # offline.js starts its after-load work a second late
        dcl = page.evaluate(
            "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
        )
    finally:
        context.close()
    load_at = loaded.get("at", float("inf"))
    first = [r for r in requests.values() if r["sent"] < load_at]
    later = [r for r in requests.values() if r["sent"] >= load_at]
    return summarise(first, dcl) | {"after_load": [urlsplit(r["url"]).path for r in later]}


def _record(cdp) -> dict[str, dict]:
    """Per request id: url, status, wire bytes, decoded bytes; filled in as events arrive."""
    requests: dict[str, dict] = {}

    def sent(event: dict) -> None:
        url = event["request"]["url"]
        if urlsplit(url).scheme in ("http", "https"):  # data: and blob: never touch the wire
            requests.setdefault(
                event["requestId"],
                {"url": url, "wire": 0, "decoded": 0, "sent": event["timestamp"]},
            )

    def received(event: dict) -> None:
        if event["requestId"] in requests:
            requests[event["requestId"]]["status"] = event["response"]["status"]
            requests[event["requestId"]]["type"] = event.get("type", "")

    def data(event: dict) -> None:
        if event["requestId"] in requests:
            requests[event["requestId"]]["decoded"] += event["dataLength"]

    def finished(event: dict) -> None:
        if event["requestId"] in requests:
            requests[event["requestId"]]["wire"] = event["encodedDataLength"]

    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    for name, handler in (
        ("Network.requestWillBeSent", sent),
        ("Network.responseReceived", received),
        ("Network.dataReceived", data),
        ("Network.loadingFinished", finished),
    ):
        cdp.on(name, handler)
    return requests


def summarise(requests: list[dict], dom_content_loaded_ms: float) -> dict:
    """Totals for the budget table, and each request for the report's detail."""
    third_party = [r["url"] for r in requests if urlsplit(r["url"]).hostname != LOCAL_HOST]
    return {
        "requests": len(requests),
        "wire_kb": round(sum(r["wire"] for r in requests) / 1024, 2),
        "decoded_kb": round(sum(r["decoded"] for r in requests) / 1024, 2),
        "dom_content_loaded_ms": round(dom_content_loaded_ms, 1),
        "third_party_requests": len(third_party),
        "third_party_urls": third_party,
        "detail": [
            {
                "url": urlsplit(r["url"]).path,
                "status": r.get("status"),
                "type": r.get("type", ""),
                "wire": r["wire"],
                "decoded": r["decoded"],
            }
            for r in requests
        ],
    }
