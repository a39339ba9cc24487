"""Development entry point: a SQLite database under instance/, demo data, and the URLs to open.

python run.py                      # serves http://127.0.0.1:5000
PORT=8080 python run.py            # another port; every printed link and QR code uses it
HOST=0.0.0.0 PORT=8080 python run.py   # reachable from a tablet on the same network

Unless PUBLIC_BASE_URL is set, links are made from HOST and PORT, so what is printed works.
"""

from __future__ import annotations

import os
from datetime import date

import flask_migrate
import sqlalchemy as sa

from survey_app import create_app
from survey_app.auth.accounts import hash_password
from survey_app.extensions import db
from survey_app.models import SurveySession, User
from survey_app.questionnaire.startup import registry_of
from survey_app.questionnaire.sync import sync
from survey_app.sessions.codes import display_code, new_token
from survey_app.sessions.service import create_session, go_url, public_url

DEMO_EMAIL = "demo-admin@example.org"
DEMO_SCHOOL = "Demo Primary School"


def seed_demo(app) -> list[str]:
    """Bring the database up, add a demo login and an open session; lines to print."""
    with app.app_context():
        flask_migrate.upgrade()
        sync(registry_of(app))
        password = new_token()
        user = db.session.scalar(sa.select(User).filter_by(email=DEMO_EMAIL))
        if user is None:
            user = User(email=DEMO_EMAIL, role="admin", password_hash="")
            db.session.add(user)
        user.password_hash = hash_password(password)  # a fresh one each start, shown only here
        db.session.commit()
        session = db.session.scalar(
            sa.select(SurveySession).join(SurveySession.organisation).filter_by(name=DEMO_SCHOOL)
        )
        if session is None:
            session = create_session(
                registry_of(app),
                organisation=DEMO_SCHOOL,
                questionnaire_id="pupils-primary",
                session_date=date.today(),
                programme="Cohesion sessions",
                group_label="Year 5",
                facilitator=user,
                open_now=True,
            )
        base = app.config["PUBLIC_BASE_URL"]
        lines = [f"Staff sign-in:  {base}/login  as {DEMO_EMAIL} / {password}"]
        for link in session.links:
            lines.append(
                f"{link.phase.upper():6} link:   {public_url(link)}"
                f"  (or type {display_code(link.code)} at {go_url()})"
            )
        return lines


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    overrides = {}
    if not os.environ.get("PUBLIC_BASE_URL"):
        overrides["PUBLIC_BASE_URL"] = f"http://{host}:{port}"
    app = create_app(**overrides)
    for line in seed_demo(app):
        print(line, flush=True)
    app.run(host=host, port=port, debug=False)


if __name__ == "__main__":
    main()
