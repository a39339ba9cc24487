"""The Board report (issue 14 item 8): `flask report board` as a PDF read back with pypdfium2
and as one HTML page parsed with BeautifulSoup; its year and COUNCIL_LOGO checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from survey_app.questionnaire.schema import PRIORITIES
from survey_app.questionnaire.startup import registry_of
from tests.report_data import store_groups

COUNCIL = "Anytown City Council"
SMALL_REASON = "fewer than 10 matched pairs"


def store_two_years(app) -> None:
    """2026/27: Big School (30) and Ten School (12) in one programme, Small School (9) alone in
    another; 2025/26: Big School again, so there is a trend across two years."""
    registry = registry_of(app)
    store_groups(registry, {"Big School": 30, "Ten School": 12}, session_date=date(2026, 10, 5))
    store_groups(registry, {"Small School": 9}, programme="Faith visits", seed=1,
                 session_date=date(2026, 11, 2))  # fmt: skip
    store_groups(registry, {"Big School": 20}, seed=2, session_date=date(2025, 10, 6))


def logo_file(folder: Path) -> Path:
    path = folder / "logo.png"
    Image.new("RGB", (300, 120), (0, 80, 160)).save(path)
    return path


@pytest.fixture
def board_app(app, tmp_path):
    store_two_years(app)
    app.config.update(COUNCIL_NAME=COUNCIL, COUNCIL_LOGO=str(logo_file(tmp_path)))
    return app


def run_board(app, *args: str):
    return app.test_cli_runner().invoke(args=["report", "board", *args])


def pdf_text_and_cover_images(path: Path) -> tuple[list[str], int]:
    document = pdfium.PdfDocument(str(path))
    try:
        pages = [" ".join(document[i].get_textpage().get_text_range().split())
                 for i in range(len(document))]  # fmt: skip
        images = len(list(document[0].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))))
        return pages, images
    finally:
        document.close()


def test_the_board_pdf_has_summary_priorities_programmes_trend_and_method(board_app, tmp_path):
    out = tmp_path / "board.pdf"
    result = run_board(board_app, "--year", "2026/27", "-o", str(out))
    assert result.exit_code == 0, result.output
    pages, cover_images = pdf_text_and_cover_images(out)
    text = " ".join(pages)
    assert COUNCIL in pages[0] and "2026/27" in pages[0]
    assert cover_images == 1  # the logo
    assert "Executive summary" in text
    assert "In 2026/27, 3 sessions in 3 schools and groups were surveyed" in text
    assert "Of the 4 strategy priorities, 2 show a change for the better" in text
    assert "and 2 have no result that can be shown" in text
    for words in PRIORITIES.values():
        assert f"Strategy priority: {words}" in text, words
    assert "no questionnaire answered this year measures this priority" in text
    assert "Programme: Cohesion sessions" in text and "Programme: Faith visits" in text
    assert "Sense of belonging: change per programme" in text
    assert "Change in each scale, year by year" in text and "2025/26" in text
    assert "cannot on its own be put down to the session" in text
    assert "Method and its limits" in text


def test_the_small_school_and_programme_are_named_with_their_reason_and_no_numbers(
    board_app, tmp_path
):
    out = tmp_path / "board.pdf"
    assert run_board(board_app, "--year", "2026/27", "-o", str(out)).exit_code == 0
    pages, _ = pdf_text_and_cover_images(out)
    text = " ".join(pages)
    assert f"Faith visits ({SMALL_REASON}" in text  # the summary's list of programmes not shown
    at = text.index("Schools and groups whose results are not shown")
    listed = text[at : text.index("Method and its limits", at)]
    assert "Small School" in listed and SMALL_REASON in listed
    assert "9 pairs" not in text and "9 before" not in text


def test_the_board_html_page_is_self_contained_and_structured(board_app, tmp_path):
    out = tmp_path / "board.html"
    result = run_board(board_app, "--year", "2026/27", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "en"
    levels = [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    tables = page.find_all("table")
    assert tables and all(t.caption and t.caption.get_text(strip=True) for t in tables)
    assert all(th.get("scope") in ("col", "row") for th in page.find_all("th"))
    images = page.find_all("img")
    assert len(images) >= 3
    assert all(img.get("alt", "").strip() for img in images)
    assert all(img["src"].startswith("data:image/") for img in images)
    assert not page.find_all(src=lambda s: s and s.startswith(("http:", "https:", "//")))
    assert not page.find_all("link") and not page.find_all("script")
    assert COUNCIL in page.get_text() and "Executive summary" in page.get_text()
    charts = [img for img in images if "chart" in img.get("class", [])]
    assert any("Before" in img["alt"] and "After" in img["alt"] for img in charts)


@pytest.mark.parametrize("year", ["2026-27", "2026/28", "26/27", "next year"])
def test_a_bad_year_is_a_usage_error_naming_the_form(board_app, year):
    result = run_board(board_app, "--year", year)
    assert result.exit_code == 2
    assert "use the form 2026/27" in result.output and "Traceback" not in result.output


def test_the_year_defaults_to_the_current_academic_year(board_app, tmp_path):
    result = run_board(board_app, "-o", str(tmp_path / "b.pdf"))
    today = date.today()
    first = today.year if today.month >= 9 else today.year - 1
    assert f"{first}/{(first + 1) % 100:02d}" in result.output


@pytest.mark.parametrize("make", ["missing", "not_an_image", "directory"])
def test_a_bad_council_logo_is_a_clear_message(board_app, tmp_path, make):
    path = tmp_path / "logo.png"
    if make == "not_an_image":
        path = tmp_path / "notes.txt"
        path.write_text("not a picture")
    elif make == "directory":
        path = tmp_path / "folder"
        path.mkdir()
    else:
        path = tmp_path / "gone.png"
    board_app.config["COUNCIL_LOGO"] = str(path)
    result = run_board(board_app, "--year", "2026/27", "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 1, result.output
    assert f"COUNCIL_LOGO is set to {path}" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "b.pdf").exists()


def test_without_a_logo_the_cover_has_no_image(board_app, tmp_path):
    board_app.config["COUNCIL_LOGO"] = ""
    out = tmp_path / "board.pdf"
    assert run_board(board_app, "--year", "2026/27", "-o", str(out)).exit_code == 0
    pages, cover_images = pdf_text_and_cover_images(out)
    assert cover_images == 0 and COUNCIL in pages[0]


def test_a_year_without_answers_says_so(board_app, tmp_path):
    result = run_board(board_app, "--year", "2019/20", "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 1
    assert "no before-and-after answers in 2019/20" in result.output


def test_a_change_that_could_be_chance_is_said_to_be_so(board_app, tmp_path):
    """2025/26: Big School's 20 pairs, belonging fell by an amount chance could explain."""
    out = tmp_path / "board.pdf"
    assert run_board(board_app, "--year", "2025/26", "-o", str(out)).exit_code == 0
    text = " ".join(pdf_text_and_cover_images(out)[0])
    assert "In 2025/26, 1 session in 1 school or group was surveyed" in text
    assert (
        "Sense of belonging fell from 2.9 to 2.8 among 20 pupils who answered both times, "
        "a change that could be chance."
    ) in text
    assert "1 show a change for the better that chance is unlikely to explain" in text
    assert "1 only changes that could be chance" in text
    assert "There is no trend to show yet" in text  # one year and one term up to 2025/26


def test_report_pack_writes_one_html_page_per_pack(board_app, tmp_path):
    args = ["report", "pack", "--org", "Big School", "--format", "html", "-o", str(tmp_path)]
    result = board_app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    page = BeautifulSoup((tmp_path / "organisation-big-school.html").read_text(), "html.parser")
    assert page.html["lang"] == "en" and page.h1.get_text() == "Cohesion survey results: Big School"
    assert [h.get_text() for h in page.find_all("h2")][-1] == "Method"
    assert all(img["alt"].startswith("Chart: ") for img in page.find_all("img"))
    assert all(th.get("scope") for th in page.find_all("th"))
