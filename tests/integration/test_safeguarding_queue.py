"""The review queue (issue 16 item 4): a lead sees only their organisations' concerns (another's
is a 404), the designated officer those of organisations without a lead; decisions with a note
and CSRF; every view and decision audited without the answer's text; officers see only counts;
the session page warns when a school has no lead; the badge counts open concerns."""

from __future__ import annotations

import json

import sqlalchemy as sa

from survey_app.auth.accounts import deactivate
from survey_app.auth.lead_scope import organisations_named
from survey_app.extensions import db
from survey_app.models import AuditEntry
from tests.conftest import PASSWORD, csrf_token, sign_in
from tests.html import one, parse, text
from tests.integration.safeguarding_helpers import answer_after, concerns, school_session

HILL_WORDS = "my stepdad hits me when he is angry"
OAK_WORDS = "a man online told me to join isis"
ELM_WORDS = "everyone ignores me and i have no friends"


def lead(make_user, email, *organisations):
    user = make_user("safeguarding", email)
    user.organisations = organisations_named(organisations)[0]
    db.session.commit()
    return user


def three_schools(app, make_user):
    """Hill and Oak have leads, Elm has none; one concern at each."""
    sessions = {name: school_session(app, name) for name in ("Hill School", "Oak School",
                                                              "Elm School")}  # fmt: skip
    leads = {
        "hill": lead(make_user, "dsl@hill.sch.uk", "Hill School"),
        "oak": lead(make_user, "dsl@oak.sch.uk", "Oak School"),
        "council": lead(make_user, "dso@council.gov.uk"),
    }
    for name, words in (("Hill School", HILL_WORDS), ("Oak School", OAK_WORDS),
                        ("Elm School", ELM_WORDS)):  # fmt: skip
        answer_after(app, sessions[name], words)
    by_school = {c.session.organisation.name: c for c in concerns()}
    return sessions, leads, by_school


def as_user(app, user):
    client = app.test_client()
    sign_in(client, user)
    return client


def test_each_lead_sees_only_their_organisations(app, make_user):
    _, leads, by_school = three_schools(app, make_user)
    hill = as_user(app, leads["hill"])
    page = hill.get("/safeguarding/")
    assert page.status_code == 200
    assert [td.get_text() for td in parse(page).select("tbody tr td:nth-child(2)")] == [
        "Hill School"
    ]
    assert hill.get(f"/safeguarding/{by_school['Hill School'].id}").status_code == 200
    assert HILL_WORDS in text(hill.get(f"/safeguarding/{by_school['Hill School'].id}"))
    for other in ("Oak School", "Elm School"):
        assert hill.get(f"/safeguarding/{by_school[other].id}").status_code == 404
        form = {"csrf_token": csrf_token(page.get_data(as_text=True)), "status": "no_action",
                "note": "x"}  # fmt: skip
        decided = hill.post(f"/safeguarding/{by_school[other].id}", data=form)
        assert decided.status_code == 404
    assert OAK_WORDS not in page.get_data(as_text=True)


def test_the_designated_officer_sees_organisations_without_a_lead(app, make_user):
    _, leads, by_school = three_schools(app, make_user)
    council = as_user(app, leads["council"])
    shown = text(council.get("/safeguarding/"), "tbody")
    assert "Elm School" in shown and "Hill School" not in shown and "Oak School" not in shown
    assert council.get(f"/safeguarding/{by_school['Hill School'].id}").status_code == 404
    deactivate(leads["oak"])  # Oak's lead leaves: its concerns are not left unseen
    shown = text(council.get("/safeguarding/"), "tbody")
    assert "Oak School" in shown and "Elm School" in shown


