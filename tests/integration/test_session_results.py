"""A facilitator sees their own session's results, and downloads a one-page summary for the
school, once no answer can arrive any more (issue 14 item 7): every phase closed and the
late-answer grace past. Before that the page says when; another facilitator's session is a 404.
The numbers are the dashboard's (the same comparison by session)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pypdfium2 as pdfium
import pytest

from survey_app.extensions import db
from survey_app.models import SurveySession
from survey_app.questionnaire.startup import registry_of
from survey_app.reports.data import load_session
from survey_app.scoring.compare import compare
from survey_app.sessions.schedule import CLOCK_KEY
from survey_app.sessions.service import set_phase_state
from tests.report_data import store_groups

START = datetime(2026, 3, 5, 9, 0)


@pytest.fixture
def clock(app):
    """Now is START (the phases' closing times are moved instead: a sign-in lasts hours)."""
    app.config[CLOCK_KEY] = lambda: START
    yield
    app.config.pop(CLOCK_KEY)


def closed_days_ago(session: SurveySession, days: int) -> None:
    """As if the phases had closed `days` ago (the staff clock stays: a sign-in lasts hours)."""
    for link in session.links:
        link.closed_at = START - timedelta(days=days)
    db.session.commit()


@pytest.fixture
def own_session(app, signed_in, clock):
    """Oak School's session of 14 pupils, run by the signed-in facilitator, both phases open."""
    facilitator = signed_in("facilitator")
    session_id = store_groups(registry_of(app), {"Oak School": 14})["Oak School"]
    session = db.session.get(SurveySession, session_id)
    session.facilitator_id = facilitator.id
    db.session.commit()
    return session


def close_both(session: SurveySession) -> None:
    set_phase_state(session, "pre", "closed")
    set_phase_state(session, "post", "closed")
    db.session.commit()


def page(client, session) -> str:
    response = client.get(f"/sessions/{session.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_results_wait_until_no_answer_can_arrive(app, client, own_session, clock):
    assert "appear here 7 days after every phase is closed" in page(client, own_session)
    assert client.get(f"/sessions/{own_session.id}/summary.pdf").status_code == 404
    close_both(own_session)
    assert "appear here on 12 March 2026 at 09:00" in page(client, own_session)
    assert client.get(f"/sessions/{own_session.id}/summary.pdf").status_code == 404
    closed_days_ago(own_session, 7)
    html = page(client, own_session)
    assert "Download a one-page summary for the school" in html


def test_the_final_results_are_the_comparisons_and_fit_one_page(app, client, own_session, clock):
    close_both(own_session)
    closed_days_ago(own_session, 8)
    html = page(client, own_session)
    versions = [q for q in registry_of(app) if q.id == "sample"]
    expected = compare(load_session(own_session.id), versions, by="session", min_base=10)
    belonging = expected[(expected["measure"] == "belonging") & (expected["design"] == "matched")]
    change = f"{belonging['mean_change'].iloc[0]:+.2f}"
    assert change in html and "14 matched pairs" in html
    pdf = client.get(f"/sessions/{own_session.id}/summary.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    document = pdfium.PdfDocument(pdf.data)
    try:
        assert len(document) == 1
        text = " ".join(document[0].get_textpage().get_text_range().split())
    finally:
        document.close()
    assert "Oak School: session" in text and "Sense of belonging" in text
    assert "cannot on its own be put down to the session" in text


def test_another_facilitators_session_is_not_found(app, client, own_session, clock, make_user):
    close_both(own_session)
    closed_days_ago(own_session, 8)
    own_session.facilitator_id = make_user("facilitator", "other@example.org").id
    db.session.commit()
    assert client.get(f"/sessions/{own_session.id}").status_code == 404
    assert client.get(f"/sessions/{own_session.id}/summary.pdf").status_code == 404


def test_a_small_session_shows_reasons_and_no_numbers(app, client, signed_in, clock):
    facilitator = signed_in("facilitator")
    session = db.session.get(
        SurveySession, store_groups(registry_of(app), {"Elm School": 6})["Elm School"]
    )
    session.facilitator_id = facilitator.id
    close_both(session)
    closed_days_ago(session, 8)
    html = page(client, session)
    results = html[html.index('id="results"') : html.index("Back to sessions")]
    assert "Not shown: fewer than 10 matched pairs" in results
    assert "Counts not shown: fewer than 10 responses in a phase" in results
    assert "6 matched" not in results and "6 before" not in results


def test_an_officer_downloads_any_schools_one_page_summary(app, client, signed_in):
    store_groups(registry_of(app), {"Ash School": 12, "Yew School": 11})
    signed_in("officer")
    html = client.get("/reports/?questionnaire=sample&organisation=Ash+School").get_data(
        as_text=True
    )
    assert "One-page summary for the school (PDF)" in html
    pdf = client.get("/reports/download/summary.pdf?questionnaire=sample&organisation=Ash+School")
    assert pdf.status_code == 200
    document = pdfium.PdfDocument(pdf.data)
    try:
        text = " ".join(document[0].get_textpage().get_text_range().split())
        assert len(document) == 1
    finally:
        document.close()
    assert "Ash School: results" in text and "12 pairs" in text
    assert "Yew School" not in text
    refused = client.get("/reports/download/summary.pdf?questionnaire=sample")
    assert refused.status_code == 400 and b"Choose a school or group" in refused.data
