"""Translations of a frozen version, each in its own file beside it: `v<N>.<lang>.yaml`.

A translation never changes its version's content hash: a language can be added to a version
that sessions already use. It carries its own `revision` and hash instead; once a response
answered in a revision is stored, that revision's wording is frozen too (see `sync.py`).

The file says, for one language, the words of everything the version shows a person, keyed by
the version's own ids, and nothing else: values, types, scales and phases stay in the version.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .loader import content_hash, structure_problems
from .problems import Problem, QuestionnaireError, did_you_mean, dotted
from .schema import Questionnaire, Translated
from .yaml_source import Source, read_source

# BCP 47 as the shipped languages use it: a language, then an optional script or region.
LANGUAGE_TAG = r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?"
FILE_NAME = re.compile(rf"^v(\d+)\.({LANGUAGE_TAG})\.ya?ml$")

Key = tuple[str | int, ...]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ItemWords(_Strict):
    text: str = Field(min_length=1)
    hint: str | None = None


class TranslationFile(_Strict):
    """The shape of one translation file."""

    questionnaire: str
    version: int = Field(ge=1)
    language: str = Field(pattern=f"^{LANGUAGE_TAG}$")
    revision: int = Field(ge=1)
    status: Literal["draft", "reviewed"]
    title: str = Field(min_length=1)
    intro: str = Field(min_length=1)
    thank_you: str | None = None
    response_sets: dict[str, dict[int, str]] = Field(default_factory=dict)
    scales: dict[str, str] = Field(default_factory=dict)
    items: dict[str, ItemWords]


def translation_files(folder: Path, questionnaire_id: str, version: int) -> list[Path]:
    """The translation files of one version, by language."""
    found = []
    for path in (folder / questionnaire_id).glob(f"v{version}.*.y*ml"):
        match = FILE_NAME.match(path.name)
        if match and int(match[1]) == version:
            found.append(path)
    return sorted(found)


def stray_translation_files(folder: Path, versions: set[tuple[str, int]]) -> list[Problem]:
    """A translation file whose version does not exist, or whose name is not `v<N>.<lang>`."""
    problems = []
    for path in sorted(folder.glob("*/v*.*.y*ml")):
        match = FILE_NAME.match(path.name)
        if not match:
            problems.append(
                Problem(str(path), 1, "", "a translation file is named v<N>.<language>.yaml")
            )
        elif (path.parent.name, int(match[1])) not in versions:
            problems.append(
                Problem(str(path), 1, "", f"there is no version file v{match[1]}.yaml beside it")
            )
    return problems


def load_translation(
    path: Path, base: Questionnaire, shown_as: str | None = None
) -> tuple[Translated, TranslationFile]:
    """One translation, checked against its version, or QuestionnaireError naming every line."""
    source = read_source(path, shown_as)
    if not isinstance(source.data, dict):
        raise QuestionnaireError([Problem(source.path, 1, "", "the file must be a mapping")])
    try:
        parsed = TranslationFile.model_validate(source.data)
    except ValidationError as exc:
        raise QuestionnaireError(structure_problems(source, exc)) from None
    problems = [_at(source, key, msg) for key, msg in _meaning(parsed, base, path)]
    if problems:
        raise QuestionnaireError(problems)
    return Translated(
        language=parsed.language,
        revision=parsed.revision,
        status=parsed.status,
        content_hash=content_hash(source.data),
        file=path.name,
    ), parsed


def apply_translation(
    base: Questionnaire, words: TranslationFile, info: Translated
) -> Questionnaire:
    """The version with one more language: every text map gains the translation's words."""
    lang = words.language

    def add(text: dict[str, str], value: str | None) -> dict[str, str]:
        return {**text, lang: value} if value is not None else text

    sets = {
        name: rs.model_copy(
            update={
                "options": tuple(
                    o.model_copy(update={"label": add(o.label, words.response_sets[name][o.value])})
                    for o in rs.options
                )
            }
        )
        for name, rs in base.response_sets.items()
    }
    scales = {
        name: s.model_copy(update={"title": add(s.title, words.scales[name])})
        for name, s in base.scales.items()
    }
    items = tuple(
        item.model_copy(
            update={
                "text": add(item.text, words.items[item.id].text),
                "hint": add(item.hint, words.items[item.id].hint) if item.hint else None,
            }
        )
        for item in base.items
    )
    return base.model_copy(
        update={
            "languages": (*base.languages, lang),
            "title": add(base.title, words.title),
            "intro": add(base.intro, words.intro),
            "thank_you": add(base.thank_you, words.thank_you) if base.thank_you else None,
            "response_sets": sets,
            "scales": scales,
            "items": items,
            "translations": {**base.translations, lang: info},
        }
    )


def _meaning(t: TranslationFile, base: Questionnaire, path: Path) -> Iterator[tuple[Key, str]]:
    match = FILE_NAME.match(path.name)
    if t.questionnaire != base.id:
        yield ("questionnaire",), f"'{t.questionnaire}' must be the folder's id '{base.id}'"
    if t.version != base.version:
        yield ("version",), f"version {t.version} must match the file name '{path.name}'"
    if match and match[2] != t.language:
        yield ("language",), f"language '{t.language}' must match the file name '{path.name}'"
    if t.language in base.languages:
        yield ("language",), f"'{t.language}' is already written in v{base.version}.yaml itself"
    if (t.thank_you is None) != (base.thank_you is None):
        yield ("thank_you",), "a thank-you text is needed exactly when the version has one"
    yield from _same_ids(("scales",), set(base.scales), set(t.scales))
    yield from _same_ids(("response_sets",), set(base.response_sets), set(t.response_sets))
    for name, labels in t.response_sets.items():
        if name in base.response_sets:
            values = set(base.response_sets[name].values)
            yield from _same_ids(("response_sets", name), values, set(labels), "value")
    yield from _same_ids(("items",), {i.id for i in base.items}, set(t.items))
    for item in base.items:
        words = t.items.get(item.id)
        if words is not None and (words.hint is None) != (item.hint is None):
            need = "needs a hint, as" if item.hint else "has a hint, but"
            yield (
                ("items", item.id, "hint"),
                f"{need} the version's item has {'one' if item.hint else 'none'}",
            )
    for key, text in _texts(t):
        if not text.strip():
            yield key, "the text is empty"


def _same_ids(key: Key, wanted: set, present: set, noun: str = "id") -> Iterator[tuple[Key, str]]:
    for missing in sorted(wanted - present, key=str):
        yield key, f"no translation of {noun} '{missing}'"
    for extra in sorted(present - wanted, key=str):
        hint = did_you_mean(extra, wanted) if noun == "id" else ""
        yield (*key, extra), f"{noun} '{extra}' is not in the version{hint}"


def _texts(t: TranslationFile) -> Iterator[tuple[Key, str]]:
    yield ("title",), t.title
    yield ("intro",), t.intro
    for name, labels in t.response_sets.items():
        for value, label in labels.items():
            yield ("response_sets", name, value), label
    for name, title in t.scales.items():
        yield ("scales", name), title


def _at(source: Source, key: Key, message: str) -> Problem:
    # YAML keys are read as text: an option value 1 is the key "1" in the file.
    as_read = tuple(
        str(part) if isinstance(part, int) and i > 0 and key[0] == "response_sets" else part
        for i, part in enumerate(key)
    )
    return Problem(source.path, source.line_of(as_read), dotted(key), message)
