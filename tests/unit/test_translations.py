"""Translation files beside a frozen version: checked line by line, hashed on their own."""
# ruff: noqa: E501  (a translation file and its expected error lines read best unwrapped)

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from survey_app.questionnaire.loader import load_folder
from survey_app.questionnaire.problems import QuestionnaireError
from tests.conftest import TEST_QUESTIONNAIRES

POLISH = """\
questionnaire: sample
version: 1
language: pl
revision: 1
status: draft
title: Ankieta próbna
intro: Nie ma dobrych ani złych odpowiedzi.
response_sets:
  agree5: {1: Zdecydowanie się nie zgadzam, 2: Nie zgadzam się, 3: Ani tak ani nie, 4: Zgadzam się, 5: Zdecydowanie się zgadzam, 9: Nie wiem}
  often4: {1: Nigdy, 2: Czasami, 3: Często, 4: Bardzo często}
  year: {7: Klasa 7, 8: Klasa 8}
scales:
  belonging: Poczucie przynależności
  mixing: Spotkania z innymi
items:
  year_group: {text: "W której jesteś klasie?"}
  belong_area: {text: "Czuję, że należę do mojej okolicy."}
  belong_city: {text: "Czuję, że należę do tego miasta."}
  nervous_mixing: {text: "Denerwuję się przy ludziach z innych środowisk."}
  mix_often: {text: "Jak często spędzasz czas z ludźmi z innych środowisk?"}
  mix_school: {text: "Jak często rozmawiasz w szkole z ludźmi z innych środowisk?"}
  friends_count: {text: "Ilu masz przyjaciół z innych środowisk?"}
  do_differently: {text: "Co zrobisz inaczej?"}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(TEST_QUESTIONNAIRES, tmp_path / "q")
    return tmp_path / "q"


def write(folder: Path, text: str, name: str = "v1.pl.yaml") -> Path:
    path = folder / "sample" / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        load_folder(folder)
    return [str(p) for p in caught.value.problems]


def test_a_translation_adds_a_language_and_leaves_the_version_hash_alone(folder):
    before = load_folder(folder).get("sample", 1)
    write(folder, POLISH)
    after = load_folder(folder).get("sample", 1)
    assert after.content_hash == before.content_hash
    assert after.languages == (*before.languages, "pl")
    assert after.item("belong_area").text["pl"] == "Czuję, że należę do mojej okolicy."
    assert after.response_sets["agree5"].label(9, "pl") == "Nie wiem"
    assert after.wording_revision("pl") == 1 and after.wording_revision("en") == 0
    assert after.translations["pl"].status == "draft" and after.draft_languages() == ("pl",)
    assert len(after.translations["pl"].content_hash) == 64


def test_changing_a_word_changes_only_the_translation_hash(folder):
    write(folder, POLISH)
    first = load_folder(folder).get("sample", 1)
    write(folder, POLISH.replace("Nigdy", "Nigdy przenigdy"))
    second = load_folder(folder).get("sample", 1)
    assert second.content_hash == first.content_hash
    assert second.translations["pl"].content_hash != first.translations["pl"].content_hash


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('  do_differently: {text: "Co zrobisz inaczej?"}\n', ""),
         "v1.pl.yaml:15: items: no translation of id 'do_differently'"),
        (("  year_group:", "  year_grup:"),
         "v1.pl.yaml:16: items.year_grup: id 'year_grup' is not in the version (did you mean 'year_group'?)"),
        (("9: Nie wiem}", "9: Nie wiem, 10: Za dużo}"),
         "v1.pl.yaml:9: response_sets.agree5[10]: value '10' is not in the version"),
        (("revision: 1", "revision: 0"), "v1.pl.yaml:4: revision: input should be greater than or equal to 1"),
        (("status: draft", "status: done"), "v1.pl.yaml:5: status: input should be 'draft' or 'reviewed'"),
        (("language: pl", "language: de"), "v1.pl.yaml:3: language: language 'de' must match the file name 'v1.pl.yaml'"),
        (("title: Ankieta próbna", "title: ' '"), "v1.pl.yaml:6: title: the text is empty"),
        (("intro:", "outro:"), "v1.pl.yaml:7: outro: unknown key"),
        (("intro:", "<<: {a: b}\nintro:"), "v1.pl.yaml:7: YAML merge keys (<<) are not allowed; write the keys out"),
        (("intro:", "x: " + "{a: " * 30 + "}" * 30 + "\nintro:"), "v1.pl.yaml:7: nested more than 20 levels deep (the limit)"),
    ],
)  # fmt: skip
def test_a_broken_translation_names_file_line_and_place(folder, change, expected):
    write(folder, POLISH.replace(*change))
    assert any(p.endswith(expected) for p in problems_of(folder)), problems_of(folder)


def test_a_translation_of_a_language_the_version_already_has_is_refused(folder):
    write(folder, POLISH.replace("language: pl", "language: cy"), "v1.cy.yaml")
    assert any("'cy' is already written in v1.yaml itself" in p for p in problems_of(folder))


def test_a_translation_without_its_version_is_refused(folder):
    write(folder, POLISH.replace("version: 1", "version: 2"), "v2.pl.yaml")
    assert any(
        p.endswith("v2.pl.yaml:1: there is no version file v2.yaml beside it")
        for p in problems_of(folder)
    )
