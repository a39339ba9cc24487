"""Link tokens and short codes: long enough, unambiguous, forgiving to type; the QR mask choice."""

from __future__ import annotations

import base64
import re

import pytest

from survey_app.qr.codes import QUIET_ZONE, dark_runs, qr_matrix, qr_shape
from survey_app.sessions.codes import (
    ALPHABET,
    CODE_LENGTH,
    display_code,
    new_code,
    new_token,
    normalise_code,
)


def test_tokens_carry_at_least_64_random_bits_and_differ():
    tokens = {new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    for token in list(tokens)[:50]:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= 64
        assert re.fullmatch(r"[A-Za-z0-9_-]+", token), "safe in a URL path without escaping"


def test_codes_are_eight_crockford_characters_using_the_whole_alphabet():
    codes = [new_code() for _ in range(2000)]
    assert CODE_LENGTH >= 8
    assert all(len(code) == CODE_LENGTH and set(code) <= set(ALPHABET) for code in codes)
    assert set("".join(codes)) == set(ALPHABET), "every character is used: no lost entropy"
    assert not set(ALPHABET) & set("ILOU"), "no letter that reads as a digit or spells a word"


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("ABCD-EFGH", "ABCDEFGH"),
        ("abcd efgh", "ABCDEFGH"),
        (" ab-cd\tef gh ", "ABCDEFGH"),
        ("0O1I-L234", "00111234"),
        ("o0il-1234", "00111234"),
        ("", ""),
    ],
)
def test_a_typed_code_is_read_as_stored(typed, stored):
    assert normalise_code(typed) == stored


def test_a_code_reads_back_from_its_display_form():
    code = new_code()
    shown = display_code(code)
    assert shown == f"{code[:4]}-{code[4:]}"
    assert normalise_code(shown.lower()) == code


def test_the_qr_matrix_has_a_four_module_quiet_zone_and_medium_correction():
    matrix = qr_matrix("http://localhost/s/abc")
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    for k in range(QUIET_ZONE):
        assert not any(matrix[k]) and not any(matrix[size - 1 - k])
        assert not any(row[k] or row[size - 1 - k] for row in matrix)
    assert matrix[QUIET_ZONE][QUIET_ZONE], "the finder pattern starts right after the quiet zone"


def test_dark_runs_cover_exactly_the_dark_modules():
    matrix = qr_matrix("http://localhost/s/runs")
    covered = {(row, col + i) for row, col, length in dark_runs(matrix) for i in range(length)}
    dark = {(r, c) for r, row in enumerate(matrix) for c, on in enumerate(row) if on}
    assert covered == dark


def test_a_code_is_made_once_per_address():
    qr_shape.cache_clear()
    first = qr_shape("http://localhost/s/cached")
    assert qr_shape("http://localhost/s/cached") is first
    assert qr_shape.cache_info().hits == 1
