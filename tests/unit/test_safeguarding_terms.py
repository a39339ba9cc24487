"""Term lists: the shipped files load; broken files are refused naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_app.safeguarding.terms import CATEGORIES, TermListError, load_file, load_folder

SHIPPED = Path(__file__).resolve().parents[2] / "survey_app" / "safeguarding" / "terms"
GOOD = """\
language: en
status: ready
categories:
  bullying:
    - bullied
    - picked on
"""


def write(tmp_path: Path, text: str, name: str = "en.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(TermListError) as caught:
        load_file(path, shown_as=path.name)
    return [str(p) for p in caught.value.problems]


def test_shipped_lists_cover_every_category_in_english_and_mark_others_draft():
    lists = load_folder(SHIPPED)
    assert {"en", "pl", "ur"} <= set(lists)
    assert {t.category for t in lists["en"].terms} == set(CATEGORIES)
    assert lists["en"].status == "ready"
    assert all(found.status == "draft" for lang, found in lists.items() if lang != "en")


def test_a_good_file_loads_with_normalised_patterns(tmp_path):
    found = load_file(write(tmp_path, GOOD))
    assert [t.pattern for t in found.terms] == [("bulied",), ("picked", "on")]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  bullying:", "  bulying:"),
            "en.yaml:4: unknown category 'bulying' (did you mean 'bullying'?)",
        ),
        (("status: ready", "status: done"), "en.yaml:2: status must be one of ready, draft"),
        (
            ("language: en", "language: pl"),
            "en.yaml:1: language must be 'en', as the file name says",
        ),
        (
            ("    - picked on", "    - bullied"),
            "en.yaml:6: categories.bullying[1]: 'bullied' is listed already",
        ),
        (
            ("    - picked on", "    - bul*"),
            "en.yaml:6: categories.bullying[1]: 'bul*': a stem before '*' needs 4",
        ),
        (
            ("    - picked on", "    - pick-ed"),
            "en.yaml:6: categories.bullying[1]: 'pick-ed' is not one plain word",
        ),
        (
            ("    - picked on", "    - 3"),
            "en.yaml:6: categories.bullying[1]: expected a word or phrase",
        ),
        (
            ("categories:", "categorys:"),
            "en.yaml:3: unknown key 'categorys' (did you mean 'categories'?)",
        ),
        (
            ("    - bullied", "    - &a bullied"),
            "en.yaml:5: YAML anchors and aliases are not allowed",
        ),
        (
            ("    - bullied", "    - " + "[" * 500 + "]" * 500),
            "en.yaml:5: nested more than 20 levels deep",
        ),
        (
            ("  bullying:", "  <<: {a: b}\n  bullying:"),
            "en.yaml:4: YAML merge keys (<<) are not allowed",
        ),
    ],
)
def test_a_broken_file_names_its_line(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    found = problems_of(write(tmp_path, GOOD.replace(old, new, 1)))
    assert any(p.startswith(expected) for p in found), found


def test_the_folder_reports_every_broken_file(tmp_path):
    write(tmp_path, GOOD.replace("status: ready", "status: x"))
    write(tmp_path, GOOD, "pl.yaml")  # says language: en
    with pytest.raises(TermListError) as caught:
        load_folder(tmp_path)
    assert [p.path for p in caught.value.problems] == [
        f"{tmp_path.name}/en.yaml",
        f"{tmp_path.name}/pl.yaml",
    ]
