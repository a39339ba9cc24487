"""Every pupil page in every shipped language: the interface text comes from the catalogue of
the page's language, no English catalogue message is left on it, and it says `lang` and `dir`.

The pages are the shipped pupil questionnaires (both audiences, a shared-devices session so the
matching-code questions show), blank, with errors and with the "still here" notice; the thank-you
page; the not-open-yet and closed pages; the /go page, blank and with its error; and the unknown
link and error pages a pupil can reach.
"""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from survey_app.extensions import db
from survey_app.i18n import RIGHT_TO_LEFT, translations
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session, link_for
from tests.catalogues import TRANSLATED, english_left
from tests.conftest import csrf_token, make_app
from tests.html import input_value, parse
from tests.page_budget import DOCUMENT_DECODED_BYTES, WIRE_BYTES

SHIPPED = Path(__file__).parents[2] / "questionnaires"
AUDIENCES = ("pupils-primary", "pupils-secondary")
BROWSER_ENCODINGS = {"Accept-Encoding": "gzip, deflate"}  # what Chromium and Safari send over HTTP


@pytest.fixture
def shipped(app, database_url):
    """An app on the shipped questionnaires, with an open shared-devices session of each."""
    shipped = make_app(database_url, QUESTIONNAIRE_DIR=SHIPPED, COUNCIL_NAME="Oak City Council",
                       PRIVACY_NOTICE_URL="https://example.org/privacy")  # fmt: skip
    with shipped.app_context():
        tokens = {}
        for qid in AUDIENCES:
            session = create_session(registry_of(shipped), organisation="Oak School",
                                     questionnaire_id=qid, session_date=date(2026, 3, 2),
                                     shared_devices=True, open_now=True)  # fmt: skip
            tokens[qid] = {p: link_for(session, p).token for p in ("pre", "post")}
        yield shipped, tokens


def pupil_pages(client: FlaskClient, token: str, lang: str) -> dict[str, object]:
    """Every page a pupil can see for this link, asked for in `lang`."""
    path, q = f"/s/{token}", f"?lang={lang}"
    blank = client.get(path + q)
    valid = {"csrf_token": csrf_token(blank), "response_id": input_value(blank, "response_id")}
    return {
        "form": blank,
        "form with errors": client.post(path + q, data=valid),
        "form with the expired notice": client.post(path + q, data={"csrf_token": "old"}),
        "thanks": client.get(f"{path}/thanks{q}"),
        "go": client.get("/go" + q),
        "go with an error": client.post("/go" + q, data={"code": "ZZZZ-ZZZZ"}),
        "go with nothing typed": client.post("/go" + q, data={"code": ""}),
        "unknown link": client.get("/s/no-such-link" + q),
        "unknown page": client.get(f"{path}/nothing-here{q}"),
        "wrong method": client.put("/go" + q),
    }


def set_state(shipped, token: str, state: str) -> None:
    from survey_app.models import SessionLink

    with shipped.app_context():
        db.session.query(SessionLink).filter_by(token=token).update({"state": state})
        db.session.commit()


def visible(page) -> str:
    soup = parse(page)
    for hidden in soup.select("style, script"):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


def check(name: str, page, lang: str) -> list[str]:
    """What is wrong with one page in `lang`: English left, or the wrong lang or dir."""
    html = parse(page).html
    direction = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
    problems = [f"{name}: English {piece!r}" for piece in english_left(visible(page), lang)]
    if (html.get("lang"), html.get("dir")) != (lang, direction):
        problems.append(f"{name}: lang/dir {html.get('lang')}/{html.get('dir')}")
    return problems


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_pupil_page_is_wholly_in_its_language(shipped, lang):
    shipped, tokens = shipped
    client = shipped.test_client()
    problems = []
    for qid in AUDIENCES:
        pre, post = tokens[qid]["pre"], tokens[qid]["post"]
        for name, page in pupil_pages(client, pre, lang).items():
            problems += check(f"{qid} {name}", page, lang)
        set_state(shipped, post, "pending")
        problems += check(f"{qid} not open yet", client.get(f"/s/{post}?lang={lang}"), lang)
        set_state(shipped, post, "closed")
        problems += check(f"{qid} closed", client.get(f"/s/{post}?lang={lang}"), lang)
    assert problems == []


def test_the_check_finds_english_left_on_a_page(shipped):
    shipped, tokens = shipped
    client = shipped.test_client()
    english = client.get(f"/s/{tokens['pupils-primary']['pre']}?lang=en")
    assert english_left(visible(english), "pl")  # the English page is full of catalogue text
    problems = check("form", english, "pl")
    assert "form: English 'Send my answers'" in problems and "form: lang/dir en/ltr" in problems


def test_the_matching_code_questions_and_months_are_translated(shipped):
    shipped, tokens = shipped
    page = parse(shipped.test_client().get(f"/s/{tokens['pupils-secondary']['pre']}?lang=pl"))
    months = [o.get_text() for o in page.select("select[name=mc_month] option")]
    assert months[1:4] == ["Styczeń", "Luty", "Marzec"] and len(months) == 13
    assert page.select_one("label[for=mc_letter]").get_text().startswith("Pierwsza litera")
    assert page.select_one("button[type=submit]").get_text() == "Wyślij moje odpowiedzi"


