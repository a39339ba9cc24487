"""The matcher: whole normalised words, in the answer's language and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_app.safeguarding.matcher import Matcher
from survey_app.safeguarding.normalise import words
from survey_app.safeguarding.terms import load_folder

SHIPPED = Path(__file__).resolve().parents[2] / "survey_app" / "safeguarding" / "terms"
MATCHER = Matcher(load_folder(SHIPPED))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kill  MYSELF!!", ("kil", "myself")),
        ("k1ll mys3lf", ("kil", "myself")),
        ("Zażółć gęślą", ("zazolc", "gesla")),
        ("café", ("cafe",)),
        ("year 7 in 2026", ("year", "7", "in", "2026")),
        ("self-harm", ("self", "harm")),
    ],
)
def test_words_are_normalised(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        ("sometimes I want to KILL myself", "en", "harm_to_self"),
        ("i want to kil myslef", "en", "harm_to_self"),  # misspelt, one letter short
        ("feeling suicidal lately", "en", "harm_to_self"),
        ("my stepdad hits me", "en", "harm_by_others"),
        ("he touched me and said not to tell", "en", "abuse"),
        ("a man online said I should join isis", "en", "extremism"),
        ("they told me to go back to your country", "en", "hate"),
        ("I get bulllied every day", "en", "bullying"),
        ("Chcę umrzeć", "pl", "harm_to_self"),
        ("chce umrzec", "pl", "harm_to_self"),  # typed without Polish letters
        ("میں خودکشی کے بارے میں سوچتا ہوں", "ur", "harm_to_self"),
        ("I get bullied", "pl", "bullying"),  # English is checked in every language
    ],
)
def test_a_planted_phrase_is_found_in_its_category(text, language, category):
    assert [hit.category for hit in MATCHER.find(text, language)] == [category]


@pytest.mark.parametrize(
    "text",
    [
        "I have skilled myself in coding",  # 'kill myself' inside 'skilled myself'
        "We ate grapes at Scunthorpe",  # 'rape' inside 'grapes'
        "The climate crisis and my therapist",  # 'isis', 'rapist' inside other words
        "We learned why racism is wrong and what extremism is",  # the lesson's topics
        "",
    ],
)
def test_an_innocent_sentence_matches_nothing(text):
    assert MATCHER.find(text, "en") == ()


def test_a_term_found_twice_is_one_hit():
    assert len(MATCHER.find("bullied, bullied, BULLIED", "en")) == 1