def test_a_decision_with_a_note_is_recorded_and_audited_without_the_text(app, make_user):
    _, leads, by_school = three_schools(app, make_user)
    concern = by_school["Hill School"]
    hill = as_user(app, leads["hill"])
    assert one(hill.get("/safeguarding/"), "#open-concerns").get_text(" ", strip=True) == "1 open"
    page = hill.get(f"/safeguarding/{concern.id}")
    token = csrf_token(page.get_data(as_text=True))
    no_note = hill.post(f"/safeguarding/{concern.id}", data={"csrf_token": token,
                                                              "status": "referred"})  # fmt: skip
    assert no_note.status_code == 400 and parse(no_note).select(".error-summary")
    no_status = hill.post(f"/safeguarding/{concern.id}", data={"csrf_token": token, "note": "x"})
    assert no_status.status_code == 400 and "Choose what was done" in text(no_status)
    no_csrf = hill.post(f"/safeguarding/{concern.id}", data={"status": "referred", "note": "x"})
    assert no_csrf.status_code == 400
    decided = hill.post(f"/safeguarding/{concern.id}", data={"csrf_token": token,
                        "status": "referred", "note": "Told children's social care"})  # fmt: skip
    assert decided.status_code == 303
    (stored,) = [c for c in concerns() if c.id == concern.id]
    assert (stored.status, stored.note) == ("referred", "Told children's social care")
    assert stored.reviewed_by_id == leads["hill"].id and stored.reviewed_at is not None
    assert not parse(hill.get("/safeguarding/")).select("#open-concerns")  # the badge is gone

    entries = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    actions = [e.action for e in entries if e.action.startswith("concern.")]
    assert actions == ["concern.list", "concern.view", "concern.decide", "concern.list"]
    decision = next(e for e in entries if e.action == "concern.decide")
    assert decision.details == {"session": concern.session_id, "status": "referred",
                                "previous": "open"}  # fmt: skip
    logged = json.dumps([[e.target, e.details] for e in entries])
    for words in (HILL_WORDS, "hits me", "social care"):
        assert words not in logged


def test_the_pages_are_never_stored_by_a_browser(app, make_user):
    _, leads, by_school = three_schools(app, make_user)
    hill = as_user(app, leads["hill"])
    for path in ("/safeguarding/", f"/safeguarding/{by_school['Hill School'].id}"):
        assert hill.get(path).headers["Cache-Control"] == "no-store"


def test_a_lead_goes_to_the_queue_and_sees_no_staff_page(app, make_user):
    _, leads, _ = three_schools(app, make_user)
    hill = as_user(app, leads["hill"])
    assert hill.get("/").headers["Location"].endswith("/safeguarding/")
    for path in ("/sessions/", "/reports/", "/admin/"):
        assert hill.get(path).status_code == 403, path
    nav = [a.get_text(" ", strip=True) for a in parse(hill.get("/safeguarding/")).select("nav a")]
    assert nav == ["Concerns 1 open"]


def test_officers_see_counts_only_and_facilitators_see_the_missing_lead(app, make_user):
    sessions, _, _ = three_schools(app, make_user)
    officer = as_user(app, make_user("officer"))
    assert officer.get("/safeguarding/").status_code == 403
    page = officer.get(f"/sessions/{sessions['Hill School'].id}")
    assert "1 open" in text(page, "#concerns") and HILL_WORDS not in page.get_data(as_text=True)
    assert not parse(page).select("#no-lead")  # Hill has a lead
    dashboard = officer.get("/reports/")
    assert "3 open" in text(dashboard, "#concerns")
    for words in (HILL_WORDS, OAK_WORDS, ELM_WORDS):
        assert words not in dashboard.get_data(as_text=True)

    facilitator = make_user("facilitator")
    elm = sessions["Elm School"]
    elm.facilitator_id = facilitator.id
    db.session.commit()
    page = as_user(app, facilitator).get(f"/sessions/{elm.id}")
    assert "No school safeguarding lead is set" in text(page, "#no-lead")
    assert not parse(page).select("#concerns")  # counts are for officers and admins


def test_a_lead_signs_in_with_their_own_password(app, make_user):
    user = lead(make_user, "dsl@hill.sch.uk", "Hill School")
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    signed = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                         "csrf_token": token})  # fmt: skip
    assert signed.status_code == 302
