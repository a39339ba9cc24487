"""What a staff password may be (ASVS 5.0 level 2) and how it is stored."""

from __future__ import annotations

import pytest
from werkzeug.security import generate_password_hash

from survey_app.auth.passwords import hash_password, needs_rehash, problem, verify


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "purple tractor sings loudly",  # lower case only: no composition rules
        "x7#Qm2!vL9@pR4&w" * 4,  # 64 characters, as a password manager makes them
        "ünïcödé wörds in a löng phrase",
    ],
)
def test_accepted(password):
    assert problem(password) is None


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("", "at least 12 characters"),
        ("elevenchars", "at least 12 characters"),
        ("aaaaaaaaaaaa", "too easy to guess"),
        ("Password1234!", "too easy to guess"),
        ("qwertyuiop123", "too easy to guess"),
        ("Cohesion2026!", "too easy to guess"),  # the name of the tool, a year
        ("x7#Qm2!vL9@pR4&w" * 9, "128 characters or fewer"),
    ],
)
def test_refused_with_a_reason(password, reason):
    assert reason in (problem(password) or "")


def test_the_email_makes_a_password_guessable():
    assert problem("jane.hartley.2026", email="jane.hartley@council.gov.uk") is not None


def test_new_hashes_are_argon2id_and_old_scrypt_ones_still_verify():
    new = hash_password("correct horse battery staple")
    assert new.startswith("$argon2id$")
    assert verify(new, "correct horse battery staple")
    assert not verify(new, "correct horse battery stapler")
    old = generate_password_hash("correct horse battery staple", method="scrypt")
    assert verify(old, "correct horse battery staple") and needs_rehash(old)
    assert not needs_rehash(new)
    assert not verify("", "anything") and not verify("$argon2id$nonsense", "anything")
