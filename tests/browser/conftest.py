"""Browser fixtures: the real app served over HTTP from a thread, and the system Chromium.

The live server runs the app with werkzeug's make_server on 127.0.0.1 and a free port, against
its own migrated SQLite file, with CSRF on as in real use. It can load the test questionnaires
or the shipped folder (QUESTIONNAIRE_DIR), so the pupils' real forms are checked too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import flask_migrate
import pandas as pd
import pytest
import sqlalchemy as sa
from flask import Flask
from werkzeug.serving import make_server

from survey_app.extensions import db
from survey_app.models import Response
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session, link_for
from tests.conftest import TEST_QUESTIONNAIRES, make_app, skip_or_fail

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SHIPPED_QUESTIONNAIRES = Path(__file__).resolve().parents[2] / "questionnaires"
IPAD = {"viewport": {"width": 768, "height": 1024}, "is_mobile": True, "has_touch": True}


@dataclass
class LiveServer:
    """A running app: its base URL, and helpers that work in its database directly."""

    app: Flask
    url: str

    def create_session(self, questionnaire_id: str, shared_devices: bool = False) -> dict:
        """A new session; its id, short codes and the full URL of each phase's link."""
        with self.app.app_context():
            session = create_session(
                registry_of(self.app),
                organisation="Browser Test School",
                questionnaire_id=questionnaire_id,
                session_date=date(2026, 3, 2),
                shared_devices=shared_devices,
                open_now=True,
            )
            links = {link.phase: link for link in session.links}
            return {
                "id": session.id,
                **{phase: f"{self.url}/s/{link.token}" for phase, link in links.items()},
                "codes": {phase: link.code for phase, link in links.items()},
            }

    def close_phase(self, session_id: int, phase: str) -> None:
        from survey_app.models import SurveySession
        from survey_app.sessions.service import set_phase_state

        with self.app.app_context():
            session = db.session.get(SurveySession, session_id)
            set_phase_state(session, phase, "closed")
            assert link_for(session, phase).state == "closed"

    def responses(self) -> pd.DataFrame:
        """Every stored response, in the columns scoring.matching reads."""
        with self.app.app_context():
            rows = db.session.scalars(sa.select(Response).order_by(Response.id)).all()
            return pd.DataFrame(
                [
                    {
                        "response_id": r.id,
                        "session_id": r.session_id,
                        "phase": r.phase,
                        "respondent_key": r.respondent_key,
                        "match_code": r.match_code,
                        "questionnaire_id": r.questionnaire_id,
                        "answers": r.answers,
                    }
                    for r in rows
                ],
                columns=[
                    "response_id", "session_id", "phase", "respondent_key", "match_code",
                    "questionnaire_id", "answers",
                ],
            )  # fmt: skip


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator:
    """A factory: live_server(questionnaire_dir=...) starts a server; all stop at teardown."""
    servers = []

    def start(questionnaire_dir: Path = TEST_QUESTIONNAIRES) -> LiveServer:
        database = f"sqlite:///{tmp_path / f'live{len(servers)}.db'}"
        app = make_app(database, QUESTIONNAIRE_DIR=questionnaire_dir)
        with app.app_context():
            flask_migrate.upgrade()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")

    yield start
    for server, thread in servers:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """The system Chromium, driven by Playwright (never a downloaded browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed")
    if not CHROMIUM.exists():
        skip_or_fail(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def ipad(browser):
    """A fresh iPad-sized browser context (its own cookies), closed afterwards."""
    context = browser.new_context(**IPAD)
    yield context
    context.close()


@pytest.fixture(scope="session")
def axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        skip_or_fail("axe-playwright-python is not installed")
    return Axe()
