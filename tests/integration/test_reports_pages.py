"""The officer dashboard, chart URLs and downloads, on data stored through real sessions."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest
import sqlalchemy as sa
from PIL import Image

from survey_app.extensions import db
from survey_app.models import AuditEntry
from survey_app.questionnaire.startup import registry_of
from tests.report_data import FREE_TEXT, store_groups

INJECTIONS = ['=HYPERLINK("http://example.invalid","x")', "@SUM(1)", "-2+3"]
FEWER = "fewer than 10"


@pytest.fixture
def stored(app):
    return store_groups(registry_of(app), {"Ten School": 10, "Small School": 9, "Big School": 30})


def page(client, query: str = "questionnaire=sample") -> str:
    response = client.get(f"/reports/?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def rows_naming(html: str, name: str) -> list[str]:
    return [row for row in re.findall(r"<tr>.*?</tr>", html, re.S) if name in row]


def urls(html: str, pattern: str) -> list[str]:
    return [u.replace("&amp;", "&") for u in re.findall(pattern, html)]


def test_facilitators_cannot_see_reports(client, signed_in, stored):
    signed_in("facilitator")
    assert client.get("/reports/?questionnaire=sample").status_code == 403
    assert client.get("/reports/download/responses.xlsx?questionnaire=sample").status_code == 403


def test_dashboard_reads_out_results_and_hides_the_group_of_nine(client, signed_in, stored):
    signed_in("officer")
    html = page(client)
    assert "Ten School" in html and "Big School" in html
    small = rows_naming(html, "Small School")
    assert small, "a small group is named as too small, not silently dropped"
    for row in small:
        cells = re.sub(r"<[^>]+>", " ", row)
        assert FEWER in cells
        assert not re.search(r"\d\.\d|\b\d+%", cells), cells  # no mean, share or rate
    assert re.search(r"Sense of belonging (rose|fell) from \d\.\d to \d\.\d among 10 pupils", html)
    assert "Low base" in html  # 10 and 30 pairs: the 10 is below 30
    assert "100%" in html  # every respondent here kept their device key: all matched


def test_one_school_shows_its_charts_with_tables_and_working_image_urls(client, signed_in, stored):
    signed_in("officer")
    html = page(client, "questionnaire=sample&organisation=Ten+School")
    images = urls(html, r'<img src="([^"]+)"')
    assert len(images) >= 3
    assert html.count('<table class="table">') >= len(images) + 2  # a table beside each chart
    for url in images:
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert Image.open(io.BytesIO(response.data)).size[0] == 1000
    svg = client.get(images[0].replace(".png?", ".svg?"))
    assert svg.mimetype == "image/svg+xml" and b"Ten School" in svg.data


def test_no_chart_for_a_group_of_nine(client, signed_in, stored):
    signed_in("officer")
    for kind in ("scale-means", "agreement"):
        url = f"/reports/chart/{kind}.png?questionnaire=sample&group=Small+School"
        assert client.get(url).status_code == 404


def test_bad_filters_get_a_clear_message_and_no_results(client, signed_in, stored):
    signed_in("officer")
    response = client.get("/reports/?questionnaire=sample&organisation=Nowhere")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "There is a problem" in html and "Choose a school or group from the list" in html
    assert "<h2>Results</h2>" not in html
    bad_dates = client.get("/reports/?questionnaire=sample&date_from=2024-03-10&date_to=2024-03-01")
    assert "same as or after" in bad_dates.get_data(as_text=True)
    for query, message in (
        ("by=bogus", "Choose what to compare by from the list"),
        ("date_from=notadate", "date as a real date"),
    ):
        response = client.get(f"/reports/?questionnaire=sample&{query}")
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert client.get("/reports/chart/scale-means.png?questionnaire=zzz").status_code == 400


def test_date_and_priority_filters_narrow_the_results(client, signed_in, stored):
    signed_in("officer")
    assert "No responses match" in page(client, "questionnaire=sample&date_to=2024-01-01")
    html = page(client, "questionnaire=sample&priority=mixing")
    assert "Mixing with others" in html and "Sense of belonging" not in html


def test_downloads_are_logged_without_answers(client, signed_in, stored):
    officer = signed_in("officer")
    response = client.get(
        "/reports/download/responses.xlsx?questionnaire=sample&organisation=Ten+School"
    )
    assert response.status_code == 200
    assert 'filename="responses.xlsx"' in response.headers["Content-Disposition"]
    client.get("/reports/chart/scale-means.png?questionnaire=sample&group=Ten+School&download=1")
    client.get("/reports/?questionnaire=sample")  # viewing is not downloading
    logs = db.session.scalars(
        sa.select(AuditEntry).filter_by(action="download").order_by(AuditEntry.id)
    ).all()
    assert [(log.user_id, log.target) for log in logs] == [
        (officer.id, "export:xlsx"),
        (officer.id, "chart:scale-means:png"),
    ]
    assert logs[0].details["filters"]["organisation"] == "Ten School"
    assert logs[1].details["filters"]["group"] == "Ten School"
    assert FREE_TEXT not in json.dumps([log.details["filters"] for log in logs])


def test_stored_formula_answers_download_inert(app, client, signed_in):
    registry = registry_of(app)
    store_groups(registry, {"Ten School": 10})
    _store_injections(app)
    signed_in("officer")
    query = "questionnaire=sample&organisation=Ten+School"
    body = client.get(f"/reports/download/responses.xlsx?{query}").data
    book = openpyxl.load_workbook(io.BytesIO(body))
    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row]
    for text in INJECTIONS:
        found = [c for c in cells if c.value == f"'{text}"]
        assert found and all(c.data_type == "s" for c in found), text
    assert not [c for c in cells if c.data_type == "f"]
    csv_text = client.get(f"/reports/download/responses.csv?{query}").data.decode("utf-8-sig")
    for text in INJECTIONS:
        assert f"'{text}" in csv_text.replace('""', '"')


def _store_injections(app) -> None:
    from survey_app.models import Response

    posts = db.session.scalars(
        sa.select(Response).where(Response.phase == "post").order_by(Response.id).limit(3)
    ).all()
    for response, text in zip(posts, INJECTIONS, strict=True):
        response.answers = response.answers | {"do_differently": text}
    db.session.commit()


def test_pack_download_for_one_school_is_a_pdf(client, signed_in, stored):
    signed_in("officer")
    response = client.get("/reports/download/pack.pdf?questionnaire=sample&organisation=Ten+School")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    small = client.get("/reports/download/pack.pdf?questionnaire=sample&organisation=Small+School")
    assert small.status_code == 404 and FEWER in small.get_data(as_text=True)
    unclear = client.get("/reports/download/pack.pdf?questionnaire=sample")
    assert unclear.status_code == 400 and "Choose what the pack is about" in unclear.get_data(
        as_text=True
    )


def test_chart_requests_reuse_the_pages_comparison_until_data_changes(
    app, client, signed_in, stored, monkeypatch
):
    from survey_app.reports import service

    built = []
    real = service.build_report
    monkeypatch.setattr(service, "build_report", lambda *a: built.append(1) or real(*a))
    signed_in("officer")
    html = page(client, "questionnaire=sample&organisation=Ten+School")
    for url in urls(html, r'<img src="([^"]+)"'):
        assert client.get(url).status_code == 200
    assert len(built) == 1
    store_groups(registry_of(app), {"Ten School": 1}, seed=9)  # a new response arrives
    page(client, "questionnaire=sample&organisation=Ten+School")
    assert len(built) == 2
