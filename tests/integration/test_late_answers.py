"""Answers kept on a tablet arrive after the phase closed (ADR 0028): within the grace period
they are stored with both dates; after it they are refused politely, the answers kept on screen."""

from __future__ import annotations

import time
from datetime import timedelta

from survey_app.extensions import db
from survey_app.models import utcnow
from survey_app.questionnaire.startup import registry_of
from survey_app.reports import exports
from survey_app.reports.data import load_responses
from survey_app.sessions.schedule import CLOCK_KEY
from survey_app.sessions.service import set_phase_state
from tests.conftest import csrf_token
from tests.html import parse
from tests.integration.respond_helpers import PRE, hidden, new_session, stored, url

DAY = timedelta(days=1)


class Clock:
    def __init__(self):
        self.offset = timedelta(0)

    def __call__(self):
        return utcnow() + self.offset


def kept_form(client, path) -> dict:
    """The form as the offline script sends it: its id, token and the tablet's Send time."""
    page = client.get(path).get_data(as_text=True)
    sent_at = str(int(time.time() * 1000))
    return {"csrf_token": csrf_token(page), "response_id": hidden(page, "response_id"),
            "completed_at": sent_at} | PRE  # fmt: skip


def close_then_wait(app, session, clock: Clock, days: float) -> None:
    clock.offset = timedelta(minutes=5)
    set_phase_state(session, "pre", "closed")
    clock.offset = timedelta(days=days)


def test_an_answer_completed_while_open_is_stored_days_after_the_closing(app, client):
    app.config[CLOCK_KEY] = clock = Clock()
    session = new_session(app)
    path = url(session)
    data = kept_form(client, path)
    close_then_wait(app, session, clock, days=3)
    response = client.post(path, data=data)
    assert response.status_code == 303 and response.headers["Location"].endswith("/thanks")
    (row,) = stored()
    assert row.completed_at is not None and row.submitted_at - row.completed_at > 2 * DAY
    assert client.post(path, data=data).status_code == 303 and len(stored()) == 1  # a replay
    frame = load_responses("sample")
    assert (frame.loc[0, "received_on"] - frame.loc[0, "completed_on"]).days == 3
    sample = registry_of(app).get("sample", frame.loc[0, "questionnaire_version"])
    wide = exports.wide(frame, [sample], free_text=False)
    assert list(wide.loc[0, ["completed_on", "received_on"]]) == list(
        frame.loc[0, ["completed_on", "received_on"]]
    )


def test_after_the_grace_period_it_is_refused_politely_and_the_answers_stay(app, client):
    app.config[CLOCK_KEY] = clock = Clock()
    session = new_session(app)
    path = url(session)
    data = kept_form(client, path)
    close_then_wait(app, session, clock, days=8)
    response = client.post(path, data=data)
    page = parse(response.get_data(as_text=True))
    assert response.status_code == 410 and "cannot be sent any more" in page.text
    checked = {i["name"] for i in page.select("input[checked]")}
    assert {f"q_{name}" for name in ("belong_area", "belong_city")} <= checked
    assert stored() == []


def test_a_shorter_grace_setting_is_obeyed(app, client):
    app.config[CLOCK_KEY] = clock = Clock()
    app.config["LATE_ANSWER_GRACE"] = 3600
    session = new_session(app)
    path = url(session)
    data = kept_form(client, path)
    close_then_wait(app, session, clock, days=0.5)
    assert client.post(path, data=data).status_code == 410 and stored() == []


def test_without_a_script_an_answer_sent_after_the_closing_is_still_refused(app, client):
    app.config[CLOCK_KEY] = clock = Clock()
    session = new_session(app)
    path = url(session)
    data = kept_form(client, path)
    del data["completed_at"]  # the no-JavaScript form: completed when it arrives
    close_then_wait(app, session, clock, days=0.01)
    assert client.post(path, data=data).status_code == 410 and stored() == []
    db.session.rollback()
