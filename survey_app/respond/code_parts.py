"""The parts of the shared-device matching code and their one parser (ADR 0038).

Both ways a code arrives, the tablet form (respond/match_code.py) and a paper form typed into
the import (responses/import_csv.py), read the letter with `code_letter`, so the same letter
typed on two keyboards, or written on paper, is stored the same way and the codes match.
"""

from __future__ import annotations

import re
import unicodedata

CODE_SEPARATOR = "-"  # as scoring.matching splits a code for the near-match rule
# Latin letters with a stroke have no decomposition, so NFD cannot take their mark off.
STROKED = {"Ł": "L", "Ø": "O", "Đ": "D", "Ħ": "H", "Ŧ": "T", "Ŀ": "L", "Ƚ": "L"}
# One letter, different code points on Arabic, Urdu, Persian and Kurdish keyboards.
ARABIC_SCRIPT = {"\u06a9": "\u0643", "\u06cc": "\u064a", "\u0649": "\u064a", "\u06c1": "\u0647"}
TATWEEL = "\u0640"  # the Arabic joining stroke: a letter category, never a letter of a name
PAPER_CODE = re.compile(r"\A(.+?)\s*-\s*([0-9]{1,2})\s*-\s*([0-9])\Z")


def code_letter(typed: str | None) -> str | None:
    """The stored form of one letter of any script, or None for anything else.

    Compatibility forms become the letter (full-width 'Ａ', an Arabic presentation form), marks
    come off (accents, a hamza, vowel signs: 'é' and 'e' + U+0301 -> 'E'; 'Ł' -> 'L'), cased
    scripts are upper case, and invisible format characters (a right-to-left mark) are dropped.
    A digit, a sign, two letters or a blank are None."""
    text = unicodedata.normalize("NFKC", typed or "").strip()
    kept = (c for c in unicodedata.normalize("NFD", text) if _kept(c))
    letter = unicodedata.normalize("NFC", "".join(kept))
    if len(letter) != 1 or not unicodedata.category(letter).startswith("L"):
        return None
    upper = letter.upper()
    letter = upper if len(upper) == 1 else letter  # 'ß'.upper() is 'SS': keep the letter
    return ARABIC_SCRIPT.get(letter, STROKED.get(letter, letter))


def _kept(char: str) -> bool:
    category = unicodedata.category(char)
    return not (category.startswith("M") or category == "Cf" or char == TATWEEL)


def match_code(letter: str, month: int, siblings: int) -> str:
    """'A-07-2': the stored form, elements split by '-' for the near-match rule."""
    return f"{letter}{CODE_SEPARATOR}{month:02d}{CODE_SEPARATOR}{min(siblings, 5)}"


def looks_like_code(typed: str) -> bool:
    """Whether a paper cell was meant as letter-month-count (not a respondent number)."""
    found = PAPER_CODE.match(typed.strip())
    return found is not None and not found.group(1).strip().isdigit()


def code_from_text(typed: str) -> str | None:
    """The stored code from letter-month-count as staff type it from a paper form
    ('ł-7-2' -> 'L-07-2'), or None when a part is not what the tablet form accepts."""
    found = PAPER_CODE.match(typed.strip())
    if found is None:
        return None
    letter, month, siblings = code_letter(found.group(1)), int(found.group(2)), int(found.group(3))
    if letter is None or not 1 <= month <= 12 or siblings > 5:
        return None
    return match_code(letter, month, siblings)
