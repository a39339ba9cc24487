"""Where a pupil can get help, in the form's language (issue 16 item 7): the notice before
question 1 says the answers are anonymous (not even the school can find out whose they are) and
where to get help now; the thank-you page and every free-text question show the help line.

The pages are the shipped pupil questionnaires in every shipped language, as a pupil gets them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session, link_for
from tests.catalogues import TRANSLATED, catalogue, po_path
from tests.conftest import make_app
from tests.html import links, parse, text, text_of
from tests.integration.test_interface_languages import check

SHIPPED = Path(__file__).parents[2] / "questionnaires"
AUDIENCES = ("pupils-primary", "pupils-secondary")
ANONYMOUS = (
    "You do not write your name, so nobody, not even your school, can find out which answers "
    "are yours."
)
HELP_NOW = (
    "Your answers can't be used to find you, so they can't get you help. If something is "
    "worrying you, talk to an adult you trust now, or call Childline free on 0800 1111 or go to "
    "%(childline)s."
)
HELP = (
    "Worried about something? Talk to an adult you trust, or call Childline free on 0800 1111 or "
    "go to %(childline)s."
)
SITE = "childline.org.uk"


def said(msgid: str, lang: str) -> str:
    """The words of a catalogue message in `lang`, as the page shows them."""
    words = msgid if lang == "en" else str(catalogue(po_path(lang))[msgid].string)
    assert words, f"{msgid!r} has no {lang} translation"
    return words % {"childline": SITE} if "%(childline)s" in msgid else words


@pytest.fixture(scope="module")
def shipped(database_url):
    app = make_app(database_url, QUESTIONNAIRE_DIR=SHIPPED, COUNCIL_NAME="Oak City Council")
    with app.app_context():
        tokens = {}
        for qid in (*AUDIENCES, "adult-participants", "community-feedback"):
            session = create_session(registry_of(app), organisation="Oak School",
                                     questionnaire_id=qid, session_date=date(2026, 3, 2),
                                     open_now=True)  # fmt: skip
            q = registry_of(app).latest(qid)
            phases = ("single",) if q.items_for("single") else ("pre", "post")
            tokens[qid] = {p: link_for(session, p).token for p in phases}
        yield app, tokens
        from tests.conftest import empty_every_table

        empty_every_table()


@pytest.mark.parametrize("lang", ("en", *TRANSLATED))
@pytest.mark.parametrize("qid", AUDIENCES)
def test_the_notice_says_anonymous_and_where_to_get_help_now(shipped, qid, lang):
    app, tokens = shipped
    form = app.test_client().get(f"/s/{tokens[qid]['pre']}?lang={lang}")
    notice = text(form, "ul.nt")
    assert said(ANONYMOUS, lang) in notice
    assert said(HELP_NOW, lang) in notice
    assert "0800 1111" in notice and SITE in notice


@pytest.mark.parametrize("lang", ("en", *TRANSLATED))
@pytest.mark.parametrize("qid", AUDIENCES)
def test_every_free_text_question_shows_the_help_line(shipped, qid, lang):
    app, tokens = shipped
    form = app.test_client().get(f"/s/{tokens[qid]['post']}?lang={lang}")
    boxes = parse(form).select("textarea")
    assert boxes, "the AFTER form has a free-text question"
    for box in boxes:
        # The help is read out with the box (aria-describedby), not only shown near it.
        described = box["aria-describedby"].split()
        helps = [t for i in described for t in text_of(form, f"#{i}") if "0800 1111" in t]
        assert helps == [said(HELP, lang)], box["id"]
    if lang != "en":
        assert check(f"{qid} after", form, lang) == []  # and nothing English left on it


@pytest.mark.parametrize("lang", ("en", *TRANSLATED))
@pytest.mark.parametrize("qid", AUDIENCES)
def test_the_thank_you_page_shows_the_help_line_with_a_link(shipped, qid, lang):
    app, tokens = shipped
    thanks = app.test_client().get(f"/s/{tokens[qid]['post']}/thanks?lang={lang}")
    assert said(HELP, lang) == " ".join(parse(thanks).select_one("p.nt").get_text().split())
    assert ("https://www.childline.org.uk/", SITE) in links(thanks, "p.nt a")
    if lang != "en":
        assert check(f"{qid} thanks", thanks, lang) == []


def test_adults_are_pointed_to_the_session_leader_and_stakeholders_to_nobody(shipped):
    app, tokens = shipped
    client = app.test_client()
    adult = "Worried? Talk to the session leader or someone you trust."
    after = client.get(f"/s/{tokens['adult-participants']['post']}")
    assert [adult] == [t for t in text_of(after, ".hint") if "Worried" in t]
    assert adult in text(client.get(f"/s/{tokens['adult-participants']['post']}/thanks"))
    feedback = client.get(f"/s/{tokens['community-feedback']['single']}")
    # No help line among its questions (the form also holds the notice above them).
    assert parse(feedback).select("textarea") and "Worried" not in text(feedback, "form .q")
    assert "Childline" not in text(after) + text(feedback)
