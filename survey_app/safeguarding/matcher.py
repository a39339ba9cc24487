"""Finding listed terms in an answer: whole normalised words, phrases as runs of words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
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


class _Index:
    """One list's terms by their first word, so an answer's words are looked up, not compared
    with every term: the check runs in the pupil's request (after the commit) and must cost
    little (about 10 µs for a sentence, where comparing each term took milliseconds)."""

    def __init__(self, terms: tuple[Term, ...]):
        self.by_first: dict[str, list[tuple[int, Term]]] = defaultdict(list)
        self.starred: list[tuple[int, Term]] = []  # a first word ending in '*': a stem
        for order, term in enumerate(terms):
            first = term.pattern[0]
            if first.endswith("*"):
                self.starred.append((order, term))
            else:
                self.by_first[first].append((order, term))
        self.stems = tuple(term.pattern[0][:-1] for _, term in self.starred)

    def found(self, text: tuple[str, ...]) -> dict[int, Term]:
        """The terms the words contain, by their place in the list."""
        found: dict[int, Term] = {}
        for start, word in enumerate(text):
            for order, term in self.by_first.get(word, ()):
                if order not in found and _matches_at(text, start, term.pattern):
                    found[order] = term
            if not self.stems or not word.startswith(self.stems):
                continue  # str.startswith with a tuple: one call for every stem
            for order, term in self.starred:
                if order not in found and _matches_at(text, start, term.pattern):
                    found[order] = term
        return found


class Matcher:
    """Matches text against the lists of its language (and English)."""

    def __init__(self, lists: Mapping[str, TermList]):
        self.lists = dict(lists)
        self._indexes = {language: _Index(found.terms) for language, found in self.lists.items()}

    def find(self, text: str, language: str = ALWAYS) -> tuple[Hit, ...]:
        """Each listed term the text contains, once, in list order."""
        found = words(text)
        if not found:
            return ()
        hits: list[Hit] = []
        for lang in dict.fromkeys((language, ALWAYS)):
            index = self._indexes.get(lang)
            if index is None:
                continue
            for _, term in sorted(index.found(found).items()):
                hit = Hit(term.category, term.written)
                if hit not in hits:
                    hits.append(hit)
        return tuple(hits)


def _matches_at(text: tuple[str, ...], start: int, pattern: tuple[str, ...]) -> bool:
    if start + len(pattern) > len(text):
        return False
    return all(_word_matches(text[start + i], part) for i, part in enumerate(pattern))


def _word_matches(word: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern
