"""The notice before question 1: who asks, anonymity, what happens to the answers and for how
long, skipping and stopping, where to get help; per audience; the privacy notice linked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session, link_for
from tests.conftest import make_app
from tests.html import links, parse, text

SHIPPED = Path(__file__).parents[2] / "questionnaires"
CHILDLINE = "0800 1111"
SITE = "childline.org.uk"


def form_page(database_url, questionnaire_id, lang="en", **settings):
    app = make_app(database_url, QUESTIONNAIRE_DIR=SHIPPED, **settings)
    with app.app_context():
        session = create_session(registry_of(app), organisation="Oak School",
                                 questionnaire_id=questionnaire_id, session_date=date(2026, 3, 2),
                                 open_now=True)  # fmt: skip
        return app.test_client().get(f"/s/{link_for(session, 'pre').token}?lang={lang}")


def test_the_notice_comes_before_question_1_and_says_who_asks(app, database_url):
    page = form_page(database_url, "pupils-primary", COUNCIL_NAME="Oak City Council",
                     PRIVACY_NOTICE_URL="https://example.org/privacy")  # fmt: skip
    soup = parse(page)
    notice, first_question = soup.select_one("ul.nt"), soup.select_one("form .q")
    assert notice is not None and first_question is not None
    assert notice in first_question.find_all_previous("ul")
    words = text(page, ".nt")
    assert "This survey is from Oak City Council." in words
    assert "nobody, not even your school, can find out which answers are yours." in words
    assert "Your answers can't be used to find you, so they can't get you help." in words
    assert "kept for 2 years, then deleted" in words  # RETENTION_DAYS' default, 730
    assert ("https://example.org/privacy", "Privacy notice") in links(page, ".nt a")


@pytest.mark.parametrize(
    ("questionnaire_id", "present", "absent"),
    [
        ("pupils-primary", ["an adult you trust now", CHILDLINE, SITE], ["session leader"]),
        ("pupils-secondary", ["an adult you trust now", CHILDLINE, SITE], ["session leader"]),
        (
            "adult-participants",
            [
                "Nobody will know which answers are yours.",
                "the session leader or someone you trust",
            ],
            [CHILDLINE, "your school"],
        ),
    ],
)
def test_each_audience_has_its_own_notice(app, database_url, questionnaire_id, present, absent):
    words = text(form_page(database_url, questionnaire_id), ".nt")
    assert "skip a question or stop at any time" in words
    assert all(p in words for p in present) and not any(a in words for a in absent)


@pytest.mark.parametrize("url", ["", "javascript:alert(1)", "example.org/privacy"])
def test_without_a_web_address_for_the_privacy_notice_there_is_no_link(app, database_url, url):
    page = form_page(database_url, "pupils-secondary", PRIVACY_NOTICE_URL=url)
    assert links(page, ".nt a") == []
    assert "This survey is from your local council." in text(page, ".nt")


def test_the_notice_is_in_the_page_s_language_with_the_retention_in_years(app, database_url):
    page = form_page(database_url, "pupils-primary", lang="pl", RETENTION_DAYS=365 * 5)
    words = text(page, ".nt")
    assert words.startswith("Tę ankietę prowadzi") and "przez 5 lat" in words and CHILDLINE in words
    one_year = form_page(database_url, "pupils-primary", lang="ar", RETENTION_DAYS=365)
    assert "سنة واحدة" in text(one_year, ".nt")
