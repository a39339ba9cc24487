"""Bring a bench database up (migrations) and create sessions; prints them as JSON.

Run as a subprocess, so the app's settings come from arguments, never from this process:
    python -m bench.setup_db DATABASE_URL QUESTIONNAIRE_DIR QUESTIONNAIRE_ID SESSIONS
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from bench.paths import PYTHON, ROOT


def create_sessions(database_url: str, questionnaire_dir: Path, questionnaire_id: str, count: int):
    """Migrate the database, then one session per organisation ("Bench School 1"...)."""
    proc = subprocess.run(
        [PYTHON, "-m", "bench.setup_db", database_url, str(questionnaire_dir)]
        + [questionnaire_id, str(count)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"setting up the bench database failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def main(database_url: str, questionnaire_dir: str, questionnaire_id: str, count: str) -> None:
    import flask_migrate

    from config import Config
    from survey_app import create_app
    from survey_app.questionnaire.startup import registry_of
    from survey_app.questionnaire.sync import sync
    from survey_app.sessions.service import create_session

    app = create_app(
        Config, SQLALCHEMY_DATABASE_URI=database_url, QUESTIONNAIRE_DIR=Path(questionnaire_dir)
    )
    sessions = []
    with app.app_context():
        flask_migrate.upgrade()
        registry = registry_of(app)
        sync(registry)
        for number in range(1, int(count) + 1):
            session = create_session(
                registry,
                organisation=f"Bench School {number}",
                questionnaire_id=questionnaire_id,
                session_date=date(2026, 1, 1),
                programme="Bench programme",
                group_label=f"Group {number}",
                open_now=True,
            )
            sessions.append(
                {
                    "session_id": session.id,
                    "organisation_id": session.organisation_id,
                    "questionnaire_version": session.questionnaire_version.version,
                    "tokens": {link.phase: link.token for link in session.links},
                }
            )
    json.dump(sessions, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:])
