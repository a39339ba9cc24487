"""The officers' downloads from the dashboard (zip, comparison CSV) beside the machines' output
of `flask report compare`, on data stored through real sessions."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import AuditEntry
from survey_app.questionnaire.startup import registry_of
from tests.report_data import store_groups


@pytest.fixture
def stored(app):
    return store_groups(registry_of(app), {"Ten School": 10, "Small School": 9, "Big School": 30})


def csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_zip_download_holds_the_codebook_beside_the_responses(client, signed_in, stored):
    officer = signed_in("officer")
    response = client.get("/reports/download/responses.zip?questionnaire=sample")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert 'filename="responses.zip"' in response.headers["Content-Disposition"]
    bundle = zipfile.ZipFile(io.BytesIO(response.data))
    assert {"responses-wide.csv", "codebook.csv", "comparison.csv"} <= set(bundle.namelist())
    wide = csv_rows(bundle.read("responses-wide.csv"))
    assert len(wide) == 1 + 2 * (10 + 30)
    everything = " ".join(bundle.read(n).decode("utf-8-sig") for n in bundle.namelist())
    assert "Small School" not in everything
    log = db.session.scalars(sa.select(AuditEntry).filter_by(action="download")).one()
    assert (log.user_id, log.target) == (officer.id, "export:zip")


def test_the_dashboard_offers_the_zip(client, signed_in, stored):
    signed_in("officer")
    html = client.get("/reports/?questionnaire=sample").get_data(as_text=True)
    assert "/reports/download/responses.zip?" in html and "CSV files (zip)" in html


def test_officers_comparison_csv_is_rounded_the_machines_keeps_full_precision(
    app, client, signed_in, stored
):
    signed_in("officer")
    rows = csv_rows(client.get("/reports/download/comparison.csv?questionnaire=sample").data)
    header, body = rows[0], rows[1:]
    assert header[:2] == ["Grouped by", "Group"] and "Change in mean" in header
    change = [row[header.index("Change in mean")] for row in body if row[0]]
    assert change and all(len(v.split(".")[-1]) <= 2 for v in change if v)

    machine = app.test_cli_runner().invoke(args=["report", "compare", "--format", "json"])
    assert machine.exit_code == 0, machine.output
    records = json.loads(machine.output)
    assert {"mean_change", "p_value", "t_p_value", "test"} <= set(records[0])
    digits = [len(repr(r["mean_change"]).split(".")[-1]) for r in records if r["mean_change"]]
    assert max(digits) > 2, "the machines' numbers are not rounded"
    as_csv = app.test_cli_runner().invoke(args=["report", "compare", "--format", "csv"])
    assert as_csv.output.splitlines()[0].startswith("group_by,group,questionnaire,")
    assert "wilcoxon_signed_rank_" in as_csv.output


def test_a_suppressed_schools_downloads_say_why_in_their_first_line(client, signed_in, stored):
    signed_in("officer")
    query = "questionnaire=sample&organisation=Small+School"
    for url in (f"/reports/download/responses.csv?{query}",
                f"/reports/download/comparison.csv?{query}"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        first = csv_rows(response.data)[0]
        assert first[0].startswith("This file has no rows") and "fewer than 10" in first[0], url


def test_sav_download_reads_back_with_labels(client, signed_in, stored, tmp_path):
    import pyreadstat

    signed_in("officer")
    response = client.get("/reports/download/responses.sav?questionnaire=sample")
    assert response.status_code == 200
    assert 'filename="responses.sav"' in response.headers["Content-Disposition"]
    path = tmp_path / "r.sav"
    path.write_bytes(response.data)
    data, meta = pyreadstat.read_sav(str(path))
    assert len(data) == 2 * (10 + 30) and "Small School" not in set(data["organisation"])
    assert meta.column_names_to_labels["belong_area"] == "I feel I belong in my area."


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_exported_ids_are_the_random_ones_in_no_order_of_answering(client, signed_in, stored,
                                                                   layout):  # fmt: skip
    """Issue 12 item 1: the database's sequence number is the order pupils submitted in; exports
    carry each response's random id instead, sorted by it, and no time of day."""
    from survey_app.models import Response

    signed_in("officer")
    query = f"questionnaire=sample&organisation=Big+School&layout={layout}"
    rows = csv_rows(client.get(f"/reports/download/responses.csv?{query}").data)
    header, body = rows[0], rows[1:]
    exported = [row[header.index("response_id")] for row in body]
    by_uuid = dict(db.session.execute(sa.select(Response.response_uuid, Response.id)).all())
    assert set(exported) <= set(by_uuid) and len(set(exported)) == 60  # 30 BEFORE + 30 AFTER
    for phase in ("pre", "post"):
        in_phase = [by_uuid[r[header.index("response_id")]] for r in body
                    if r[header.index("phase")] == phase]  # fmt: skip
        in_phase = list(dict.fromkeys(in_phase))  # long: one row per answer
        assert in_phase != sorted(in_phase)  # 30! orders: by chance 1 in 2.6e32
    assert not [name for name in header if "submitted" in name or "time" in name]
