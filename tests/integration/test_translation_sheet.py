"""A translator's round trip through a spreadsheet: export, fill, import, all or nothing."""
# ruff: noqa: E501  (test names and expected cell texts read best unwrapped)

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from survey_app.questionnaire.translation_sheet import translation_yaml
from tests.conftest import TEST_QUESTIONNAIRES, make_app
from tests.unit.test_translations import POLISH


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(TEST_QUESTIONNAIRES, tmp_path / "q")
    return tmp_path / "q"


@pytest.fixture
def polish_file(folder: Path) -> Path:
    # Written in the canonical form the import writes, as every shipped translation is.
    path = folder / "sample" / "v1.pl.yaml"
    path.write_text(translation_yaml(yaml.safe_load(POLISH)), encoding="utf-8")
    return path


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["questionnaires", "translation", *args])


def export(app, tmp_path: Path, lang: str = "pl") -> Path:
    sheet = tmp_path / f"{lang}.xlsx"
    result = run(app, "export", "sample", "--version", "1", "--lang", lang, "-o", str(sheet))
    assert result.exit_code == 0, result.output
    return sheet


def test_export_then_import_reproduces_the_file_exactly(
    database_url, folder, polish_file, tmp_path
):
    app = make_app(database_url, QUESTIONNAIRE_DIR=folder)
    original = polish_file.read_bytes()
    sheet = export(app, tmp_path)
    words = load_workbook(sheet)["words"]
    assert [c.value for c in words[1]] == ["id", "what it is", "source", "translation"]
    rows = {r[0]: r for r in words.iter_rows(min_row=2, values_only=True)}
    assert rows["item.belong_area.text"][2:] == (
        "I feel I belong in my area.",
        "Czuję, że należę do mojej okolicy.",
    )
    polish_file.unlink()
    result = run(app, "import", str(sheet))
    assert result.exit_code == 0, result.output
    assert polish_file.read_bytes() == original


def test_a_new_language_is_exported_empty_and_a_filled_sheet_becomes_its_file(
    database_url, folder, polish_file, tmp_path
):
    app = make_app(database_url, QUESTIONNAIRE_DIR=folder)
    sheet = export(app, tmp_path, "ro")
    book = load_workbook(sheet)
    words = book["words"]
    assert all(row[3].value is None for row in words.iter_rows(min_row=2))
    for row in words.iter_rows(min_row=2):
        row[3].value = f"RO {row[2].value}"
    book.save(sheet)
    result = run(app, "import", str(sheet))
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((folder / "sample" / "v1.ro.yaml").read_text(encoding="utf-8"))
    assert written["language"] == "ro" and written["status"] == "draft" and written["revision"] == 1
    assert written["items"]["belong_area"]["text"] == "RO I feel I belong in my area."
    assert make_app(database_url, QUESTIONNAIRE_DIR=folder)  # the app starts with it


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ("drop", ":A: id 'item.mix_school.text' is missing"),
        ("extra", ":A: id 'item.no_such_question.text' is not in the version"),
        ("blank", ":D: 'item.mix_school.text' has no translation"),
    ],
)
def test_a_sheet_with_a_missing_or_extra_id_is_refused_whole(
    database_url, folder, polish_file, tmp_path, edit, expected
):
    app = make_app(database_url, QUESTIONNAIRE_DIR=folder)
    original = polish_file.read_bytes()
    sheet = export(app, tmp_path)
    book = load_workbook(sheet)
    words = book["words"]
    [row] = [r for r in words.iter_rows(min_row=2) if r[0].value == "item.mix_school.text"]
    if edit == "drop":
        words.delete_rows(row[0].row)
    elif edit == "extra":
        words.append(["item.no_such_question.text", "", "", "Coś"])
    else:
        row[3].value = "  "
    for other in words.iter_rows(min_row=2):  # and a real change, which must not be written
        if other[0].value == "title":
            other[3].value = "Zmieniony tytuł"
    book.save(sheet)
    result = run(app, "import", str(sheet))
    assert result.exit_code == 1
    assert "pl.xlsx:" in result.output and expected in result.output, result.output
    assert polish_file.read_bytes() == original


def test_new_wording_for_an_answered_revision_is_written_as_the_next_revision(
    database_url, folder, polish_file, tmp_path
):
    from survey_app.extensions import db
    from survey_app.models import Response
    from survey_app.questionnaire.startup import registry_of
    from survey_app.questionnaire.sync import sync
    from tests.integration.respond_helpers import new_session

    app = make_app(database_url, QUESTIONNAIRE_DIR=folder)
    with app.app_context():
        session = new_session(app)
        sync(registry_of(app), "q")
        db.session.add(
            Response(
                response_uuid="00000000-0000-4000-8000-000000000001",
                session_id=session.id,
                phase="pre",
                questionnaire_id="sample",
                questionnaire_version=1,
                language="pl",
                wording_revision=1,
                answers={},
            )
        )
        db.session.commit()
        sheet = export(app, tmp_path)
        book = load_workbook(sheet)
        for row in book["words"].iter_rows(min_row=2):
            if row[0].value == "title":
                row[3].value = "Nowy tytuł"
        book.save(sheet)
        result = run(app, "import", str(sheet))
        assert result.exit_code == 0, result.output
        written = yaml.safe_load(polish_file.read_text(encoding="utf-8"))
        assert (written["revision"], written["title"]) == (2, "Nowy tytuł")
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
