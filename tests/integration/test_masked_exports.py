"""Personal data in free text is masked in every file an officer downloads and in the command
line's export; `responses export --unmasked --admin EMAIL` gives it as typed, audited."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import AuditEntry
from survey_app.questionnaire.startup import registry_of
from tests.report_data import store_groups

TYPED = "text me 07700 900123 or jade@example.org, I live at ls115ab"
MASKED = "text me [phone number] or [email address], I live at [postcode]"
PERSONAL = ("07700 900123", "jade@example.org", "ls115ab")
QUERY = "questionnaire=sample&organisation=Ten+School"


@pytest.fixture
def stored(app):
    typed = {"Ten School": {"do_differently": TYPED}}
    return store_groups(registry_of(app), {"Ten School": 10}, extra_answers=typed)


def texts(fmt: str, body: bytes) -> str:
    """Every word of a downloaded file, whatever its format."""
    if fmt == "csv":
        return body.decode("utf-8-sig")
    if fmt == "zip":
        bundle = zipfile.ZipFile(io.BytesIO(body))
        return " ".join(bundle.read(name).decode("utf-8-sig") for name in bundle.namelist())
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(body))
        return " ".join(str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r)
    import tempfile

    import pyreadstat

    with tempfile.NamedTemporaryFile(suffix=".sav") as f:
        f.write(body)
        f.flush()
        data, meta = pyreadstat.read_sav(f.name)
    return " ".join([*map(str, data.to_numpy().ravel()), *(meta.notes or [])])


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "zip", "sav"])
def test_every_officer_download_masks_personal_data(client, signed_in, stored, fmt):
    signed_in("officer")
    body = client.get(f"/reports/download/responses.{fmt}?{QUERY}").data
    words = texts(fmt, body)
    assert MASKED in words
    assert not [piece for piece in PERSONAL if piece in words]


def test_the_long_csv_masks_too(client, signed_in, stored):
    signed_in("admin")
    words = client.get(f"/reports/download/responses.csv?{QUERY}&layout=long").data.decode()
    assert MASKED in words and "07700" not in words


def export(app, tmp_path, *args: str) -> tuple[object, str]:
    out = tmp_path / "out.csv"
    result = app.test_cli_runner().invoke(
        args=["responses", "export", "--format", "csv", "-o", str(out), *args]
    )
    return result, out.read_text(encoding="utf-8-sig") if out.exists() else ""


def test_the_command_line_export_masks_by_default(app, stored, tmp_path):
    result, words = export(app, tmp_path)
    assert result.exit_code == 0, result.output
    assert MASKED in words and "07700" not in words


def test_an_admin_can_export_unmasked_and_it_is_audited(app, stored, tmp_path, make_user):
    admin = make_user("admin")
    result, words = export(app, tmp_path, "--unmasked", "--admin", admin.email)
    assert result.exit_code == 0, result.output
    assert TYPED in words
    entry = db.session.scalars(sa.select(AuditEntry).filter_by(action="download")).one()
    assert (entry.user_id, entry.target) == (admin.id, "cli:export:csv:unmasked")


@pytest.mark.parametrize(
    ("who", "message"),
    [
        (None, "--unmasked needs --admin EMAIL"),
        ("officer@example.org", "is not an active admin"),
        ("nobody@example.org", "there is no account"),
    ],
)
def test_unmasked_export_is_refused_without_an_admin(app, stored, tmp_path, make_user, who,
                                                     message):  # fmt: skip
    make_user("officer")
    result, words = export(app, tmp_path, "--unmasked", *(["--admin", who] if who else []))
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Traceback" not in result.output and words == ""
    assert not db.session.scalars(sa.select(AuditEntry).filter_by(action="download")).all()
