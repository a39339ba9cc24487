"""The form's language switcher (issue 11 item 5): submit buttons inside the form, each language
named in itself, so switching sends the answers given so far and gets them back in the chosen
language, with the same response id, no errors and nothing stored. A response id already stored
is never shown with answers again (ADR 0030)."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_app.i18n import LANGUAGES, RIGHT_TO_LEFT, direction
from tests.conftest import csrf_token, make_app
from tests.html import input_value, parse
from tests.integration.respond_helpers import CODE, new_session, stored, url

SHIPPED = Path(__file__).parents[2] / "questionnaires"
TWO_ANSWERS = {"q_speak_freely": "4", "q_mix_often_school": "2"}


@pytest.fixture
def shipped(app, database_url):
    """An app on the shipped questionnaires; `app` empties every table afterwards."""
    shipped = make_app(database_url, QUESTIONNAIRE_DIR=SHIPPED)
    with shipped.app_context():
        yield shipped


def opened(client, path: str) -> dict[str, str]:
    page = client.get(path)
    return {"csrf_token": csrf_token(page), "response_id": input_value(page, "response_id")}


def chosen(page) -> dict[str, str]:
    soup = parse(page)
    answers = {i["name"]: i["value"] for i in soup.select("input[checked]")}
    typed = {i["name"]: i["value"] for i in soup.select("input[type=text][value]") if i["value"]}
    picked = {o.parent["name"]: o["value"] for o in soup.select("option[selected]")}
    return answers | typed | picked


def test_the_table_says_which_languages_are_written_right_to_left():
    assert {"ar", "ur", "pa-Arab", "ckb"} == RIGHT_TO_LEFT
    assert [direction(c) for c in ("pa-Arab", "ckb", "pl", "pa", "kmr")] == [
        "rtl", "rtl", "ltr", "ltr", "ltr"
    ]  # fmt: skip
    assert LANGUAGES["ur"].name == "اردو" and LANGUAGES["ro"].name == "Română"


def test_each_other_language_is_a_button_in_the_form_named_in_itself(shipped):
    page = parse(shipped.test_client().get(url(new_session(shipped, True, "pupils-secondary"))))
    buttons = page.select("form button[name=switch_language]")
    assert [(b["value"], b.get_text(), b["lang"]) for b in buttons] == [
        (code, LANGUAGES[code].name, code)
        for code in ("ar", "ckb", "pa-Arab", "pl", "ro", "sk", "ur")
    ]
    assert all(b.has_attr("formnovalidate") and b["type"] == "submit" for b in buttons)
    # Enter in a text box presses the form's first submit button: Send, never a language.
    first = page.select_one("form button")
    assert first.get("name") is None and first.get_text() == "Send my answers"
    assert page.select_one("form")["action"] == "?lang=en"


def test_switching_keeps_the_answers_and_the_response_id_and_stores_nothing(shipped):
    client, path = shipped.test_client(), url(new_session(shipped, True, "pupils-secondary"))
    ids = opened(client, path)
    switched = client.post(path, data=ids | TWO_ANSWERS | CODE | {"switch_language": "pl"})
    assert switched.status_code == 200
    page = parse(switched)
    assert (page.html["lang"], page.html["dir"]) == ("pl", "ltr")
    assert chosen(switched) == TWO_ANSWERS | CODE  # the letter as typed
    assert input_value(switched, "response_id") == ids["response_id"]
    assert page.select(".es, .em, .err") == [] and not page.title.get_text().startswith("Błąd")
    assert page.select_one("form")["action"] == "?lang=pl"
    assert "Polski" not in [b.get_text() for b in page.select("button[name=switch_language]")]
    assert stored() == []

    # The switched page's token is good: Send stores once, in Polish, under the same id.
    everything = {n: "1" for n in {i["name"] for i in page.select("input[type=radio]")}}
    sent = client.post(f"{path}?lang=pl", data=again(switched) | everything | TWO_ANSWERS | CODE)
    assert sent.status_code == 303 and "lang=pl" in sent.headers["Location"]
    [response] = stored()
    assert (response.response_uuid, response.language) == (ids["response_id"], "pl")
    assert response.answers["speak_freely"] == 4


def again(page) -> dict[str, str]:
    """The hidden values of a page the server sent back."""
    return {"csrf_token": csrf_token(page), "response_id": input_value(page, "response_id")}


def test_switching_to_a_right_to_left_language_turns_the_page(shipped):
    client, path = shipped.test_client(), url(new_session(shipped, False, "pupils-primary"))
    switched = client.post(path, data=opened(client, path) | {"switch_language": "ckb"})
    assert (parse(switched).html["lang"], parse(switched).html["dir"]) == ("ckb", "rtl")


def test_a_switch_from_an_expired_page_keeps_its_id_with_a_good_token(shipped):
    shipped.config["FORM_TOKEN_MAX_AGE"] = -1000  # every token is already too old
    client, path = shipped.test_client(), url(new_session(shipped, True, "pupils-secondary"))
    ids = opened(client, path)
    switched = client.post(path, data=ids | TWO_ANSWERS | {"switch_language": "ro"})
    assert switched.status_code == 200 and parse(switched).html["lang"] == "ro"
    assert input_value(switched, "response_id") == ids["response_id"]
    assert chosen(switched) == TWO_ANSWERS


def test_a_switch_with_a_forged_token_gets_a_new_id(shipped):
    client, path = shipped.test_client(), url(new_session(shipped, True, "pupils-secondary"))
    mine = "0d5b7c3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f"
    switched = client.post(
        path, data={"csrf_token": "forged", "response_id": mine, "switch_language": "sk"}
    )
    assert switched.status_code == 200 and input_value(switched, "response_id") != mine


def test_a_switch_carrying_a_stored_response_id_gets_a_fresh_empty_form(app, client):
    """ADR 0030: Back to pupil 1's page and a tap on a language must not show their answers."""
    from tests.integration.respond_helpers import PRE

    path = url(new_session(app, shared_devices=True))
    ids = opened(client, path)
    assert client.post(path, data=ids | PRE | CODE).status_code == 303
    again = client.post(path, data=ids | PRE | CODE | {"switch_language": "en"})
    assert again.status_code == 303
    fresh = client.get(again.headers["Location"])
    assert chosen(fresh) == {} and input_value(fresh, "response_id") != ids["response_id"]
    assert len(stored()) == 1


@pytest.mark.parametrize(
    ("lang", "font"),
    [("ur", "Noto Nastaliq Urdu"), ("pa-Arab", "Noto Nastaliq Urdu"), ("ar", "Geeza Pro"),
     ("ckb", "Noto Naskh Arabic"), ("en", None), ("pl", None)],
)  # fmt: skip
def test_only_arabic_script_pages_name_their_script_s_system_fonts(shipped, lang, font):
    page = parse(
        shipped.test_client().get(
            f"{url(new_session(shipped, False, 'pupils-primary'))}?lang={lang}"
        )
    )
    style = page.select_one("style").get_text()
    assert ("Nastaliq" in style or "Naskh" in style) is (font is not None)
    assert font is None or f'"{font}"' in style
    # Only Urdu brings a face of its own (ADR 0040, tests/integration/test_urdu_font_served.py).
    assert ("@font-face" in style) is (lang == "ur")
