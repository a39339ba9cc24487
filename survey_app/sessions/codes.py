"""Link tokens for QR codes and short codes a person can type."""

from __future__ import annotations

import secrets
import unicodedata

# Crockford's base32: no I, L, O or U, so a code cannot be misread or spell a word.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8  # 40 bits: guessing one open code among thousands is still hopeless
TOKEN_BYTES = 16  # 128 bits for the long link in the QR code
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a person typed, as stored: case, spaces and dashes ignored; I/L read as 1, O as 0.

    Any dash or space counts: a phone's keyboard turns "-" into "–", a copy adds a no-break
    space, and a full-width code comes from a Japanese keyboard.
    """
    folded = unicodedata.normalize("NFKC", typed).upper()
    cleaned = "".join(ch for ch in folded if not _is_gap(ch))
    return cleaned.translate(_READ_AS)


def _is_gap(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Pd", "Zs", "Cf") or ch in "_.\u2212"


def display_code(code: str) -> str:
    """ABCD-EFGH: easier to read aloud and type than eight characters in a row."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code
