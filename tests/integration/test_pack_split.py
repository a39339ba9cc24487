"""A chart pack split by an answer (issue 14 item 4, "in packs"): `report pack --by` and the
dashboard's pack download carry the dashboard's split, under its rules. Oak School has 15 pupils
in Year 7 and 12 in Year 8, so its pack is split; Elm School has 20 and 9, so its pack names no
year group's numbers (all or nothing per session, ADR 0036)."""

from __future__ import annotations

import pytest

from tests.integration.test_packs import pdf_pages
from tests.integration.test_split_by_answer_reach import SPLIT, schools  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("schools")
HEADING = "By the answer to “Which year are you in?”"
START = HEADING[:16]  # the heading may wrap onto a second line


def pack(app, tmp_path, school: str, *more: str):
    args = ["report", "pack", "--org", school, "-o", str(tmp_path), *more]
    return app.test_cli_runner().invoke(args=args)


def headings_after_split(pages: list[str]) -> list[str]:
    """The lines of the split's page from its heading on."""
    text = "\n".join(pages)
    assert HEADING in " ".join(text.split()), text[:2000]
    return [line.strip() for line in text[text.index(START) :].splitlines()]


def test_a_pack_split_by_year_group_shows_each_year_with_its_numbers(app, tmp_path):
    result = pack(app, tmp_path, "Oak School", "--by", SPLIT)
    assert result.exit_code == 0, result.output
    (made,) = tmp_path.glob("*.pdf")
    lines = headings_after_split(pdf_pages(made))
    assert "Year 7" in lines and "Year 8" in lines
    assert any(line.startswith("Split by the answer: 54 of the 54 responses") for line in lines)
    text = " ".join(lines)
    assert "among 15 pupils" in text and "among 12 pupils" in text  # Year 7's and Year 8's pairs


def test_a_school_whose_small_band_stops_the_split_shows_no_years_numbers(app, tmp_path):
    result = pack(app, tmp_path, "Elm School", "--by", SPLIT)
    assert result.exit_code == 0, result.output
    (made,) = tmp_path.glob("*.pdf")
    lines = headings_after_split(pdf_pages(made))
    assert "Year 7" not in lines and "Year 8" not in lines  # no group's heading, so no table
    assert not [
        line for line in lines if line.startswith("Split by the answer: ") and " 0 of" not in line
    ]


def test_without_by_a_pack_has_no_split_page(app, tmp_path):
    assert pack(app, tmp_path, "Oak School").exit_code == 0
    (made,) = tmp_path.glob("*.pdf")
    assert START not in "\n".join(pdf_pages(made))


@pytest.mark.parametrize("by", ["answer:nothing", "answer:belong_city", "colour"])
def test_a_bad_split_is_refused_before_any_pack_is_written(app, tmp_path, by):
    result = pack(app, tmp_path, "Oak School", "--by", by)
    assert result.exit_code == 2, result.output
    assert "--by" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


def test_the_dashboards_pack_download_carries_its_split(client, signed_in, tmp_path):
    signed_in("officer")
    reply = client.get(
        f"/reports/download/pack.pdf?questionnaire=sample&organisation=Oak+School&by={SPLIT}"
    )
    assert reply.status_code == 200, reply.get_data(as_text=True)[:300]
    saved = tmp_path / "oak.pdf"
    saved.write_bytes(reply.data)
    assert "Year 8" in headings_after_split(pdf_pages(saved))
    plain = client.get("/reports/download/pack.pdf?questionnaire=sample&organisation=Oak+School")
    saved.write_bytes(plain.data)
    assert START not in "\n".join(pdf_pages(saved))


def test_the_html_pack_carries_the_split_as_headings(app, tmp_path):
    from bs4 import BeautifulSoup

    assert pack(app, tmp_path, "Oak School", "--by", SPLIT, "--format", "html").exit_code == 0
    (made,) = tmp_path.glob("*.html")
    page = BeautifulSoup(made.read_text(encoding="utf-8"), "html.parser")
    headings = [" ".join(h.get_text().split()) for h in page.find_all(["h1", "h2", "h3"])]
    at = next(i for i, h in enumerate(headings) if HEADING in h)
    assert {"Year 7", "Year 8"} <= set(headings[at:])
