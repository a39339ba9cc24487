"""The paper form (`flask sessions paper`, the session page's buttons): every shipped
questionnaire and phase prints, and its text read back holds every question and option in the
import template's column order."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pypdfium2
import pytest

from survey_app.extensions import db
from survey_app.models import AuditEntry
from survey_app.questionnaire.startup import registry_of
from survey_app.respond.match_code import MONTH_OPTIONS, SIBLING_OPTIONS
from survey_app.responses.import_csv import template_columns
from survey_app.responses.paper_form import CODE_INTRO, CODE_QUESTIONS, paper_pdf
from survey_app.sessions.service import create_session, link_for
from tests.conftest import make_app

SHIPPED = Path(__file__).resolve().parents[2] / "questionnaires"
SHIPPED_FORMS = [
    (questionnaire_id, phase)
    for questionnaire_id, phases in {
        "pupils-primary": ("pre", "post"),
        "pupils-secondary": ("pre", "post"),
        "adult-participants": ("pre", "post"),
        "community-feedback": ("single",),
    }.items()
    for phase in phases
]


def flat(text: str) -> str:
    """Text with every run of spaces and line breaks as one space: wrapped lines join up."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    return [flat(page.get_textpage().get_text_range()) for page in document]


@pytest.fixture
def shipped_app(database_url: str):
    app = make_app(database_url, QUESTIONNAIRE_DIR=SHIPPED)
    with app.app_context():
        yield app
        db.session.remove()


def new_session(app, questionnaire_id: str = "sample", shared: bool = True):
    return create_session(
        registry_of(app),
        organisation="Ysgol Bro Dŵr",
        questionnaire_id=questionnaire_id,
        session_date=date(2026, 3, 14),
        group_label="Year 5",
        shared_devices=shared,
        open_now=True,
    )


def options_in_order(options, lang: str = "en") -> str:
    """Each option as printed, value above box and then words: '1 No, not at all 2 ...'."""
    return " ".join(f"{o.value} {flat(o.label[lang])}" for o in options)


@pytest.mark.parametrize("questionnaire_id, phase", SHIPPED_FORMS)
def test_every_shipped_form_prints_each_question_and_option_in_template_order(
    app, shipped_app, questionnaire_id, phase
):
    registry = registry_of(shipped_app)
    session = new_session(shipped_app, questionnaire_id)
    questionnaire = registry.get(questionnaire_id, session.questionnaire_version.version)
    pages = pdf_text(paper_pdf(session, registry, phase))
    text = " ".join(pages)
    in_phase = {item.id for item in questionnaire.items_for(phase)}
    columns = [name for name in template_columns(session, registry) if name in in_phase]
    assert columns and len(columns) == len(in_phase)
    for number, column in enumerate(columns, 1):
        item = questionnaire.item(column)
        # The n-th question carries the template's n-th column of this phase, beside its words.
        assert f"{number}. {flat(item.text['en'])} {column}" in text, column
        response_set = questionnaire.response_set_of(item)
        if response_set is not None:
            assert options_in_order(response_set.options) in text, column
    lang = questionnaire.languages[0]
    assert flat(questionnaire.title[lang]) in text and flat(questionnaire.intro[lang]) in text
    word = {"pre": "BEFORE", "post": "AFTER", "single": "FEEDBACK"}[phase]
    for page in pages:  # a form of several pages says on each whose it is
        assert f"Session {session.id}" in page and word in page and f"({phase})" in page


def test_a_shared_device_form_asks_the_three_code_questions(app, shipped_app):
    session = new_session(shipped_app, "pupils-primary", shared=True)
    text = " ".join(pdf_text(paper_pdf(session, registry_of(shipped_app), "pre")))
    assert flat(CODE_INTRO) in text
    for question, hint in CODE_QUESTIONS:
        assert flat(f"{question} respondent") in text and hint in text
    assert options_in_order(MONTH_OPTIONS) in text and options_in_order(SIBLING_OPTIONS) in text
    personal = new_session(shipped_app, "pupils-primary", shared=False)
    assert "Your code" not in " ".join(
        pdf_text(paper_pdf(personal, registry_of(shipped_app), "pre"))
    )


def test_the_code_questions_are_worded_as_on_the_pupils_form(app, client):
    """The paper copies the pupil's form's words: this fails when either one changes alone."""
    session = new_session(app, shared=True)
    page = html.unescape(client.get(f"/s/{link_for(session, 'pre').token}").get_data(as_text=True))
    assert CODE_INTRO in page
    for question, hint in CODE_QUESTIONS:
        assert question in page and hint in page


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["sessions", "paper", *args])


def test_the_command_writes_the_pdf(app, tmp_path):
    session = new_session(app)
    target = tmp_path / "paper.pdf"
    result = run(app, str(session.id), "--phase", "post", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "AFTER" in pdf_text(target.read_bytes())[0]


@pytest.mark.parametrize(
    "args, message",
    [
        (["99999", "--phase", "pre"], "no session with id 99999"),
        (["abc", "--phase", "pre"], "'abc' is not a valid integer"),
        (["{id}", "--phase", "during"], "'during' is not one of 'pre', 'post', 'single'"),
        (["{id}", "--phase", "single"], "has no single phase (it has: pre, post)"),
        (["{id}"], "Missing option '--phase'"),
    ],
)
def test_the_command_refuses_a_bad_session_or_phase_plainly(app, tmp_path, args, message):
    session = new_session(app)
    target = tmp_path / "paper.pdf"
    result = run(app, *[a.replace("{id}", str(session.id)) for a in args], "-o", str(target))
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    assert not target.exists()


def test_the_session_page_button_downloads_the_form_and_is_recorded(app, client, signed_in):
    session = new_session(app)
    signed_in("officer")
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    path = f"/sessions/{session.id}/paper/pre.pdf"
    assert f'class="button button-secondary" href="{path}" download' in page
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="paper-{session.id}-pre.pdf"'
    )
    assert "BEFORE" in pdf_text(response.data)[0]
    (entry,) = db.session.scalars(db.select(AuditEntry).filter_by(action="download"))
    assert (entry.target, entry.details) == (f"paper:session {session.id}", {"phase": "pre"})
    assert client.get(f"/sessions/{session.id}/paper/single.pdf").status_code == 404


def test_the_paper_form_is_refused_to_anonymous_users(app, client):
    session = new_session(app)
    response = client.get(f"/sessions/{session.id}/paper/pre.pdf")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
