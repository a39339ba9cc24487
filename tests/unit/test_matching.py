"""Anonymous matching: device keys, exact codes, one-element-apart codes, ambiguity."""

from __future__ import annotations

import pandas as pd

from survey_app.scoring.matching import match_pairs


def frame(rows):
    return pd.DataFrame(
        rows, columns=["response_id", "session_id", "phase", "respondent_key", "match_code"]
    )


def pairs_of(rows):
    found = match_pairs(frame(rows))
    return {(r.pre_id, r.post_id, r.method) for r in found.itertuples()}


def test_device_key_pairs_within_a_session_only():
    rows = [
        (1, 10, "pre", "k1", None),
        (2, 10, "post", "k1", None),
        (3, 11, "post", "k1", None),
        (4, 10, "pre", "k2", None),
    ]
    assert pairs_of(rows) == {(1, 2, "device")}


def test_a_device_key_seen_twice_in_one_phase_is_ambiguous():
    rows = [(1, 10, "pre", "k1", None), (2, 10, "pre", "k1", None), (3, 10, "post", "k1", None)]
    assert pairs_of(rows) == set()


def test_exact_codes_then_one_element_apart():
    rows = [
        (1, 10, "pre", None, "A-07-2"),
        (2, 10, "post", None, "A-07-2"),
        (3, 10, "pre", None, "M-03-0"),
        (4, 10, "post", None, "M-03-1"),
    ]
    assert pairs_of(rows) == {(1, 2, "code_exact"), (3, 4, "code_near")}


def test_an_ambiguous_near_code_stays_unmatched():
    rows = [
        (1, 10, "pre", None, "M-03-0"),
        (2, 10, "post", None, "M-03-1"),
        (3, 10, "post", None, "M-04-0"),
    ]
    assert pairs_of(rows) == set()


def test_duplicate_exact_codes_are_ambiguous_but_a_near_match_is_not_made_from_them():
    rows = [
        (1, 10, "pre", None, "B-01-1"),
        (2, 10, "pre", None, "B-01-1"),
        (3, 10, "post", None, "B-01-1"),
    ]
    assert pairs_of(rows) == set()
