"""Phases open when the facilitator says: not open by default, opened by hand or at a time
(an injected clock moves the time), AFTER closing BEFORE unless kept open."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from survey_app.extensions import db
from survey_app.models import SurveySession
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.schedule import CLOCK_KEY
from survey_app.sessions.service import create_session, set_phase_state, state_of
from tests.conftest import csrf_token

MARCH_9AM = datetime(2026, 3, 14, 9, 0)  # naive UTC; London is on GMT in March


class Clock:
    """The app's clock, moved by the test."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock(app) -> Clock:
    app.config[CLOCK_KEY] = clock = Clock(datetime(2026, 3, 14, 8, 0))
    return clock


def new_session(app, **options) -> SurveySession:
    return create_session(
        registry_of(app), organisation="Oak School", questionnaire_id="sample",
        session_date=date(2026, 3, 14), **options,
    )  # fmt: skip


def page(client, session: SurveySession, phase: str) -> tuple[int, str]:
    link = next(link for link in session.links if link.phase == phase)
    response = client.get(f"/s/{link.token}")
    return response.status_code, response.get_data(as_text=True)


def test_a_new_sessions_links_are_not_open_until_opened(app, client):
    session = new_session(app)
    for phase in ("pre", "post"):
        status, html = page(client, session, phase)
        assert status == 404 and "not open yet" in html and "<form" not in html
    set_phase_state(session, "pre", "open")
    assert page(client, session, "pre")[0] == 200
    assert page(client, session, "post")[0] == 404


def test_a_scheduled_phase_opens_and_closes_on_time(app, client, clock):
    later = datetime(2026, 3, 14, 10, 0)
    session = new_session(app, schedule={"pre": (MARCH_9AM, later)})
    assert page(client, session, "pre")[0] == 404
    clock.at = MARCH_9AM
    status, html = page(client, session, "pre")
    assert status == 200 and "<form" in html
    clock.at = later
    assert page(client, session, "pre")[0] == 410


def test_opening_after_closes_before_unless_kept_open(app, clock):
    session = new_session(app, open_now=True)
    changed = set_phase_state(session, "post", "open")
    assert [(link.phase, link.state) for link in changed] == [("post", "open"), ("pre", "closed")]
    kept = new_session(app, open_now=True)
    set_phase_state(kept, "post", "open", keep_pre_open=True)
    assert [state_of(link) for link in kept.links] == ["open", "open"]


def test_after_scheduled_to_open_closes_before_then(app, client, clock):
    session = new_session(app, open_now=True, schedule={"post": (MARCH_9AM, None)})
    assert [state_of(link) for link in session.links] == ["open", "pending"]
    clock.at = MARCH_9AM
    assert [state_of(link) for link in session.links] == ["closed", "open"]
    kept = new_session(app, open_now=True, schedule={"post": (MARCH_9AM, None)}, keep_pre_open=True)
    assert [state_of(link) for link in kept.links] == ["open", "open"]


def test_opening_by_hand_after_the_closing_time_opens_it(app, client, clock):
    session = new_session(app, schedule={"pre": (None, MARCH_9AM)})
    clock.at = datetime(2026, 3, 14, 11, 0)
    set_phase_state(session, "pre", "open")
    assert page(client, session, "pre")[0] == 200


def cli(app, *args: str):
    return app.test_cli_runner().invoke(args=["sessions", *args])


CREATE = ("create", "--org", "Oak School", "--questionnaire", "sample", "--date", "2026-06-14")


def test_cli_times_are_in_the_timezone_setting_and_shown_per_phase(app, clock):
    result = cli(
        app, *CREATE, "--pre-opens", "2026-06-14T09:00", "--post-opens", "2026-06-14T10:30Z",
        "--post-closes", "2026-06-14T15:00", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    made = json.loads(result.stdout)
    shown = json.loads(cli(app, "show", str(made["id"]), "--json").stdout)
    assert shown["schedule"] == {
        # 09:00 in London in June is 08:00 UTC; BEFORE closes when AFTER opens (11:30 BST)
        "pre": {"state": "pending", "opens_at": "2026-06-14T09:00+01:00",
                "closes_at": "2026-06-14T11:30+01:00"},
        "post": {"state": "pending", "opens_at": "2026-06-14T11:30+01:00",
                 "closes_at": "2026-06-14T15:00+01:00"},
    }  # fmt: skip
    link = db.session.get(SurveySession, made["id"]).links[0]
    assert link.opens_at == datetime(2026, 6, 14, 8, 0)


def test_cli_open_flag_and_keep_pre_open(app):
    made = json.loads(cli(app, *CREATE, "--open", "--json").stdout)
    assert made["phases"] == {"pre": "open", "post": "open"}
    assert cli(app, "open", str(made["id"]), "--phase", "post").exit_code == 0
    shown = json.loads(cli(app, "show", str(made["id"]), "--json").stdout)
    assert shown["phases"] == {"pre": "closed", "post": "open"}
    kept = json.loads(cli(app, *CREATE, "--json").stdout)
    assert kept["phases"] == {"pre": "pending", "post": "pending"}
    cli(app, "open", str(kept["id"]), "--phase", "pre")
    cli(app, "open", str(kept["id"]), "--phase", "post", "--keep-pre-open")
    shown = json.loads(cli(app, "show", str(kept["id"]), "--json").stdout)
    assert shown["phases"] == {"pre": "open", "post": "open"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--pre-opens", "tomorrow"), "'tomorrow' is not a date and time"),
        (("--pre-opens", "2026-06-14T10:00", "--pre-closes", "2026-06-14T09:00"),
         "the pre phase must close after it opens"),
    ],
)  # fmt: skip
def test_cli_bad_times_are_one_line_and_create_nothing(app, args, message):
    result = cli(app, *CREATE, *args)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {message}") and "Traceback" not in result.output
    assert db.session.query(SurveySession).count() == 0


def test_the_session_page_saves_times_and_keeps_before_open_when_asked(app, client, signed_in):
    session = new_session(app, facilitator=signed_in("facilitator"))
    html = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "not open yet" in html
    token = csrf_token(html)
    url = f"/sessions/{session.id}/phases"
    saved = client.post(
        f"{url}/pre/schedule", data={"csrf_token": token, "opens": "2026-03-14T09:00"}
    )
    assert saved.status_code == 303
    db.session.expire_all()
    assert session.links[0].opens_at == MARCH_9AM
    bad = client.post(
        f"{url}/pre/schedule", data={"csrf_token": token, "opens": "soon"}, follow_redirects=True
    )
    assert "Nothing changed" in bad.get_data(as_text=True)
    db.session.expire_all()
    assert session.links[0].opens_at == MARCH_9AM
    client.post(f"{url}/pre/open", data={"csrf_token": token})
    client.post(f"{url}/post/open", data={"csrf_token": token, "keep_pre_open": "y"})
    db.session.expire_all()
    assert [state_of(link) for link in session.links] == ["open", "open"]


@pytest.mark.parametrize("typed", ["{a}–{b}", "{a}\u00a0{b}", " {a} — {b} ", "{a}\u2011{b}"])
def test_go_accepts_a_code_typed_with_any_dash_or_space(app, client, typed):
    session = new_session(app, open_now=True)
    code = session.links[0].code
    response = client.post("/go", data={"code": typed.format(a=code[:4], b=code[4:])})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/s/{session.links[0].token}")
