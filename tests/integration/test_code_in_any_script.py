"""The shared-tablet code takes a letter of any script (ADR 0038): a child's BEFORE and AFTER
pair up when the letter is typed on two keyboards, in two interface languages, or once on paper.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.questionnaire.startup import registry_of
from survey_app.responses.import_csv import ImportRejected, import_file
from survey_app.scoring.matching import match_pairs
from survey_app.sessions.service import create_session, link_for
from tests.conftest import csrf_token, make_app
from tests.html import input_value, parse, text
from tests.integration.respond_helpers import matching_frame, stored

SHIPPED = Path(__file__).parents[2] / "questionnaires"
ALSO = {"mc_month": "7", "mc_siblings": "2"}


@pytest.fixture
def pupils(app, database_url):
    """An app on the shipped questionnaires (translated) and a shared-tablet session."""
    shipped = make_app(database_url, QUESTIONNAIRE_DIR=SHIPPED)
    with shipped.app_context():
        session = create_session(registry_of(shipped), organisation="Oak School",
                                 questionnaire_id="pupils-primary", session_date=date(2026, 3, 2),
                                 shared_devices=True, open_now=True)  # fmt: skip
        yield shipped, session


def send(app, session, phase: str, letter: str, lang: str = "en"):
    """One child on a shared tablet: every question answered with its first option."""
    path = f"/s/{link_for(session, phase).token}?lang={lang}"
    client = app.test_client()
    page = parse(client.get(path))
    assert page.html["lang"] == lang
    firsts = {}
    for radio in page.select("input[type=radio]"):
        firsts.setdefault(radio["name"], radio["value"])
    data = firsts | ALSO | {"mc_letter": letter, "csrf_token": csrf_token(str(page)),
                            "response_id": input_value(page, "response_id")}  # fmt: skip
    return client.post(path, data=data)


def methods() -> list[str]:
    return match_pairs(matching_frame())["method"].tolist()


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Ł", "ł"),  # a Polish keyboard both times
        ("Ł", "L"),  # a Polish keyboard, then an English one
        ("e\u0301", "\u00e9"),  # decomposed, then composed
        ("\ufe8f", "\u0628"),  # an Arabic presentation form, then the letter
        ("\u06a9", "\u0643"),  # keheh from an Urdu keyboard, kaf from an Arabic one
        ("\uff21", "a"),  # full-width Latin, then ASCII
    ],
)
def test_the_same_letter_from_two_keyboards_pairs_exactly(pupils, before, after):
    shipped, session = pupils
    assert send(shipped, session, "pre", before).status_code == 303
    assert send(shipped, session, "post", after).status_code == 303
    pre, post = stored()
    assert pre.match_code == post.match_code and methods() == ["code_exact"]


def test_before_in_polish_and_after_in_english_pair(pupils):
    shipped, session = pupils
    assert send(shipped, session, "pre", "Ł", lang="pl").status_code == 303
    assert send(shipped, session, "post", "Ł", lang="en").status_code == 303
    assert [r.language for r in stored()] == ["pl", "en"]
    assert methods() == ["code_exact"]


@pytest.mark.parametrize("typed", ["7", "ŁK", "٣", "-"])
@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_digit_or_two_letters_gives_the_form_back_with_the_error(pupils, typed, lang):
    shipped, session = pupils
    response = send(shipped, session, "pre", typed, lang)
    assert response.status_code == 200 and stored() == []
    page = parse(response)
    shown = {"en": "Type just one letter", "pl": "Wpisz tylko jedną literę"}[lang]
    # The summary links to the question by its label (issue 10 item 4); the message is beside it.
    assert page.select_one('.es a[href="#mc_letter"]') is not None
    assert text(page, "#mc_letter-e").count(shown) == 1
    assert "A to Z" not in text(page) and "od A do Z" not in text(page)
    assert page.select_one("#mc_letter")["value"] == typed  # returned as typed, to be mended


def paper(session, phase: str, respondent: str) -> bytes:
    header = "session,phase,respondent,say_what_i_think"
    return f"{header}\n{session.id},{phase},{respondent},3\n".encode()


def test_a_tablet_before_pairs_with_a_paper_after(pupils):
    shipped, session = pupils
    assert send(shipped, session, "pre", "Ł", lang="pl").status_code == 303
    import_file(paper(session, "post", "ł-7-2"), registry_of(shipped))
    pre, post = stored()
    assert (post.source, post.match_code, post.respondent_key) == ("paper", "L-07-2", None)
    assert methods() == ["code_exact"]


def test_paper_before_and_after_pair_by_code(pupils):
    shipped, session = pupils
    import_file(paper(session, "pre", "Ł-07-2"), registry_of(shipped))
    import_file(paper(session, "post", "\u0141 - 7 - 2"), registry_of(shipped))
    assert methods() == ["code_exact"]


@pytest.mark.parametrize("respondent", ["ŁK-07-2", "Ł7-07-2", "Ł-13-2", "Ł-07-6", "Ł-0-2"])
def test_a_paper_code_the_tablet_would_refuse_is_refused(pupils, respondent):
    shipped, session = pupils
    with pytest.raises(ImportRejected) as caught:
        import_file(paper(session, "pre", respondent), registry_of(shipped))
    assert caught.value.problems[0].startswith("2:3: respondent")
    assert stored() == []


def test_paper_codes_stored_before_the_change_move_to_match_code(tmp_path):
    old = make_app(f"sqlite:///{tmp_path / 'old.db'}")
    with old.app_context():
        flask_migrate.upgrade(revision="d16a_safeguarding")
        db.session.execute(sa.text(
            "INSERT INTO organisation (id, name, kind) VALUES (1, 'Oak', 'school')"))  # fmt: skip
        db.session.execute(sa.text(
            "INSERT INTO questionnaire_version (id, questionnaire_id, version, content_hash, "
            "title, loaded_at) VALUES (1, 'q', 1, 'h', 'Q', '2026-03-01')"))  # fmt: skip
        for id_, shared in ((1, True), (2, False)):
            db.session.execute(sa.text(
                "INSERT INTO survey_session (id, organisation_id, session_date, group_label, "
                "shared_devices, questionnaire_version_id, created_at) VALUES "
                "(:id, 1, '2026-03-02', '', :shared, 1, '2026-03-01')"
            ), {"id": id_, "shared": shared})  # fmt: skip
        for id_, session_id, key in ((1, 1, "s-3-1"), (2, 1, "17"), (3, 2, "s-03-1")):
            db.session.execute(sa.text(
                "INSERT INTO response (id, response_uuid, session_id, phase, questionnaire_id, "
                "questionnaire_version, language, wording_revision, submitted_at, "
                "respondent_key, source, answers) VALUES (:id, :id, :session, 'pre', 'q', 1, "
                "'en', 0, '2026-03-02', :key, 'paper', '{}')"
            ), {"id": id_, "session": session_id, "key": key})  # fmt: skip
        db.session.commit()
        flask_migrate.upgrade(revision="e38a_paper_codes")
        rows = db.session.execute(
            sa.text("SELECT respondent_key, match_code FROM response ORDER BY id")
        ).all()
        assert [tuple(r) for r in rows] == [(None, "S-03-1"), ("17", None), ("s-03-1", None)]
