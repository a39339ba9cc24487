"""The pupil questionnaires ship in every language the council asked for, as drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_app.questionnaire.loader import load_folder

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = {"pl", "ur", "ar", "ro", "sk", "pa-Arab", "ckb"}
SHIPPED = {"pupils-primary": LANGUAGES, "pupils-secondary": LANGUAGES}


@pytest.mark.parametrize("questionnaire_id", sorted(SHIPPED))
def test_the_pupil_questionnaire_loads_with_every_shipped_language(questionnaire_id):
    questionnaire = load_folder(ROOT / "questionnaires").get(questionnaire_id, 1)
    assert set(questionnaire.translations) == SHIPPED[questionnaire_id]
    # Drafts until a native speaker has checked them: the council relies on that mark.
    assert set(questionnaire.draft_languages()) == SHIPPED[questionnaire_id]


@pytest.mark.parametrize("questionnaire_id", sorted(SHIPPED))
def test_the_same_english_answer_has_the_same_words_in_every_language(questionnaire_id):
    """The "I don't know" of the worry set reads as in the others: no answer is reworded."""
    questionnaire = load_folder(ROOT / "questionnaires").get(questionnaire_id, 1)
    options = [o for rs in questionnaire.response_sets.values() for o in rs.options]
    for language in SHIPPED[questionnaire_id]:
        words: dict[str, set[str]] = {}
        for option in options:
            words.setdefault(option.label["en"], set()).add(option.label[language])
        assert all(len(labels) == 1 for labels in words.values()), (language, words)
