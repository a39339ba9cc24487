"""A school's results across two academic years (issue 14 item 5): the dashboard grouped by
year shows each scale's trend with its table and a working image; the school's pack carries
the same trend; within one year there is none. Sessions stored through real sessions."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from PIL import Image

from survey_app.questionnaire.startup import registry_of
from tests.integration.test_packs import pdf_pages
from tests.report_data import store_groups

TREND = "Change in each scale, year by year"


@pytest.fixture
def two_years(app):
    registry = registry_of(app)
    store_groups(registry, {"Oak School": 12}, session_date=date(2025, 3, 5), seed=1)
    store_groups(registry, {"Oak School": 15}, session_date=date(2025, 10, 5), seed=2)


def test_the_dashboard_by_year_draws_the_trend_with_its_table(client, signed_in, two_years):
    signed_in("officer")
    html = client.get("/reports/?questionnaire=sample&by=year").get_data(as_text=True)
    assert "Trend across academic years" in html and TREND in html
    table = html[html.index(TREND) :]
    table = table[: table.index("</table>")]
    assert re.search(r"2024/25.*2025/26", table, re.S)  # time order
    src = re.search(r'<img[^>]+src="([^"]*chart/trend\.png[^"]*)"', html)
    image = client.get(src[1].replace("&amp;", "&"))
    assert image.status_code == 200 and Image.open(io.BytesIO(image.data)).format == "PNG"
    # grouped by school there is one group and no trend
    by_school = client.get("/reports/?questionnaire=sample").get_data(as_text=True)
    assert TREND not in by_school


def test_the_schools_pack_has_the_trend_across_its_years(app, two_years, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["report", "pack", "--org", "Oak School", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(pdf_pages(tmp_path / "organisation-oak-school.pdf")).split())
    assert TREND in text and "2024/25" in text and "2025/26" in text


def test_within_one_year_a_pack_has_no_trend(app, tmp_path):
    store_groups(registry_of(app), {"Elm School": 12}, session_date=date(2025, 10, 5))
    result = app.test_cli_runner().invoke(
        args=["report", "pack", "--org", "Elm School", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert TREND not in " ".join(
        " ".join(pdf_pages(tmp_path / "organisation-elm-school.pdf")).split()
    )
