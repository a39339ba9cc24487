"""Charts and their tables, drawn from a generated data set: valid PNG and SVG files of the
expected size, the same rows in picture and table, and a group of 9 in no chart or table while a
group of 10 is in all of them."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from survey_app.questionnaire import load_folder
from survey_app.reports import charts, figures, wording
from survey_app.reports.figures import ReportData
from survey_app.scoring.compare import compare
from tests.conftest import TEST_QUESTIONNAIRES
from tests.report_data import synthetic_frame

SVG = "{http://www.w3.org/2000/svg}"
GROUPS = {"Ten School": 10, "Small School": 9, "Big School": 40}


@pytest.fixture(scope="module")
def data() -> ReportData:
    registry = load_folder(TEST_QUESTIONNAIRES)
    q = registry.latest("sample")
    responses = synthetic_frame(q, GROUPS, seed=3)
    comparison = compare(responses, q, by="organisation", min_base=10)
    return ReportData(responses, [q], comparison, "organisation", 10)


def png_size(figure) -> tuple[int, int]:
    image = Image.open(io.BytesIO(charts.to_png(figure)))
    image.verify()  # raises on a truncated or corrupt file
    assert image.format == "PNG"
    return image.size


def svg_texts(figure) -> list[str]:
    root = ET.fromstring(charts.to_svg(figure))
    assert root.tag == f"{SVG}svg"
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def each_chart(data: ReportData, group: str):
    yield "scale-means", figures.scale_means(data, group), 0
    yield "agreement", figures.agreement(data, group), 0
    for name in figures.answer_sets(data.questionnaire):
        yield f"answers-{name}", figures.answers(data, group, name), 1


@pytest.mark.parametrize("group", ["Ten School", "Big School"])
def test_each_chart_type_is_a_valid_png_and_svg_of_the_expected_size(data, group):
    drawn = list(each_chart(data, group))
    assert {kind for kind, _, _ in drawn} >= {"scale-means", "agreement", "answers-agree5"}
    for kind, chart, notes in drawn:
        assert chart is not None, kind
        rows = len(chart.table.rows)  # one table row per plotted row: the same numbers
        assert (
            png_size(chart.figure) == charts.size_px(rows, notes) == (1000, chart_px(rows, notes))
        )
        texts = svg_texts(chart.figure)
        assert any(group in t for t in texts), kind
        charts.close(chart.figure)


def chart_px(rows: int, notes: int) -> int:
    """Height in pixels worked out by hand: 0.9 in top + 0.9 in bottom + 0.5 in a row (at
    least 1.5 in) + 0.22 in a note line, at 100 dots per inch."""
    return round(100 * (1.8 + max(1.5, 0.5 * rows) + 0.22 * notes))


def test_across_groups_chart_plots_ten_and_names_nine_only_in_the_note(data):
    chart = figures.across_groups(data, "belonging")
    assert png_size(chart.figure) == charts.size_px(2, note_lines=2)
    texts = svg_texts(chart.figure)
    assert {"Ten School", "Big School", "n = 10", "n = 40"} <= set(texts)
    small = [t for t in texts if "Small School" in t]
    assert small == ["Not shown: Small School (fewer than 10 matched pairs)"]
    rows = {row[0]: row[1:] for row in chart.table.rows}
    assert rows["Small School"][0] == "fewer than 10 matched pairs"
    assert not any(re.search(r"\d", cell) for cell in rows["Small School"][1:])
    assert re.fullmatch(r"[+-]\d\.\d\d", rows["Ten School"][2])


def test_a_group_of_nine_has_no_chart_at_all(data):
    for kind, chart, _ in each_chart(data, "Small School"):
        assert chart is None, kind


def test_group_of_nine_is_absent_from_every_group_chart_of_others(data):
    for group in ("Ten School", "Big School"):
        for _, chart, _ in each_chart(data, group):
            assert not any("Small School" in t for t in svg_texts(chart.figure))
            assert "Small School" not in str(chart.table)


def test_charts_say_what_they_show_in_words(data):
    chart = figures.scale_means(data, "Ten School")
    texts = svg_texts(chart.figure)
    assert "Ten School: average scores before and after" in texts
    assert any(t.startswith("Change, after minus before") for t in texts)
    assert {"Before", "After"} <= set(texts)
    assert "n = 10" in texts


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_before_and_after_colours_differ_in_greyscale_and_in_marker():
    assert abs(luminance(charts.BEFORE) - luminance(charts.AFTER)) > 0.25
    assert charts.BEFORE_MARK != charts.AFTER_MARK
    ends = [luminance(c) for c in charts.DIVERGING]
    assert ends[0] < ends[1] < ends[2] and ends[4] < ends[3] < ends[2]


def test_figures_are_never_left_in_pyplot(data):
    import matplotlib.pyplot as plt

    figures.scale_means(data, "Big School")
    assert plt.get_fignums() == []


@pytest.mark.parametrize(
    ("effect", "design", "word"),
    [
        (0.19, "matched", "very small"),
        (0.2, "matched", "small"),
        (-0.5, "matched", "medium"),
        (0.8, "matched", "large"),
        (0.09, "unmatched", "very small"),
        (0.1, "unmatched", "small"),
        (0.3, "unmatched", "medium"),
        (-0.5, "unmatched", "large"),
        (None, "matched", ""),
    ],
)
def test_effect_size_words_follow_the_documented_thresholds(effect, design, word):
    assert wording.effect_word(effect, design) == word


def test_readout_in_plain_english():
    row = {
        "design": "matched", "n_pairs": 54, "n_pre": 60, "n_post": 58, "mean_pre": 3.2,
        "mean_post": 3.8, "mean_change": 0.6, "ci_low": 0.4, "ci_high": 0.8, "effect_size": 0.9,
        "low_base": False, "t_p_value": 2e-7,
    }  # fmt: skip
    import pandas as pd

    text = wording.readout(pd.Series(row), "Sense of belonging")
    assert text == (
        "Sense of belonging rose from 3.2 to 3.8 among 54 pupils who answered both times; "
        "a large change. The 95% interval lies wholly above 0, so chance is an unlikely "
        "explanation (95% interval +0.40 to +0.80, p < 0.001)."
    )
    fell = pd.Series(row | {"mean_post": 3.0, "mean_change": -0.2, "ci_low": -0.5,
                            "ci_high": 0.1, "effect_size": -0.3, "low_base": True,
                            "t_p_value": 0.21})  # fmt: skip
    assert wording.readout(fell, "Mixing").startswith("Mixing fell from 3.2 to 3.0 among 54")
    assert "could be chance" in wording.readout(fell, "Mixing")
    assert "read with care" in wording.readout(fell, "Mixing")