@pytest.mark.parametrize(
    ("query", "header", "lang"),
    [
        ("", "pl-PL,pl;q=0.9,en;q=0.5", "pl"),
        ("?lang=en", "pl-PL,pl;q=0.9", "en"),  # the link's language wins (the switcher's links)
        ("?lang=ro", "pl", "ro"),
        ("?lang=xx", "pa-PK", "pa-Arab"),
        ("", "pa-IN,pa;q=0.9", "en"),  # Gurmukhi Punjabi is not offered: the default
        ("", "fr-FR,fr", "en"),
    ],
)
def test_the_browser_s_language_is_used_when_the_link_names_none(shipped, query, header, lang):
    shipped, tokens = shipped
    client = shipped.test_client()
    path = f"/s/{tokens['pupils-primary']['pre']}"
    form = client.get(path + query, headers={"Accept-Language": header})
    assert parse(form).html["lang"] == lang


@pytest.mark.parametrize(
    ("path", "header", "lang"),
    [
        ("/go", "pl-PL,pl;q=0.9", "pl"),
        ("/go", "", "en"),
        ("/go?lang=pl", "en-GB", "pl"),
        ("/s/no-such-link", "pl", "pl"),
        ("/login", "pl", "en"),  # staff pages stay English
    ],
)
def test_a_page_without_a_questionnaire_takes_the_interface_s_languages(client, path, header, lang):
    assert parse(client.get(path, headers={"Accept-Language": header})).html["lang"] == lang


def test_the_interface_follows_the_questions_not_the_browser(app, client):
    """The sample questionnaire has no Polish: a Polish browser gets its default language's
    questions, and the buttons and errors in that language too, never Polish buttons around
    English questions."""
    from tests.integration.respond_helpers import new_session, url

    path = url(new_session(app, shared_devices=True))
    blank = client.get(path, headers={"Accept-Language": "pl"})
    errors = client.post(
        path,
        data={"csrf_token": csrf_token(blank), "response_id": input_value(blank, "response_id")},
        headers={"Accept-Language": "pl"},
    )
    for page in (blank, errors):
        assert parse(page).html["lang"] == "en"
        assert parse(page).select_one("button[type=submit]").get_text() == "Send my answers"
    assert english_left(visible(errors), "pl")  # the check would see English: it is all English
    assert "Wybierz" not in visible(errors)


@pytest.mark.parametrize("lang", ("en", *TRANSLATED))
def test_the_first_load_stays_within_its_budget_in_every_language(shipped, lang):
    """The first load's page (the blank form with the notice and the matching code) of each
    audience: its HTML on the wire, and decoded within the page's own cap (its scripts are
    counted with it in tests/browser/test_pupil_flow.py)."""
    shipped, tokens = shipped
    client = shipped.test_client()
    for qid in AUDIENCES:
        page = client.get(f"/s/{tokens[qid]['pre']}?lang={lang}", headers=BROWSER_ENCODINGS)
        assert page.headers["Content-Encoding"] == "gzip"
        wire = len(page.get_data()) + sum(len(f"{k}: {v}\r\n") for k, v in page.headers.items())
        decoded = len(gzip.decompress(page.get_data()))
        assert wire <= WIRE_BYTES, f"{qid} in {lang}: {wire} bytes on the wire"
        assert decoded <= DOCUMENT_DECODED_BYTES, f"{qid} in {lang}: {decoded} bytes decoded"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_slow_down_pages_are_wholly_in_their_language(app, database_url, lang):
    """The pages of the pupil abuse limits (respond/abuse_limits.py), met at once: limits of 0."""
    limited = make_app(database_url, QUESTIONNAIRE_DIR=SHIPPED, PUPIL_LINK_LIMIT="0 per minute",
                       GO_ADDRESS_LIMIT="0 per minute")  # fmt: skip
    with limited.app_context():
        session = create_session(registry_of(limited), organisation="Oak School",
                                 questionnaire_id=AUDIENCES[0], session_date=date(2026, 3, 2),
                                 shared_devices=True, open_now=True)  # fmt: skip
        client, path = limited.test_client(), f"/s/{link_for(session, 'pre').token}?lang={lang}"
        blank = client.get(path)
        valid = {"csrf_token": csrf_token(blank), "response_id": input_value(blank, "response_id")}
        pages = {
            "slow down": client.post(path, data=valid),
            "go, too many codes": client.post(f"/go?lang={lang}", data={"code": "ZZZZ"}),
        }
        assert [page.status_code for page in pages.values()] == [429, 429]
        assert [p for name, page in pages.items() for p in check(name, page, lang)] == []


@pytest.mark.parametrize("lang", ("en", *TRANSLATED))
def test_every_pupil_page_links_to_the_accessibility_statement_in_its_language(shipped, lang):
    """The footer's link, worded from the page's catalogue (English only in English)."""
    shipped, tokens = shipped
    client = shipped.test_client()
    wording = translations(lang).gettext("Accessibility statement")
    assert (wording == "Accessibility statement") is (lang == "en")
    for qid in AUDIENCES:
        for name, page in pupil_pages(client, tokens[qid]["pre"], lang).items():
            links = parse(page).select("footer a[href='/accessibility']")
            assert [a.get_text(strip=True) for a in links] == [wording], f"{qid} {name}"
