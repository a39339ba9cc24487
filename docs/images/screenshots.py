"""Remake the README's screenshots: the officer dashboard, a chart pack page and the Board report.

    .venv/bin/python docs/images/screenshots.py

Invented data for three schools in two programmes over two academic years (the test suite's
generator, tests/report_data.py), on a throwaway SQLite file and a server on 127.0.0.1 that stop
when the script ends; real Chromium (/usr/bin/chromium, as the browser tests use). The pack and
the Board report are their accessible HTML versions, each one self-contained page.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import flask_migrate  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from survey_app.auth.accounts import create_user  # noqa: E402
from survey_app.questionnaire.startup import registry_of  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.conftest import PASSWORD, make_app  # noqa: E402
from tests.report_data import store_groups  # noqa: E402

OUT = Path(__file__).resolve().parent
QUESTIONNAIRE = "pupils-secondary"
SCHOOLS = {  # school: (programme, pupils last year, pupils this year)
    "Northgate Academy": ("Schools programme", 24, 31),
    "Riverside High School": ("Schools programme", 18, 27),
    "St Anne's College": ("Faith visits", 14, 22),
}
VIEWPORT = {"width": 1280, "height": 900}


def seed(app) -> None:
    with app.app_context():
        registry = registry_of(app)
        for n, (school, (programme, last, this)) in enumerate(SCHOOLS.items()):
            for when, pupils, offset in ((date(2025, 3, 10), last, 0), (date(2026, 3, 9), this, 7)):
                store_groups(registry, {school: pupils}, questionnaire_id=QUESTIONNAIRE,
                             seed=n + offset, programme=programme,
                             session_date=when)  # fmt: skip
        create_user("officer@example.org", "officer", PASSWORD)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        app = make_app(f"sqlite:///{Path(folder) / 'shots.db'}",
                       QUESTIONNAIRE_DIR=ROOT / "questionnaires",
                       COUNCIL_NAME="Example City Council")  # fmt: skip
        with app.app_context():
            flask_migrate.upgrade()
        seed(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                shoot(browser.new_context(viewport=VIEWPORT), url)
                browser.close()
        finally:
            server.shutdown()
            thread.join(timeout=5)


def shoot(context, url: str) -> None:
    page = context.new_page()
    page.goto(f"{url}/login")
    page.get_by_label("Email").fill("officer@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.goto(f"{url}/reports/?questionnaire={QUESTIONNAIRE}&organisation=Northgate+Academy")
    # The results, not the form above them: the first chart's section at the top of the view,
    # its image drawn (charts load lazily, on request).
    heading = page.locator("h2", has_text="Charts:").first
    heading.evaluate("h => h.scrollIntoView()")
    page.wait_for_function(
        "() => [...document.images].filter(i => i.getBoundingClientRect().top < innerHeight)"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    page.screenshot(path=str(OUT / "dashboard.png"))
    for name, path in (
        ("pack-page.png", f"/reports/download/pack.html?questionnaire={QUESTIONNAIRE}"
                          "&organisation=Northgate+Academy"),
        ("board-report.png", "/reports/download/board?year=2025/26&format=html"),
    ):  # fmt: skip
        reply = page.request.get(url + path)
        if not reply.ok:
            raise SystemExit(f"{path}: HTTP {reply.status}")
        # A fresh blank page: written into the dashboard's page, the document would inherit its
        # Content-Security-Policy, which blocks the document's own inline styles.
        document = context.new_page()
        document.set_content(reply.text())  # self-contained: nothing else to load
        document.screenshot(path=str(OUT / name))
        document.close()
    context.close()
    print("wrote", ", ".join(str(OUT / n) for n in ("dashboard.png", "pack-page.png",
                                                    "board-report.png")))  # fmt: skip


if __name__ == "__main__":
    main()
