"""Text to comparable words: the same steps for a term list entry and for a pupil's answer.

Children type fast on tablets: capitals, accents left off or added, letters doubled for emphasis
("sooo sad"), digits for letters ("k1ll"). Each step below removes one of those differences, and
because terms and answers pass through the same steps, "Kill  MYSELF!!" and "kil myself" compare
equal. Matching is then on whole words, so a listed word inside an innocent one never matches.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})
# Digits and signs typed for letters, only where they stand inside a word (see _unleet).
_LEET = str.maketrans("013457@$", "oieastas")
# Arabic-script letters with two common code points (Arabic keyboards on Urdu text).
_ARABIC = str.maketrans("\u064a\u0649\u0643\u0629", "\u06cc\u06cc\u06a9\u06c3")
_WORD = re.compile(r"[^\W_]+")
_LEET_WORD = re.compile(r"[\w@$]+")
_LEET_SIGNS = re.compile(r"[013457@$]")
_REPEATS = re.compile(r"(.)\1+")


def words(text: str) -> tuple[str, ...]:
    """The normalised words of a text, in order."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_LETTERS)
    # The answer is checked in the pupil's request: skip the steps with nothing to do (most
    # answers are plain letters), since each is a pass over the text in Python.
    if _LEET_SIGNS.search(folded):
        folded = _LEET_WORD.sub(_unleet, folded)
    if not folded.isascii():
        folded = "".join(
            ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
        ).translate(_ARABIC)
    # Repeats never cross a word's edge (they are one character), so one pass does every word.
    return tuple(_WORD.findall(_REPEATS.sub(r"\1", folded)))


def _unleet(match: re.Match[str]) -> str:
    """'k1ll' -> 'kill', but a number on its own ('7', '2026') stays a number."""
    word = match.group(0)
    if not any(ch.isalpha() for ch in word):
        return word
    return word.translate(_LEET)
