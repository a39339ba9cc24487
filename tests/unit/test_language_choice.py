"""Which language a pupil's page is in: ?lang=, then Accept-Language, then the default."""

from __future__ import annotations

import pytest

from survey_app.respond.language import best_offered, choose_language

OFFERED = ("en", "pl", "ro", "sk", "ur", "ar", "pa-Arab", "ckb")


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7", "pl"),  # Chrome set to Polish
        ("en-GB,en;q=0.9,pl;q=0.8", "en"),
        ("fr-FR,ro;q=0.5", "ro"),  # the best one we offer, not the best one asked for
        ("de, sk;q=0.1, ar;q=0.2", "ar"),  # by weight, not by order
        ("ar-SA", "ar"),
        ("ur-PK", "ur"),
        ("pa-PK", "pa-Arab"),  # Punjabi in Pakistan is written in Shahmukhi
        ("pa-Arab-PK", "pa-Arab"),
        ("PA-ARAB", "pa-Arab"),
        ("pa-IN", None),  # Gurmukhi: never a Shahmukhi page for a Gurmukhi reader
        ("pa", None),
        ("ckb-IQ", "ckb"),
        ("ku-IQ", "ckb"),  # Kurdish in Iraq, in Arabic script: Sorani
        ("ku", None),  # Kurmanji, in Latin script
        ("pl;q=0, en;q=0.1", "en"),  # q=0 means "not this"
        ("*", None),
        ("fr, de", None),
        ("", None),
        ("pl;q=abc", None),  # a broken weight counts as 0
        (",,;;=,pl", "pl"),
    ],
)
def test_the_browser_s_preferred_offered_language(header, chosen):
    assert best_offered(header, OFFERED) == chosen


def test_the_link_s_language_wins_then_the_browser_s_then_the_first():
    assert choose_language("ro", "pl", OFFERED) == "ro"
    assert choose_language("fr", "pl", OFFERED) == "pl"  # a language not offered is ignored
    assert choose_language(None, "de", OFFERED) == "en"
    assert choose_language(None, "pl", ("en",)) == "en"  # only what this version has
    assert choose_language(None, "pl", ("cy", "en")) == "cy"


def test_a_huge_header_is_cut_before_it_is_cached():
    header = "de;q=0.9," * 10_000 + "pl"
    assert choose_language(None, header, OFFERED) == "en"
