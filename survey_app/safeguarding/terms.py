"""Term lists: safeguarding/terms/<lang>.yaml, read safely and checked with `path:line:` problems.

A file holds, per category, the words and phrases that may signal a disclosure. Entries are
normalised (normalise.words) exactly as answers are; `*` at the end of a word matches any ending
("bulli*" catches bullied, bullies, bullying) and needs a stem of four letters or more, so that a
short stem cannot reach into innocent words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..questionnaire.problems import Problem, QuestionnaireError, did_you_mean
from ..questionnaire.yaml_source import Source, read_source
from .normalise import words

CATEGORIES = {
    "harm_to_self": "harm to self",
    "harm_by_others": "harm by others",
    "abuse": "abuse",
    "extremism": "extremism and radicalisation",
    "hate": "hate",
    "bullying": "bullying",
}
STATUSES = ("ready", "draft")  # draft: not yet checked by a speaker of the language
MIN_STEM = 4
_KEYS = {"language", "status", "categories"}


class TermListError(QuestionnaireError):
    """Every problem found in the term lists, each as `path:line: where: message`."""


@dataclass(frozen=True)
class Term:
    """One entry: its words as written, and its normalised words (a trailing '*' kept)."""

    category: str
    written: str
    pattern: tuple[str, ...]


@dataclass(frozen=True)
class TermList:
    """One language's list."""

    language: str
    status: str
    terms: tuple[Term, ...]
    path: str


def term_files(folder: Path) -> list[Path]:
    """The term list files of a folder, in name order."""
    return sorted(folder.glob("*.yaml"))


def load_folder(folder: Path) -> dict[str, TermList]:
    """Every list in a folder by language; TermListError with all problems of all files."""
    lists: dict[str, TermList] = {}
    problems: list[Problem] = []
    for path in term_files(folder):
        try:
            found = load_file(path, shown_as=f"{folder.name}/{path.name}")
        except TermListError as exc:
            problems.extend(exc.problems)
            continue
        lists[found.language] = found
    if problems:
        raise TermListError(problems)
    return lists


def load_file(path: Path, shown_as: str | None = None) -> TermList:
    """Read and check one file; TermListError naming each problem's line."""
    try:
        source = read_source(path, shown_as)
    except QuestionnaireError as exc:
        raise TermListError(exc.problems) from None
    problems: list[Problem] = []
    data = source.data
    if not isinstance(data, dict):
        raise TermListError([Problem(source.path, 1, "", "expected a mapping at the top")])
    for key in sorted(set(data) - _KEYS):
        problems.append(_at(source, (key,), f"unknown key '{key}'{did_you_mean(key, _KEYS)}"))
    language = _language(source, path, problems)
    status = data.get("status")
    if status not in STATUSES:
        problems.append(_at(source, ("status",), f"status must be one of {', '.join(STATUSES)}"))
    terms = _categories(source, data.get("categories"), problems)
    if problems:
        raise TermListError(problems)
    return TermList(language, str(status), tuple(terms), source.path)


def _language(source: Source, path: Path, problems: list[Problem]) -> str:
    language = source.data.get("language")
    if language != path.stem:
        problems.append(
            _at(source, ("language",), f"language must be '{path.stem}', as the file name says")
        )
    return str(language)


def _categories(source: Source, found: Any, problems: list[Problem]) -> list[Term]:
    if not isinstance(found, dict) or not found:
        problems.append(_at(source, ("categories",), "categories must map a category to terms"))
        return []
    terms: list[Term] = []
    seen: dict[tuple[str, ...], str] = {}
    for category, entries in found.items():
        key: tuple[str | int, ...] = ("categories", category)
        if category not in CATEGORIES:
            message = f"unknown category '{category}'{did_you_mean(category, CATEGORIES)}"
            problems.append(_at(source, key, message))
            continue
        if not isinstance(entries, list) or not entries:
            problems.append(_at(source, key, "expected a list of words or phrases"))
            continue
        for i, entry in enumerate(entries):
            term = _term(source, (*key, i), category, entry, problems)
            if term is None:
                continue
            if term.pattern in seen:
                where = f"categories.{category}[{i}]"
                message = f"'{entry}' is listed already (under {seen[term.pattern]})"
                problems.append(Problem(source.path, source.line_of((*key, i)), where, message))
                continue
            seen[term.pattern] = category
            terms.append(term)
    return terms


def _term(
    source: Source, key: tuple[str | int, ...], category: str, entry: Any, problems: list[Problem]
) -> Term | None:
    where = f"categories.{category}[{key[-1]}]"
    line = source.line_of(key)
    if not isinstance(entry, str) or not entry.strip():
        problems.append(Problem(source.path, line, where, "expected a word or phrase"))
        return None
    pattern = []
    for raw in entry.split():
        star = raw.endswith("*")
        normal = words(raw.removesuffix("*"))
        if len(normal) != 1 or "*" in raw[:-1]:
            problems.append(Problem(source.path, line, where, f"'{raw}' is not one plain word"))
            return None
        if star and len(normal[0]) < MIN_STEM:
            message = f"'{raw}': a stem before '*' needs {MIN_STEM} letters or more"
            problems.append(Problem(source.path, line, where, message))
            return None
        pattern.append(normal[0] + ("*" if star else ""))
    return Term(category, entry, tuple(pattern))


def _at(source: Source, key: tuple[str | int, ...], message: str) -> Problem:
    return Problem(source.path, source.line_of(key), "", message)
