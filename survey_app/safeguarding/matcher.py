"""Finding listed terms in an answer: whole normalised words, phrases as runs of words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .normalise import words
from .terms import Term, TermList

# Children write in English in every language's form too, so English is always checked.
ALWAYS = "en"


@dataclass(frozen=True)
class Hit:
    """A listed term found in an answer."""

    category: str
    term: str


class Matcher:
    """Matches text against the lists of its language (and English)."""

    def __init__(self, lists: Mapping[str, TermList]):
        self.lists = dict(lists)

    def find(self, text: str, language: str = ALWAYS) -> tuple[Hit, ...]:
        """Each listed term the text contains, once, in list order."""
        found = words(text)
        if not found:
            return ()
        hits: list[Hit] = []
        for term in self._terms(language):
            if _contains(found, term.pattern):
                hit = Hit(term.category, term.written)
                if hit not in hits:
                    hits.append(hit)
        return tuple(hits)

    def _terms(self, language: str) -> Iterable[Term]:
        for lang in dict.fromkeys((language, ALWAYS)):
            if lang in self.lists:
                yield from self.lists[lang].terms


def _contains(text: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    size = len(pattern)
    return any(
        all(_word_matches(text[start + i], pattern[i]) for i in range(size))
        for start in range(len(text) - size + 1)
    )


def _word_matches(word: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern
