"""The printed sheet, read back the way a tablet camera would: render the PDF at 200 dpi and
decode every QR code with a real decoder (zxing-cpp). The codes must be exactly the session's
URLs, one per page (or four per page on the cut-out sheet), each with its quiet zone clear."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image

from survey_app.qr.codes import QUIET_ZONE, qr_matrix
from survey_app.questionnaire.startup import registry_of
from survey_app.sessions.service import create_session, public_url
from survey_app.sessions.sheets import SheetDetails, SheetLink, make_sheet

DPI = 200
A4_POINTS = (595.3, 841.9)


def rendered_pages(pdf: bytes) -> list[tuple[Image.Image, str, tuple[float, float]]]:
    """Each page as (image at DPI, its text, its size in points)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [
            (
                page.render(scale=DPI / 72).to_pil().convert("L"),
                page.get_textpage().get_text_range(),
                page.get_size(),
            )
            for page in document
        ]
    finally:
        document.close()


def assert_quiet_zone_clear(image: Image.Image, code, url: str) -> None:
    """No dark pixel within four modules of the symbol's outer edge (which zxing reports)."""
    xs = [code.position.top_left.x, code.position.bottom_right.x]
    ys = [code.position.top_left.y, code.position.bottom_right.y]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    module = (x1 - x0) / (len(qr_matrix(url)) - 2 * QUIET_ZONE)
    assert module > 4, "at least 4 pixels a module at 200 dpi"
    edge = 2  # pixels of anti-aliasing allowed either side of an edge
    reach = QUIET_ZONE * module - edge
    box = (round(x0 - reach), round(y0 - reach), round(x1 + reach), round(y1 + reach))
    pixels = image.crop(box).load()
    width, height = box[2] - box[0], box[3] - box[1]
    symbol = (x0 - box[0] - edge, y0 - box[1] - edge, x1 - box[0] + edge, y1 - box[1] + edge)
    dark = [
        (x + box[0], y + box[1])
        for x in range(width)
        for y in range(height)
        if pixels[x, y] < 200 and not (symbol[0] <= x <= symbol[2] and symbol[1] <= y <= symbol[3])
    ]
    assert not dark, f"dark pixels in the quiet zone, e.g. {dark[:3]}"


@pytest.fixture
def session(app):
    return create_session(
        registry_of(app),
        organisation="Ysgol Bro Dŵr",
        questionnaire_id="sample",
        session_date=date(2026, 3, 14),
        group_label="Year 5",
        open_now=True,
    )


def test_one_page_per_phase_each_with_its_own_url(session):
    urls = [public_url(link) for link in session.links]
    pages = rendered_pages(make_sheet(session))
    assert len(pages) == 2
    for (image, text, size), url, word, link in zip(
        pages, urls, ("BEFORE", "AFTER"), session.links, strict=True
    ):
        assert size == pytest.approx(A4_POINTS, abs=0.5)
        codes = zxingcpp.read_barcodes(image)
        assert [code.text for code in codes] == [url]
        assert codes[0].format == zxingcpp.BarcodeFormat.QRCode
        assert codes[0].ec_level in ("M", "Q", "H")
        assert_quiet_zone_clear(image, codes[0], url)
        assert word in text and f"{link.code[:4]}-{link.code[4:]}" in text
        assert url in text and "Ysgol Bro Dŵr" in text and "Year 5" in text
        assert "Saturday 14 March 2026" in text
    assert "AFTER" not in pages[0][1] and "BEFORE" not in pages[1][1]


def test_four_copies_per_page_each_scanning_to_the_same_url(session):
    urls = [public_url(link) for link in session.links]
    pages = rendered_pages(make_sheet(session, copies=4))
    assert len(pages) == 2
    for (image, text, _), url, word in zip(pages, urls, ("BEFORE", "AFTER"), strict=True):
        codes = zxingcpp.read_barcodes(image)
        assert [code.text for code in codes] == [url] * 4
        for code in codes:
            assert_quiet_zone_clear(image, code, url)
        assert text.count(word) == 4


def test_a_single_phase_form_prints_one_feedback_page_without_a_database():
    url = "https://surveys.example.gov.uk/s/Zq3_vB9-kLmN0pQrStUvWx"
    details = SheetDetails(
        organisation="Ward 3 residents",
        group_label="",
        session_date=date(2026, 5, 1),
        links=(SheetLink("single", url, "7K2M-9QXD", "https://surveys.example.gov.uk/go"),),
    )
    pages = rendered_pages(make_sheet(details))
    assert len(pages) == 1
    image, text, _ = pages[0]
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [url]
    assert "FEEDBACK" in text and "7K2M-9QXD" in text


@pytest.mark.parametrize("copies", [0, 2, 3, 5])
def test_other_numbers_of_copies_are_refused(copies):
    details = SheetDetails("Oak", "", date(2026, 5, 1), (SheetLink("pre", "x", "y", "z"),))
    with pytest.raises(ValueError, match="copies must be 1 or 4"):
        make_sheet(details, copies=copies)


@pytest.mark.parametrize("copies", [1, 4])
def test_the_sheet_lists_the_form_s_other_languages_each_named_in_itself(app, database_url, copies):
    """Read back from the PDF: reportlab cannot join Arabic letters, so the names are reshaped
    and put in visual order (fonts.drawable); a PDF reader gives them back as they are typed."""
    from survey_app.i18n import LANGUAGES
    from tests.conftest import make_app

    folder = Path(__file__).parents[2] / "questionnaires"
    shipped = make_app(database_url, QUESTIONNAIRE_DIR=folder)
    with shipped.app_context():
        session = create_session(registry_of(shipped), organisation="Oak School",
                                 questionnaire_id="pupils-secondary", session_date=date(2026, 3, 2),
                                 open_now=True)  # fmt: skip
        pages = rendered_pages(make_sheet(session, copies=copies))
    names = [LANGUAGES[c].name for c in ("ar", "ckb", "pa-Arab", "pl", "ro", "sk", "ur")]
    for _, text, _ in pages:
        lines = [line for line in text.splitlines() if line.startswith("Also in:")]
        assert len(lines) == copies, "one line on each copy"
        assert all(line == "Also in: " + " · ".join(names) for line in lines), lines
        assert "English" not in text  # the sheet's own language


def test_an_english_only_form_lists_no_languages():
    link = SheetLink("pre", "https://x.example/s/t", "7K2M-9QXD", "https://x.example/go")
    details = SheetDetails("Oak", "", date(2026, 5, 1), (link,), languages=("en",))
    assert all("Also in" not in text for _, text, _ in rendered_pages(make_sheet(details)))
