"""Officers and admins delete a test response or a whole session (issue 12, item 6): a
confirmation page first, then a POST with the CSRF token; each deletion is audited, without
answers. Facilitators cannot."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import AuditEntry, Response, SessionLink, SurveySession
from survey_app.sessions.service import set_phase_state
from tests.conftest import csrf_token, response_count
from tests.html import one, parse, text


def add_response(session_id: int, phase: str = "pre") -> Response:
    response = Response(response_uuid=str(uuid.uuid4()), session_id=session_id, phase=phase,
                        questionnaire_id="sample", questionnaire_version=1,
                        answers={"do_differently": "test test"})  # fmt: skip
    db.session.add(response)
    db.session.commit()
    return response


def audit_of(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).filter_by(action=action)))


def confirm(client, url: str, **data):
    page = client.get(url)
    assert page.status_code == 200
    return page, client.post(url, data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                        **data})  # fmt: skip


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_staff_delete_a_test_response_after_confirming(client, signed_in, session, role):
    signed_in(role)
    test, real = add_response(session.id), add_response(session.id, "post")
    listing = client.get(f"/sessions/{session.id}/responses")
    assert listing.status_code == 200
    assert "test test" not in listing.get_data(as_text=True)  # never the answers
    assert len(parse(listing).select("tbody tr")) == 2
    url = f"/sessions/{session.id}/responses/{test.id}/delete"
    page, done = confirm(client, url)
    assert text(page, "h1") == "Are you sure you want to delete this response?"
    assert "You cannot undo this." in text(page)
    assert one(page, "main form button").get_text() == "Yes, delete this response"
    assert done.status_code == 303
    assert "The response was deleted." in client.get(done.headers["Location"]).get_data(
        as_text=True
    )
    assert [r.id for r in db.session.scalars(sa.select(Response))] == [real.id]
    entry = audit_of("response.delete")[0]
    assert entry.target == f"response {test.id}"
    assert entry.details["session"] == session.id and entry.details["phase"] == "pre"
    assert "test test" not in str(entry.details)


def test_the_confirmation_page_deletes_nothing_and_a_post_needs_the_token(
    client, signed_in, session
):
    signed_in("officer")
    response = add_response(session.id)
    url = f"/sessions/{session.id}/responses/{response.id}/delete"
    assert client.get(url).status_code == 200
    assert client.post(url, data={}).status_code == 400
    assert response_count() == 1 and not audit_of("response.delete")


def test_a_response_of_another_session_is_not_found(client, signed_in, session):
    signed_in("officer")
    response = add_response(session.id)
    other = f"/sessions/{session.id + 1}/responses/{response.id}/delete"
    assert client.get(other).status_code == 404
    assert client.get(f"/sessions/{session.id}/responses/2147483647/delete").status_code == 404


def test_a_facilitator_cannot_delete(client, signed_in, session):
    signed_in("facilitator")
    response = add_response(session.id)
    assert client.get(f"/sessions/{session.id}/responses").status_code == 403
    assert client.get(f"/sessions/{session.id}/delete").status_code == 403
    assert client.post(f"/sessions/{session.id}/responses/{response.id}/delete").status_code == 403
    shown = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "Delete this session" not in shown
    assert response_count() == 1


def test_an_open_session_must_be_closed_before_it_is_deleted(client, signed_in, session):
    signed_in("admin")
    add_response(session.id)
    url = f"/sessions/{session.id}/delete"
    page = client.get(url)
    assert "cannot be deleted yet: its pre and post phase is open: close it first" in text(page)
    assert not parse(page).select("main form button")
    token = csrf_token(client.get(f"/sessions/{session.id}").get_data(as_text=True))
    assert client.post(url, data={"csrf_token": token}).status_code == 409
    assert db.session.get(SurveySession, session.id) is not None and response_count() == 1


def test_staff_delete_a_whole_session_after_confirming(client, signed_in, session):
    signed_in("officer")
    for phase in ("pre", "post"):
        set_phase_state(session, phase, "closed")
    session_id = session.id
    add_response(session_id), add_response(session_id, "post")
    shown = client.get(f"/sessions/{session_id}")
    assert one(shown, f'a[href="/sessions/{session_id}/delete"]').get_text() == (
        "Delete this session"
    )
    page, done = confirm(client, f"/sessions/{session_id}/delete")
    assert text(page, "h1") == "Are you sure you want to delete this session?"
    assert "all 2 of its responses will be deleted" in text(page)
    assert done.status_code == 303 and done.headers["Location"].endswith("/sessions/")
    listing = client.get(done.headers["Location"]).get_data(as_text=True)
    assert f"Session {session_id} and its 2 response(s) were deleted." in listing
    db.session.expire_all()
    assert db.session.get(SurveySession, session_id) is None
    assert response_count() == 0
    assert db.session.scalar(sa.select(sa.func.count(SessionLink.id))) == 0
    entry = audit_of("session.delete")[0]
    assert entry.target == f"session {session_id}"
    assert entry.details == {"organisation": "Hill School", "date": "2025-03-01",
                             "questionnaire": "sample", "responses": 2}  # fmt: skip
    assert client.get(f"/sessions/{session_id}").status_code == 404
