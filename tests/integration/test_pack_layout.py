"""The chart pack read back with a PDF reader (pypdfium2): a cover with the group, period,
counts and headline; each chart's title printed once; table headings that wrap between words;
and the causal caveat on the method page."""

from __future__ import annotations

from datetime import date

import pytest

from survey_app.questionnaire import load_folder
from survey_app.reports import charts, figures, pdf
from survey_app.reports.packs import make_packs
from survey_app.reports.tables import ChartTable
from tests.conftest import TEST_QUESTIONNAIRES
from tests.integration.test_packs import pdf_pages
from tests.report_data import synthetic_frame

GROUPS = {"Ten School": 12, "Small School": 9, "Big School": 30}
MADE = date(2025, 1, 31)


@pytest.fixture(scope="module")
def sample():
    return load_folder(TEST_QUESTIONNAIRES).latest("sample")


@pytest.fixture(scope="module")
def school_pack(sample, tmp_path_factory):
    out = tmp_path_factory.mktemp("packs")
    responses = synthetic_frame(sample, GROUPS, seed=5)
    result = make_packs(responses, [sample], kind="organisation", names=["Ten School"],
                        out_dir=out, made_on=MADE)[0]  # fmt: skip
    return pdf_pages(result.path)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_cover_names_group_period_counts_and_headline(school_pack):
    cover = flat(school_pack[0])
    assert "School or group: Ten School." in cover
    assert "1 session on 02 March 2024" in cover
    assert "24 responses (12 before, 12 after); 12 matched pairs, a match rate of 100%." in cover
    assert "Headline" in cover and "Sense of belonging rose from" in cover
    assert "among 12 pupils who answered both times" in cover
    assert cover.count("Made on") == 1 and "31 January 2025" in cover
    assert "Small School" not in " ".join(school_pack)


def test_each_chart_title_is_printed_once(school_pack):
    text = flat(" ".join(school_pack))
    for caption in ("Ten School: average scores before and after",
                    "Ten School: share agreeing before and after"):  # fmt: skip
        assert text.count(caption) == 1, caption


def test_the_picture_of_a_pack_chart_has_no_title_but_keeps_its_subtitle(sample):
    responses = synthetic_frame(sample, {"Ten School": 12}, seed=5)
    from survey_app.scoring.compare import compare

    data = figures.ReportData(responses, [sample], compare(responses, sample, min_base=10),
                              "organisation", 10)  # fmt: skip
    drawn = figures.scale_means(data, "Ten School")
    before = [t.get_text() for t in drawn.figure.texts]
    after = [t.get_text() for t in charts.without_title(drawn.figure).texts]
    charts.close(drawn.figure)
    assert drawn.table.caption in before and drawn.table.caption not in after
    assert len(after) == len(before) - 1 and any("matched pairs" in t for t in after)


def test_table_headings_wrap_between_words_never_inside_one(school_pack):
    words = {word for page in school_pack for line in page.splitlines() for word in line.split()}
    for heading in ("Sometimes", "disagree", "interval", "Answers"):
        assert heading in words, heading
    assert not any(line.strip() in {"s", "es"} for page in school_pack
                   for line in page.splitlines()), "a word was broken"  # fmt: skip


def test_widths_make_room_for_the_longest_word_from_columns_with_room():
    table = ChartTable(
        "t", ("Question", "Sometimes", "Often"), (("A long question here", "1", "2"),)
    )
    narrow = [pdf.TEXT_WIDTH - 20, 10, 10]
    fitted = pdf.fit_widths(table, narrow)
    assert fitted[1] > 10 and fitted[2] >= 10
    assert sum(fitted) == pytest.approx(pdf.TEXT_WIDTH)
    assert fitted[0] < narrow[0]


def test_method_page_says_a_change_cannot_on_its_own_be_put_down_to_the_session(school_pack):
    method = flat(school_pack[-1])
    assert "Method" in method
    assert "cannot on its own be put down to the session" in method


def test_a_pdf_table_with_narrow_columns_keeps_every_word_whole(tmp_path):
    long_words = ("Sometimes", "Neighbourhood", "Intercultural")
    table = ChartTable("t", ("Question", *long_words), (("How often?", "12%", "40%", "48%"),))
    document = pdf.PackDocument("Widths", ["cover"], "footer")
    document.table(table, [pdf.TEXT_WIDTH - 3 * 20, 20, 20, 20])
    path = tmp_path / "widths.pdf"
    pdf.write(document, path)
    words = {w for page in pdf_pages(path) for line in page.splitlines() for w in line.split()}
    assert set(long_words) <= words, words
    spans = [word_span(path, word) for word in long_words]
    for (_, right), (left, _) in zip(spans, spans[1:], strict=False):
        assert right <= left, "a heading runs into the next column"


def word_span(path, word: str) -> tuple[float, float]:
    """The left and right edges, in points, of a word on the PDF's second page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        text = document[1].get_textpage()
        start = text.get_text_range().index(word)
        left = text.get_charbox(start)[0]
        right = text.get_charbox(start + len(word) - 1)[2]
        return left, right
    finally:
        document.close()
