"""The interface catalogues: extracted from the code as it is, compiled as committed, complete
for every pupil message, placeholders kept, and marked as drafts until a native speaker checks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo

from survey_app.i18n import INTERFACE_LANGUAGES, TRANSLATIONS_DIR, gettext_in
from survey_app.questionnaire.loader import load_folder
from tests.catalogues import POT, TRANSLATED, catalogue, is_pupil_message, msgids, po_path

ROOT = Path(__file__).parents[2]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "N_": None,
    "lazy_ngettext": (1, 2),
}


def extracted() -> set[str]:
    """What `make translations` would put in messages.pot today."""
    method_map = [("survey_app/**.py", "python"), ("survey_app/templates/**.html", "jinja2")]
    found = extract_from_dir(str(ROOT), method_map, keywords=KEYWORDS, comment_tags=())
    return {msgid if isinstance(msgid, str) else msgid[0] for _, _, msgid, _, _ in found}


def test_the_template_holds_every_marked_message_and_no_other():
    assert extracted() == msgids(catalogue(POT)), "run `make translations`"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_language_has_the_template_s_messages(lang):
    assert msgids(catalogue(po_path(lang))) == msgids(catalogue(POT)), "run `make translations`"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_committed_mo_is_its_po_compiled(lang):
    po = po_path(lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(po))
    assert po.with_suffix(".mo").read_bytes() == compiled.getvalue(), "run `make translations`"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_pupil_message_is_translated_with_its_placeholders(lang):
    cat = catalogue(po_path(lang))
    untranslated = [m.id for m in cat if m.id and is_pupil_message(m) and not m.string]
    fuzzy = [m.id for m in cat if m.id and m.fuzzy]
    assert (untranslated, fuzzy) == ([], [])
    assert [(m.id, errors) for m, errors in cat.check()] == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_language_is_marked_as_a_draft_for_a_native_speaker(lang):
    head = po_path(lang).read_text(encoding="utf-8")[:600]
    assert "DRAFT" in head and "native speaker" in head


def test_every_translated_interface_language_has_a_catalogue():
    found = {p.parent.parent.name for p in TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po")}
    assert found == {lang.replace("-", "_") for lang in TRANSLATED}
    assert INTERFACE_LANGUAGES[0] == "en"


def test_messages_are_looked_up_without_a_request():
    assert gettext_in("pl", "Send my answers") == "Wyślij moje odpowiedzi"
    assert gettext_in("pl", "Enter a number for: %(question)s", question="Ile?") == (
        "Wpisz liczbę w pytaniu: Ile?"
    )
    assert gettext_in("en", "Send my answers") == gettext_in("xx", "Send my answers")


def test_every_language_of_a_shipped_questionnaire_has_an_interface_catalogue():
    """Else a page would show its questions in one language and its buttons in English."""
    registry = load_folder(ROOT / "questionnaires")
    languages = {lang for q in registry for lang in q.languages}
    assert languages - set(INTERFACE_LANGUAGES) == set()
    assert {"pl", "ro", "sk", "ur", "ar", "pa-Arab", "ckb"} <= languages
