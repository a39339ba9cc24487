"""Read-aloud in real Chromium (ADR 0039), with the browser's speechSynthesis replaced by a fake
whose voices the test chooses (headless Chromium may have none): the buttons stay hidden without
a voice of the page's language, and a tap reads the question and its answers with one."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.browser.conftest import SHIPPED_QUESTIONNAIRES
from tests.browser.test_pupil_flow import assert_accessible

pytestmark = pytest.mark.browser

# Voices come after `load`, with `voiceschanged`, as Chromium may list them: none before.
FAKE_SPEECH = """(voices) => {
    const listeners = [], spoken = [];
    let listed = [];
    window.__spoken = spoken;
    window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; };
    const fake = {
        speaking: false, pending: false, paused: false,
        getVoices: () => listed.slice(),
        speak: (u) => spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name}),
        cancel: () => {}, pause: () => {}, resume: () => {},
        addEventListener: (type, f) => { if (type === 'voiceschanged') listeners.push(f); },
        removeEventListener: () => {},
    };
    Object.defineProperty(window, 'speechSynthesis', {get: () => fake, configurable: true});
    window.addEventListener('load', () => setTimeout(() => {
        listed = voices;
        listeners.forEach((f) => f(new Event('voiceschanged')));
    }, 100));
}"""
ENGLISH = {"name": "Daniel", "lang": "en-GB", "localService": True, "default": True}
URDU = {"name": "Urdu (Pakistan)", "lang": "ur-PK", "localService": True, "default": False}
GURMUKHI = {"name": "Punjabi (India)", "lang": "pa-IN", "localService": True, "default": False}


def urdu_page(live_server, ipad, voices: list[dict], lang: str = "ur"):
    server = live_server(questionnaire_dir=SHIPPED_QUESTIONNAIRES)
    session = server.create_session("pupils-primary")
    page = ipad.new_page()
    page.add_init_script(f"({FAKE_SPEECH})({json.dumps(voices)})")
    page.goto(f"{session['pre']}?lang={lang}")
    assert page.get_attribute("html", "lang") == lang
    page.wait_for_timeout(400)  # past the fake's voiceschanged
    return page


@pytest.mark.parametrize(
    ("voices", "lang"), [([ENGLISH], "ur"), ([ENGLISH, GURMUKHI], "pa-Arab"), ([], "en")]
)
def test_without_a_voice_of_the_pages_language_no_button_shows(live_server, ipad, voices, lang):
    page = urdu_page(live_server, ipad, voices, lang)
    buttons = page.locator("button.ra")
    assert buttons.count() >= 10  # one per question, the questions being there
    assert page.locator("button.ra:visible").count() == 0


def test_a_tap_reads_the_question_and_its_answers_in_urdu(live_server, ipad, axe):
    page = urdu_page(live_server, ipad, [ENGLISH, URDU])
    questions = page.locator(".q")
    assert page.locator("button.ra:visible").count() == questions.count() >= 10
    assert_accessible(axe, page, "Urdu form with its Listen buttons")
    first = page.locator("button.ra").first
    assert first.text_content() == "سنیں"  # the page's one label, written in by the script
    assert first.evaluate("b => b.getBoundingClientRect().height") >= 44
    name = first.evaluate(
        "b => b.getAttribute('aria-labelledby').split(' ')"
        ".map(id => document.getElementById(id).textContent.trim()).join(' ')"
    )
    translation = yaml.safe_load((SHIPPED_QUESTIONNAIRES / "pupils-primary/v1.ur.yaml").read_text())
    question = translation["items"]["say_what_i_think"]["text"]
    assert name == f"سنیں {question}"
    assert page.evaluate("window.__spoken") == []  # nothing before the tap
    first.tap()
    spoken = page.evaluate("window.__spoken")
    *scale, dont_know = translation["response_sets"]["smiley"].values()
    # "or" (یا), as printed before "I don't know", set apart from the scale.
    assert [s["text"] for s in spoken] == [question, *scale, "یا", dont_know]
    assert {(s["lang"], s["voice"]) for s in spoken} == {("ur-PK", "Urdu (Pakistan)")}
