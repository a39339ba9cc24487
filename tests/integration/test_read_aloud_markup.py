"""The read-aloud buttons as served (ADR 0039): one per question, hidden until the script finds
a voice (so a page without scripts is as before), named by the page's one "Listen" in its
language and the question; the script is one same-origin static file, nothing inline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session, link_for
from tests.conftest import make_app
from tests.html import parse

SHIPPED = Path(__file__).parents[2] / "questionnaires"
LISTEN = {"en": "Listen", "pl": "Posłuchaj", "ur": "سنیں", "ckb": "گوێ بگرە"}


@pytest.fixture
def form_path(app, database_url):
    shipped = make_app(database_url, QUESTIONNAIRE_DIR=SHIPPED)
    with shipped.app_context():
        session = create_session(registry_of(shipped), organisation="Oak School",
                                 questionnaire_id="pupils-secondary", session_date=date(2026, 3, 2),
                                 shared_devices=True, open_now=True)  # fmt: skip
        yield shipped.test_client(), f"/s/{link_for(session, 'pre').token}"


@pytest.mark.parametrize("lang", sorted(LISTEN))
def test_every_question_has_a_hidden_listen_button_named_by_it(form_path, lang):
    client, path = form_path
    page = parse(client.get(f"{path}?lang={lang}"))
    (label,) = page.select("#listen-label[hidden]")  # once: the script writes it in each button
    assert label.get_text() == LISTEN[lang]
    questions = page.select(".q")
    assert len(questions) >= 10 + 3  # the items and the code's three questions
    asked = set()
    for question in questions:
        (button,) = question.select("button.ra")
        assert button["type"] == "button" and button.has_attr("hidden")
        assert button.get_text() == ""
        shared, own = button["aria-labelledby"].split()
        named = page.find(id=own)
        assert shared == "listen-label" and named in question.select("legend, label.lb")
        assert named.get_text(strip=True)
        asked.add(named.get_text(strip=True))
    assert len(asked) == len(questions)  # each button's name is its own


def test_the_script_is_one_static_file_and_nothing_is_inline(form_path):
    client, path = form_path
    page = parse(client.get(path))
    scripts = page.select("script")
    assert "/static/read-aloud.js" in [s.get("src") for s in scripts]
    assert all(s.get("src", "").startswith("/static/") and not s.string for s in scripts)
    served = client.get("/static/read-aloud.js")
    assert served.status_code == 200 and "javascript" in served.content_type
    assert "speechSynthesis" in served.get_data(as_text=True)
    assert "http" not in served.get_data(as_text=True)  # no address of anywhere else
