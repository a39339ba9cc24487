"""Loading questionnaire files: read safely, check structure, check meaning, hash."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from pydantic import ValidationError

from .meaning import check_meaning
from .problems import Problem, QuestionnaireError, dotted
from .registry import Registry
from .schema import Questionnaire
from .yaml_source import Source, read_source

FILE_NAME = re.compile(r"^v(\d+)\.ya?ml$")
# Keys that set policy for a version rather than say what it asks: changing one must not
# change the content hash, or a version in use could never have its retention changed.
POLICY_KEYS = frozenset({"retention_days"})


def load_file(path: Path, shown_as: str | None = None) -> Questionnaire:
    """One questionnaire version, validated, or QuestionnaireError with every problem found."""
    source = read_source(path, shown_as)
    if not isinstance(source.data, dict):
        raise QuestionnaireError([Problem(source.path, 1, "", "the file must be a mapping")])
    for computed in ("content_hash", "translations"):  # made here, never written in a file
        if computed in source.data:
            raise QuestionnaireError([_problem(source, (computed,), "unknown key")])
    try:
        parsed = Questionnaire.model_validate(source.data)
    except ValidationError as exc:
        raise QuestionnaireError(structure_problems(source, exc)) from None
    problems = [_problem(source, key, msg) for key, msg in check_meaning(parsed)]
    problems += _path_problems(source, path, parsed)
    if problems:
        raise QuestionnaireError(problems)
    content = {key: value for key, value in source.data.items() if key not in POLICY_KEYS}
    return parsed.model_copy(update={"content_hash": content_hash(content)})


def content_hash(data: object) -> str:
    """A hash of what the file says, not how: comments and layout may change, wording may not."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def questionnaire_files(folder: Path) -> list[Path]:
    """Every questionnaires/<id>/v<N>.yaml under a folder, in a stable order."""
    versioned = [(p, FILE_NAME.match(p.name)) for p in folder.glob("*/*")]
    ordered = sorted((p.parent.name, int(m[1]), p) for p, m in versioned if m)
    return [p for _, _, p in ordered]


def load_folder(folder: Path) -> Registry:
    """Every version under a folder with its translations, or QuestionnaireError listing all
    problems in all files."""
    from .translation import stray_translation_files

    loaded: list[Questionnaire] = []
    problems: list[Problem] = []
    versions: set[tuple[str, int]] = set()
    for path in questionnaire_files(folder):
        versions.add((path.parent.name, int(path.name[1:].split(".")[0])))
        try:
            loaded.append(with_translations(load_file(path), folder))
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
    problems += stray_translation_files(folder, versions)
    if problems:
        raise QuestionnaireError(problems)
    return Registry(loaded)


def with_translations(base: Questionnaire, folder: Path) -> Questionnaire:
    """The version with every `v<N>.<lang>.yaml` beside it applied; all their problems at once."""
    from .translation import apply_translation, load_translation, translation_files

    problems: list[Problem] = []
    translated = base
    for path in translation_files(folder, base.id, base.version):
        try:
            info, words = load_translation(path, base)
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
        else:
            translated = apply_translation(translated, words, info)
    if problems:
        raise QuestionnaireError(problems)
    return translated


def structure_problems(source: Source, exc: ValidationError) -> list[Problem]:
    """One `path:line:` problem per pydantic error."""
    problems = []
    for error in exc.errors():
        key = tuple(error["loc"])
        message = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        message = message[0].lower() + message[1:]
        if isinstance(error.get("input"), bool) and error["type"] == "string_type":
            message += " (YAML read an unquoted yes/no/on/off as true/false: put it in quotes)"
        problems.append(_problem(source, key, message))
    return problems


def _problem(source: Source, key: tuple[str | int, ...], message: str) -> Problem:
    return Problem(source.path, source.line_of(key), dotted(key), message)


def _path_problems(source: Source, path: Path, q: Questionnaire) -> list[Problem]:
    match = FILE_NAME.match(path.name)
    if not match:
        return []
    problems = []
    if path.parent.name != q.id:
        problems.append(
            _problem(source, ("id",), f"id '{q.id}' must match its folder '{path.parent.name}'")
        )
    if int(match[1]) != q.version:
        problems.append(
            _problem(
                source, ("version",), f"version {q.version} must match the file name '{path.name}'"
            )
        )
    return problems
