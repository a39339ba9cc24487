"""The Board report and HTML packs from the dashboard: the year chooser, downloads as PDF and
as one HTML page, logged; a bad year or COUNCIL_LOGO gets a page that says so."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from survey_app.extensions import db
from survey_app.models import AuditEntry
from tests.html import parse
from tests.integration.test_board_report import COUNCIL, logo_file, store_two_years

BOARD = "/reports/download/board"


def test_the_dashboard_offers_the_board_report_for_each_year(app, client, signed_in):
    store_two_years(app)
    signed_in("officer")
    page = parse(client.get("/reports/"))
    form = page.select_one(f'form[action="{BOARD}"]')
    assert form is not None and form.get("method") == "get"
    years = [o["value"] for o in form.select("select#board-year option")]
    assert {"2026/27", "2025/26"} <= set(years) and years == sorted(years, reverse=True)
    assert form.select_one("label[for=board-year]").get_text(strip=True) == "Academic year"
    buttons = {b["value"]: b.get_text(strip=True) for b in form.select("button[name=format]")}
    assert buttons == {"pdf": "Download the Board report (PDF)",
                       "html": "Download the Board report (web page)"}  # fmt: skip


def test_the_board_report_downloads_as_pdf_and_html_and_is_logged(app, client, signed_in, tmp_path):
    store_two_years(app)
    app.config.update(COUNCIL_NAME=COUNCIL, COUNCIL_LOGO=str(logo_file(tmp_path)))
    signed_in("officer")
    pdf = client.get(f"{BOARD}?year=2026/27&format=pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"] == 'attachment; filename="board-2026-27.pdf"'
    html = client.get(f"{BOARD}?year=2026/27&format=html")
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert "attachment" in html.headers["Content-Disposition"]
    body = parse(html)
    assert COUNCIL in body.get_text() and body.select_one("h1").get_text().startswith(
        "Cohesion surveys 2026/27"
    )
    logged = db.session.scalars(
        sa.select(AuditEntry).filter_by(action="download").order_by(AuditEntry.id)
    ).all()
    assert [e.target for e in logged] == ["board:pdf", "board:html"]
    assert logged[0].details["filters"] == {"year": "2026/27"}


def test_a_bad_year_or_format_gets_a_page_that_says_so(app, client, signed_in):
    store_two_years(app)
    signed_in("officer")
    bad = client.get(f"{BOARD}?year=2026-27&format=pdf")
    assert bad.status_code == 400 and "use the form 2026/27" in bad.get_data(as_text=True)
    odd = client.get(f"{BOARD}?year=2026/27&format=docx")
    assert odd.status_code == 400
    empty = client.get(f"{BOARD}?year=2019/20")
    assert empty.status_code == 404 and "no before-and-after answers in 2019/20" in empty.get_data(
        as_text=True
    )


def test_a_bad_council_logo_is_explained_without_the_servers_path(app, client, signed_in, tmp_path):
    store_two_years(app)
    missing = tmp_path / "nowhere" / "logo.png"
    app.config["COUNCIL_LOGO"] = str(missing)
    signed_in("officer")
    response = client.get(f"{BOARD}?year=2026/27")
    text = response.get_data(as_text=True)
    assert response.status_code == 409 and "COUNCIL_LOGO" in text
    assert str(missing) not in text and "Traceback" not in text


def test_a_pack_downloads_as_one_html_page(app, client, signed_in):
    store_two_years(app)
    signed_in("officer")
    query = "questionnaire=sample&organisation=Big+School"
    dashboard = parse(client.get(f"/reports/?{query}"))
    links = [a["href"] for a in dashboard.select("a[download]")]
    assert any(href.startswith("/reports/download/pack.html?") for href in links)
    response = client.get(f"/reports/download/pack.html?{query}")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = parse(response)
    assert page.select_one("h1").get_text(strip=True) == "Cohesion survey results: Big School"
    assert page.select("img[alt]") and page.select("table caption")
    assert date.today().strftime("%d %B %Y") in page.get_text()
