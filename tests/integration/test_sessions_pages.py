"""Facilitator pages over HTTP: create a session, list with counts, open and close phases,
download the sheet; a facilitator never sees or changes another's session."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import Organisation, Response, SessionLink, SurveySession
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session
from tests.conftest import csrf_token, sign_in
from tests.html import links, one, parse, text_of


def new_session(app, facilitator=None, organisation="Oak School", group="Year 5"):
    return create_session(
        registry_of(app),
        organisation=organisation,
        questionnaire_id="sample",
        session_date=date(2026, 3, 14),
        group_label=group,
        facilitator=facilitator,
        open_now=True,
    )


def form_data(client, **changes) -> dict:
    page = client.get("/sessions/new").get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(page),
        "organisation_id": "",
        "new_organisation": "Hillside Primary",
        "programme": "Cohesion sessions",
        "day": "14",
        "month": "3",
        "year": "2026",
        "group_label": "Year 6",
        "questionnaire": "sample",
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


def add_responses(session_id: int, rows: list[tuple[str, str]]) -> None:
    for n, (phase, key) in enumerate(rows):
        db.session.add(
            Response(
                response_uuid=f"10000000-0000-4000-8000-{session_id:06d}{n:06d}",
                session_id=session_id, phase=phase, questionnaire_id="sample",
                questionnaire_version=1, respondent_key=key, answers={"belong_area": 4},
            )
        )  # fmt: skip
    db.session.commit()


def test_a_facilitator_creates_a_session_pinned_to_the_latest_version(app, client, signed_in):
    user = signed_in("facilitator")
    response = client.post("/sessions/new", data=form_data(client, shared_devices="y"))
    assert response.status_code == 303
    session = db.session.scalar(sa.select(SurveySession))
    assert response.headers["Location"].endswith(f"/sessions/{session.id}")
    assert session.facilitator_id == user.id
    assert (session.organisation.name, session.programme.name) == (
        "Hillside Primary",
        "Cohesion sessions",
    )
    assert (session.session_date, session.group_label) == (date(2026, 3, 14), "Year 6")
    assert session.shared_devices is True
    pinned = session.questionnaire_version
    assert (pinned.questionnaire_id, pinned.version) == ("sample", 1)
    assert [(link.phase, link.state) for link in session.links] == [
        ("pre", "pending"),
        ("post", "pending"),
    ]


def test_an_existing_organisation_can_be_picked(app, client, signed_in):
    signed_in("facilitator")
    new_session(app, organisation="Oak School")
    oak = db.session.scalar(sa.select(Organisation).filter_by(name="Oak School"))
    data = form_data(client, organisation_id=str(oak.id), new_organisation="")
    assert client.post("/sessions/new", data=data).status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveySession)) == 2


@pytest.mark.parametrize(
    "pick, typed, message",
    [
        (True, "Elm Academy", "Choose a school or group from the list, or add a new one, not both"),
        (False, "", "Choose a school or group, or add a new one"),
    ],
)
def test_an_organisation_is_picked_or_typed_not_both(app, client, signed_in, pick, typed, message):
    signed_in("facilitator")
    new_session(app, organisation="Oak School")
    oak_id = db.session.scalar(sa.select(Organisation.id))
    data = form_data(client, organisation_id=str(oak_id) if pick else "", new_organisation=typed)
    html = client.post("/sessions/new", data=data).get_data(as_text=True)
    assert ("#organisation_id", message) in links(html, ".error-summary a")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveySession)) == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"new_organisation": ""}, "Enter the name of the school or group"),
        ({"day": "", "month": "", "year": ""}, "Enter the date of the session"),
        ({"day": "31", "month": "2"}, "Date of the session must be a real date"),
        ({"year": "26"}, "Year must include 4 numbers"),
        ({"questionnaire": None}, "Choose a questionnaire"),
        ({"questionnaire": "nope"}, "Choose a questionnaire from the list"),
        ({"group_label": "x" * 101}, "Group must be 100 characters or fewer"),
    ],
)
def test_mistakes_give_the_form_back_with_errors_and_store_nothing(
    client, signed_in, changes, message
):
    signed_in("facilitator")
    response = client.post("/sessions/new", data=form_data(client, **changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert parse(html).title.get_text().startswith("Error: Create a session")
    targets = [href for href, words in links(html, ".error-summary a") if words == message]
    assert len(targets) == 1, "the error summary names the mistake once"
    assert one(html, targets[0]), "the error summary links to the field"
    kept = parse(html).select('input[name="group_label"][value="Year 6"]')
    assert kept or "group_label" in changes, "typed answers are kept"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveySession)) == 0


def test_the_form_uses_fieldsets_and_offers_every_questionnaire(app, client, signed_in):
    signed_in("facilitator")
    html = client.get("/sessions/new").get_data(as_text=True)
    soup = parse(html)
    assert soup.title.get_text().startswith("Create a session")
    legends = text_of(soup, "fieldset > legend")
    assert "Questionnaire" in legends and "Date of the session" in legends
    choices = [el["value"] for el in soup.select('input[type="radio"][name="questionnaire"]')]
    assert "sample" in choices
    assert soup.select("input[checked]") == [], "nothing is chosen for the user"
    assert one(soup, "main form").has_attr("novalidate")


def test_the_list_shows_counts_and_matched_pairs_never_answers(app, client, signed_in):
    user = signed_in("facilitator")
    session = new_session(app, facilitator=user)
    add_responses(session.id, [("pre", "a"), ("pre", "b"), ("post", "a"), ("post", "c")])
    html = client.get("/sessions/").get_data(as_text=True)
    [row] = [
        tr for tr in parse(html).select("tr") if tr.select(f'a[href$="/sessions/{session.id}"]')
    ]
    assert text_of(row, "td.num") == ["2", "2", "1"]
    assert "belong_area" not in html


def test_counting_a_page_of_sessions_reads_responses_once(app, client, signed_in):
    user = signed_in("facilitator")
    for n in range(6):
        session = new_session(app, facilitator=user, group=f"Group {n}")
        add_responses(session.id, [("pre", f"k{n}"), ("pre", f"x{n}"), ("post", f"k{n}")])
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        html = client.get("/sessions/").get_data(as_text=True)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    row_counts = (
        '<td class="num" data-label="Before">2</td><td class="num" data-label="After">1</td>'
        '<td class="num" data-label="Matched pairs">1</td>'
    )
    assert html.count(row_counts) == 6  # each session: 2 before, 1 after, 1 matched pair
    reading_responses = [s for s in statements if re.search(r"\bFROM response\b", s)]
    assert len(reading_responses) == 1, reading_responses


def test_a_facilitator_sees_only_their_own_sessions(app, client, signed_in, make_user):
    other = make_user("facilitator", "other@example.org")
    theirs = new_session(app, facilitator=other, organisation="Elm Academy")
    user = signed_in("facilitator")
    mine = new_session(app, facilitator=user, organisation="Oak School")
    listing = client.get("/sessions/").get_data(as_text=True)
    assert "Oak School" in listing and "Elm Academy" not in listing
    assert client.get(f"/sessions/{mine.id}").status_code == 200
    for path in (f"/sessions/{theirs.id}", f"/sessions/{theirs.id}/sheet.pdf"):
        assert client.get(path).status_code == 404, path
    token = csrf_token(client.get(f"/sessions/{mine.id}").get_data(as_text=True))
    response = client.post(f"/sessions/{theirs.id}/phases/pre/close", data={"csrf_token": token})
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(SessionLink, theirs.links[0].id).state == "open"


@pytest.mark.parametrize("role", ["admin", "officer"])
def test_admins_and_officers_see_every_session(app, client, make_user, role):
    facilitator = make_user("facilitator")
    session = new_session(app, facilitator=facilitator, organisation="Elm Academy")
    sign_in(client, make_user(role))
    listing = client.get("/sessions/").get_data(as_text=True)
    assert "Elm Academy" in listing and "facilitator@example.org" in listing
    assert client.get(f"/sessions/{session.id}").status_code == 200


def test_the_session_page_shows_links_codes_and_closes_a_phase(app, client, signed_in):
    user = signed_in("facilitator")
    session = new_session(app, facilitator=user)
    pre, post = session.links
    html = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    for link in (pre, post):
        assert f"http://localhost/s/{link.token}" in html
        assert f"{link.code[:4]}-{link.code[4:]}" in html
    response = client.post(
        f"/sessions/{session.id}/phases/post/close", data={"csrf_token": csrf_token(html)}
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert [(link.phase, link.state) for link in session.links] == [
        ("pre", "open"),
        ("post", "closed"),
    ]
    html = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    buttons = text_of(html, "button")
    assert any(b.startswith("Open after (post)") for b in buttons)
    assert any(b.startswith("Close before (pre)") for b in buttons)


def test_changing_a_phase_needs_the_csrf_token(app, client, signed_in):
    user = signed_in("facilitator")
    session = new_session(app, facilitator=user)
    response = client.post(f"/sessions/{session.id}/phases/pre/close", data={})
    assert response.status_code == 400
    db.session.expire_all()
    assert session.links[0].state == "open"


@pytest.mark.parametrize("path", ["phases/single/close", "phases/pre/shut"])
def test_an_unknown_phase_or_action_is_not_found(app, client, signed_in, path):
    user = signed_in("facilitator")
    session = new_session(app, facilitator=user)
    token = csrf_token(client.get(f"/sessions/{session.id}").get_data(as_text=True))
    response = client.post(f"/sessions/{session.id}/{path}", data={"csrf_token": token})
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "school, copies, status, filename",
    [
        ("Oak School", 1, 200, "oak-school.pdf"),
        ("Oak School", 4, 200, "oak-school-4-per-page.pdf"),
        ("Ysgol Bro Dŵr", 1, 200, "ysgol-bro-d-r.pdf"),
        ("Oak School", 3, 404, None),
    ],
)
def test_the_sheet_downloads_as_a_pdf(app, client, signed_in, school, copies, status, filename):
    user = signed_in("facilitator")
    session = new_session(app, facilitator=user, organisation=school)
    response = client.get(f"/sessions/{session.id}/sheet.pdf?copies={copies}")
    assert response.status_code == status
    if filename:
        assert response.mimetype == "application/pdf"
        assert response.data.startswith(b"%PDF")
        disposition = response.headers["Content-Disposition"]
        assert disposition == f'attachment; filename="sheet-{session.id}-{filename}"'
