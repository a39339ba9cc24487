"""The matching code's letter (ADR 0038): one letter of any script, stored so that the same
letter typed on two keyboards is the same, and anything else refused."""

from __future__ import annotations

import pytest

from survey_app.respond.code_parts import code_from_text, code_letter, looks_like_code

SAME = [
    ("e\u0301", "\u00e9", "E"),  # decomposed and composed
    ("\u0141", "l", "L"),  # a Polish keyboard and an English one (the stroke comes off)
    ("\u0161", "S", "S"),  # Slovak š; Romanian ș below
    ("\u0219", "s", "S"),
    ("\ufe8f", "\u0628", "\u0628"),  # Arabic presentation form (isolated beh) and the letter
    ("\ufee1", "\u0645", "\u0645"),  # meem, isolated form
    ("\u0623", "\u0627", "\u0627"),  # alef with hamza: the hamza is a mark, like an accent
    ("\u06a9", "\u0643", "\u0643"),  # keheh (Urdu, Sorani keyboards) and kaf (Arabic)
    ("\u06cc", "\u064a", "\u064a"),  # Farsi yeh and Arabic yeh
    ("\uff21", "a", "A"),  # full-width Latin
    ("\u0436", "\u0416", "\u0416"),  # a cased script other than Latin
    ("\u200f\u0628", "\u0628", "\u0628"),  # a right-to-left mark before the letter
]


@pytest.mark.parametrize(("one", "other", "stored"), SAME)
def test_one_letter_from_two_keyboards_is_stored_once(one, other, stored):
    assert code_letter(one) == code_letter(other) == stored


@pytest.mark.parametrize(
    "typed",
    ["", " ", "7", "\u0663", "\uff17", "AB", "\u0141K", "\ufefb", "-", ".", "\u0640", "\u0301"],
)
def test_anything_but_one_letter_is_refused(typed):
    assert code_letter(typed) is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [("\u0141-07-2", "L-07-2"), ("\u0142-7-2", "L-07-2"), ("\u0628 - 12 - 0", "\u0628-12-0"),
     ("a-1-5", "A-01-5"), ("\u0141-13-2", None), ("\u0141-00-2", None), ("\u0141-07-6", None),
     ("\u0141K-07-2", None)],
)  # fmt: skip
def test_a_paper_code_is_read_with_the_same_letter_rule(typed, code):
    assert looks_like_code(typed) and code_from_text(typed) == code


@pytest.mark.parametrize("typed", ["17", "17-3", "12-03-1", "A-07"])
def test_a_respondent_number_is_not_a_code(typed):
    assert not looks_like_code(typed)
