"""Staff passwords: what is accepted, and how it is stored (docs/security.md, "Passwords").

ASVS 5.0 level 2: at least 12 characters, up to at least 64 (we take 128), no composition rules
(no "one capital, one digit"), and a guessable password refused by zxcvbn's estimate, not a
home-made list. New hashes are argon2id (argon2-cffi's RFC 9106 defaults); hashes of earlier
releases (Werkzeug's scrypt) are still checked, and replaced at the next sign-in.
"""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from werkzeug.security import check_password_hash
from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 128
# zxcvbn's 0-4: 3 is "safely unguessable: moderate protection from an offline slow-hash attack".
MIN_SCORE = 3
# zxcvbn's time grows with length; past this many characters the rest adds no doubt.
_SCORED_PREFIX = 100
# Words that make a password guessable here in particular.
_LOCAL_WORDS = ("cohesion", "survey", "surveys", "council", "pupil", "school")

_hasher = PasswordHasher()


def problem(password: str, email: str = "") -> str | None:
    """Why this password is not accepted, in words for the person choosing it; None if it is."""
    if len(password) < MIN_LENGTH:
        return f"Your password must be at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"Your password must be {MAX_LENGTH} characters or fewer"
    hints = [email, email.partition("@")[0], *_LOCAL_WORDS]
    estimate = zxcvbn(password[:_SCORED_PREFIX], user_inputs=[h for h in hints if h])
    if estimate["score"] < MIN_SCORE:
        warning = estimate["feedback"]["warning"]
        reason = f" ({warning.rstrip('.')})" if warning else ""
        return (
            f"Your password is too easy to guess{reason}. "
            "Try three or four words that have nothing to do with each other"
        )
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(stored: str, password: str) -> bool:
    """Whether `password` matches the stored hash, argon2id or an earlier release's scrypt."""
    if stored.startswith("$argon2"):
        try:
            return _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
    return bool(stored) and check_password_hash(stored, password)


def needs_rehash(stored: str) -> bool:
    """An older scheme, or argon2 with weaker parameters than today's."""
    return not stored.startswith("$argon2id$") or _hasher.check_needs_rehash(stored)


def verify_nobody(password: str) -> None:
    """The same work as a real check, for an email with no account: timing reveals nothing."""
    verify(_dummy_hash(), password)


@cache
def _dummy_hash() -> str:
    """Made on first use: hashing at import would slow every start of the app."""
    return hash_password(secrets.token_hex(16))
