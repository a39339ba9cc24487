"""Flagging off the pupil's path (issue 16 item 3): after a response is stored its free text is
checked and a match raises one concern; a failing check leaves the pupil's submission as it was,
and `flask safeguarding scan` finds later what it missed. Paper imports are checked too."""

from __future__ import annotations

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import Concern, Response, SafeguardingScan
from survey_app.questionnaire.startup import registry_of
from survey_app.responses.import_csv import import_file
from survey_app.safeguarding import after_submit
from tests.integration.respond_helpers import stored
from tests.integration.safeguarding_helpers import answer_after, concerns, school_session


def scan(app, *args):
    return app.test_cli_runner().invoke(args=["safeguarding", "scan", *args])


def test_a_listed_phrase_raises_one_concern_with_only_what_the_lead_needs(app):
    session = school_session(app)
    result = answer_after(app, session, "Sometimes I want to kil myslef")
    assert result.status_code == 303
    (concern,) = concerns()
    (response,) = stored()
    assert (concern.session_id, concern.phase, concern.item_id) == (session.id, "post",
                                                                    "do_differently")  # fmt: skip
    assert concern.text == "Sometimes I want to kil myslef"
    assert concern.terms == ["kill myslef"] and concern.categories == ["harm_to_self"]
    assert concern.status == "open" and concern.response_id == response.id
    assert concern.created_on == response.submitted_at.date()


def test_a_concern_holds_no_device_key_matching_code_time_or_other_answers():
    columns = set(Concern.__table__.columns.keys())
    assert columns == {
        "id", "response_id", "session_id", "phase", "item_id", "text", "terms", "categories",
        "status", "note", "reviewed_by_id", "reviewed_at", "created_on",
    }  # fmt: skip
    assert isinstance(Concern.__table__.c.created_on.type, sa.Date)
    assert not isinstance(Concern.__table__.c.created_on.type, sa.DateTime)


def test_an_innocent_sentence_with_a_listed_word_inside_another_raises_none(app):
    session = school_session(app)
    answer_after(app, session, "We ate grapes; the therapist said scrapes heal; I skilled myself")
    assert len(stored()) == 1 and concerns() == []
    assert scan(app).exit_code == 0 and concerns() == []


def test_a_failing_check_leaves_the_submission_unchanged_and_scan_finds_it(app, monkeypatch):
    session = school_session(app)
    ordinary = answer_after(app, session, "I will listen more")

    def broken(*_args, **_kwargs):
        raise RuntimeError("term lists unreadable")

    monkeypatch.setattr(after_submit, "flagged_answers", broken)
    failed = answer_after(app, session, "they beat me up at break")
    assert (failed.status_code, failed.headers["Location"]) == (
        ordinary.status_code, ordinary.headers["Location"])  # fmt: skip
    assert app.test_client().get(failed.headers["Location"]).status_code == 200
    assert len(stored()) == 2 and concerns() == []

    monkeypatch.undo()
    result = scan(app)
    assert result.exit_code == 0, result.output
    assert "scanned 2 responses: 1 new concerns" in result.output
    (concern,) = concerns()
    assert concern.categories == ["harm_by_others"] and concern.terms == ["beat me up"]
    assert scan(app).output.strip() == "scanned 0 responses: 0 new concerns"


def test_scanning_again_never_makes_a_second_concern(app):
    session = school_session(app)
    answer_after(app, session, "people laugh at me every day")  # raised by the request
    assert len(concerns()) == 1
    assert "1 responses: 0 new" in scan(app).output  # read again, nothing new
    assert "1 responses: 0 new" in scan(app, "--again").output
    assert len(concerns()) == 1
    scanned = db.session.scalars(sa.select(SafeguardingScan.response_id)).all()
    assert scanned == [stored()[0].id]


def test_a_second_language_is_checked_in_its_own_list(app):
    session = school_session(app)
    response = Response(response_uuid="d" * 36, session_id=session.id, phase="post",
                        questionnaire_id="sample", questionnaire_version=1, language="pl",
                        answers={"do_differently": "Tata bije mnie w domu"})  # fmt: skip
    db.session.add(response)
    db.session.commit()
    assert "1 new concerns" in scan(app).output
    (concern,) = concerns()
    assert concern.categories == ["harm_by_others"] and concern.terms == ["bije mnie"]


def test_a_paper_import_with_free_text_is_checked_when_stored(app):
    session = school_session(app)
    text = f"session,phase,respondent,do_differently\n{session.id},post,4,someone bullied me\n"
    import_file(text.encode(), registry_of(app))
    (concern,) = concerns()
    assert concern.categories == ["bullying"] and concern.session_id == session.id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SafeguardingScan)) == 1
