"""A translator's round trip: a version's words to a spreadsheet, and a filled sheet back to a
translation file.

The sheet has one row per piece of text, keyed by a stable id (`item.belong_area.text`,
`option.agree5.9`...), with what it is, the English source and the target to fill. The file it
writes is canonical (`translation_yaml`), so export then import reproduces a file exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, QuestionnaireError
from .schema import Questionnaire
from .translation import LANGUAGE_TAG, TranslationFile

HEADER = ("id", "what it is", "source", "translation")
ABOUT_KEYS = ("questionnaire", "version", "language", "revision", "status")
DRAFT_NOTE = (
    "# A draft translation: a native speaker must check it before the council relies on it.\n"
)


@dataclass(frozen=True)
class _Nothing:
    """Stands for no translation yet: every target empty."""

    title: str = ""
    intro: str = ""
    thank_you: str | None = None
    items: dict = field(default_factory=dict)
    response_sets: dict = field(default_factory=dict)
    scales: dict = field(default_factory=dict)


_EMPTY = _Nothing()


@dataclass(frozen=True)
class Row:
    key: str
    context: str
    source: str
    target: str


def rows_of(
    base: Questionnaire, words: TranslationFile | None, source_language: str
) -> Iterator[Row]:
    """Every text of the version in the order a pupil meets it, with the current translation."""
    src = source_language
    said = words or _EMPTY
    yield Row("title", "the form's title", base.title[src], said.title)
    yield Row("intro", "the words before question 1", base.intro[src], said.intro)
    if base.thank_you:
        yield Row("thank_you", "the thank-you page", base.thank_you[src], said.thank_you or "")
    for n, item in enumerate(base.items, 1):
        item_words = said.items.get(item.id)
        what = f"question {n} ({item.type.replace('_', ' ')})"
        text = item_words.text if item_words else ""
        yield Row(f"item.{item.id}.text", what, item.text[src], text)
        if item.hint:
            hint = (item_words.hint or "") if item_words else ""
            yield Row(f"item.{item.id}.hint", f"hint to {what}", item.hint[src], hint)
    for name, rs in base.response_sets.items():
        labels = said.response_sets.get(name, {})
        what = f"an answer of the '{name}' answers ({rs.kind})"
        for option in rs.options:
            target = labels.get(option.value, "")
            yield Row(f"option.{name}.{option.value}", what, option.label[src], target)
    for name, scale in base.scales.items():
        what = "a scale's name, shown to officers"
        yield Row(f"scale.{name}", what, scale.title[src], said.scales.get(name, ""))


def write_sheet(
    base: Questionnaire, about: dict, words: TranslationFile | None, path: Path
) -> None:
    """An .xlsx a translator fills in: sheet 'words' (fill column D) and sheet 'about'."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "words"
    sheet.append(HEADER)
    for r in rows_of(base, words, base.languages[0]):
        sheet.append([r.key, r.context, r.source, r.target])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCD", (28, 34, 60, 60), strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line[2:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    info = book.create_sheet("about")
    for key in ABOUT_KEYS:
        info.append([key, about[key]])
    book.save(path)


def read_sheet(
    path: Path, base_of: Callable[[str, int], Questionnaire], shown_as: str | None = None
) -> dict:
    """The translation file's data from a filled sheet, or QuestionnaireError naming each
    `sheet.xlsx:<row>:<column>:` problem. `base_of(id, version)` gives the version."""
    from openpyxl import load_workbook

    name = shown_as or path.name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise QuestionnaireError([Problem(name, 1, "", f"not an .xlsx workbook ({exc})")]) from None
    if "words" not in book.sheetnames or "about" not in book.sheetnames:
        raise QuestionnaireError(
            [Problem(name, 1, "", "the sheets 'words' and 'about' are needed")]
        )
    about = {str(k): v for k, v, *_ in book["about"].iter_rows(values_only=True) if k}
    problems = [
        Problem(name, 1, "about", message=f"'{k}' is missing") for k in ABOUT_KEYS if k not in about
    ]
    if problems:
        raise QuestionnaireError(problems)
    try:
        base = base_of(str(about["questionnaire"]), int(about["version"]))
    except (KeyError, ValueError, TypeError):
        raise QuestionnaireError(
            [
                Problem(
                    name,
                    1,
                    "about",
                    message=f"there is no {about['questionnaire']} v{about['version']}",
                )
            ]
        ) from None
    cells = list(book["words"].iter_rows(values_only=True))
    data, problems = _data_from(cells, base, about, name)
    if problems:
        raise QuestionnaireError(problems)
    return data


def translation_yaml(data: dict) -> str:
    """The canonical text of a translation file: the same data always gives the same bytes."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return (DRAFT_NOTE if data.get("status") == "draft" else "") + body


def _data_from(
    cells: list[tuple], base: Questionnaire, about: dict, name: str
) -> tuple[dict, list[Problem]]:
    problems: list[Problem] = []
    if not cells or tuple(cells[0][:4]) != HEADER:
        return {}, [
            Problem(name, 1, "", column="A", message=f"the first row must be {', '.join(HEADER)}")
        ]
    wanted = {r.key: r for r in rows_of(base, None, base.languages[0])}
    found: dict[str, str] = {}
    empty: set[str] = set()
    for number, line in enumerate(cells[1:], 2):
        key, target = line[0], line[3] if len(line) > 3 else None
        if key is None and target is None:
            continue
        key = str(key or "")
        if key not in wanted:
            problems.append(
                Problem(name, number, "", column="A", message=f"id '{key}' is not in the version")
            )
        elif key in found:
            problems.append(
                Problem(name, number, "", column="A", message=f"id '{key}' appears twice")
            )
        elif not str(target or "").strip():
            problems.append(
                Problem(name, number, "", column="D", message=f"'{key}' has no translation")
            )
            empty.add(key)
        else:
            found[key] = str(target).strip()
    for key in sorted(wanted.keys() - found.keys() - empty):
        problems.append(
            Problem(name, len(cells) + 1, "", column="A", message=f"id '{key}' is missing")
        )
    language = str(about["language"])
    if not re.fullmatch(LANGUAGE_TAG, language):
        problems.append(
            Problem(name, 1, "about", message=f"'{language}' is not a language tag such as pl")
        )
    return _as_file(found, base, about), problems


def _as_file(found: dict[str, str], base: Questionnaire, about: dict) -> dict:
    data: dict = {k: about[k] for k in ABOUT_KEYS}
    data["version"], data["revision"] = int(about["version"]), int(about["revision"])
    data["title"], data["intro"] = found.get("title", ""), found.get("intro", "")
    if base.thank_you:
        data["thank_you"] = found.get("thank_you", "")
    data["response_sets"] = {
        name: {o.value: found.get(f"option.{name}.{o.value}", "") for o in rs.options}
        for name, rs in base.response_sets.items()
    }
    data["scales"] = {name: found.get(f"scale.{name}", "") for name in base.scales}
    data["items"] = {}
    for item in base.items:
        words = {"text": found.get(f"item.{item.id}.text", "")}
        if item.hint:
            words["hint"] = found.get(f"item.{item.id}.hint", "")
        data["items"][item.id] = words
    return data
