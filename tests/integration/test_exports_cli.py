"""`flask responses export`: CSV and XLSX files from the command line, logged without a user."""

from __future__ import annotations

import openpyxl
import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import AuditEntry
from survey_app.questionnaire.startup import registry_of
from tests.report_data import FREE_TEXT, store_groups


@pytest.fixture
def stored(app):
    return store_groups(registry_of(app), {"Ten School": 10, "Small School": 9})


def export(app, *args: str):
    return app.test_cli_runner().invoke(args=["responses", "export", *args])


def test_csv_export_of_one_school(app, stored, tmp_path):
    out = tmp_path / "ten.csv"
    result = export(app, "--format", "csv", "--org", "Ten School", "--questionnaire", "sample",
                    "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    body = out.read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 20 and all(",Ten School," in line for line in lines[1:])
    assert FREE_TEXT in body.decode("utf-8-sig")


def test_xlsx_export_leaves_out_the_group_of_nine(app, stored, tmp_path):
    out = tmp_path / "all.xlsx"
    result = export(app, "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    text = " ".join(str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row)
    assert "Ten School" in text and "Small School" not in text
    log = db.session.scalars(sa.select(AuditEntry).filter_by(action="download")).one()
    assert (log.user_id, log.target) == (None, "cli:export:xlsx")


def test_long_csv_has_one_row_per_answer(app, stored, tmp_path):
    out = tmp_path / "long.csv"
    assert export(app, "--format", "csv", "--layout", "long", "-o", str(out)).exit_code == 0
    header, *rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert header.endswith("item,value,answer")
    assert any(",belong_area," in row for row in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf", "-o", "x"], "Invalid value for '--format'"),
        (["--format", "csv", "--questionnaire", "nope", "-o", "x"], "unknown questionnaire"),
        (["--format", "csv", "--org", "Nowhere", "-o", "x"], "no school or group called"),
        (["--format", "csv"], "Missing option '-o'"),
    ],
)
def test_bad_requests_are_refused_with_a_message(app, stored, tmp_path, args, message):
    result = export(app, *args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output
    assert not db.session.scalars(sa.select(AuditEntry).filter_by(action="download")).all()


def test_zip_export_holds_responses_and_codebook(app, stored, tmp_path):
    import zipfile

    out = tmp_path / "all.zip"
    result = export(app, "--format", "zip", "-o", str(out))
    assert result.exit_code == 0, result.output
    names = set(zipfile.ZipFile(out).namelist())
    assert {"responses-wide.csv", "responses-long.csv", "codebook.csv"} <= names


def test_sav_export_leaves_out_the_group_of_nine(app, stored, tmp_path):
    import pyreadstat

    out = tmp_path / "all.sav"
    result = export(app, "--format", "sav", "-o", str(out))
    assert result.exit_code == 0, result.output
    data, _ = pyreadstat.read_sav(str(out))
    assert set(data["organisation"]) == {"Ten School"}
