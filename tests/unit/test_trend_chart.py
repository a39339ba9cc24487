"""The trend chart (issue 14 item 5): each scale's change across academic years, in time order,
the same numbers as the comparison by year, a suppressed year on the axis with no mark and
named with its true reason."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from survey_app.questionnaire.loader import load_file
from survey_app.reports import charts, figures
from survey_app.reports.figures import ReportData
from survey_app.scoring.compare import compare
from tests.report_data import synthetic_frame
from tests.unit.test_compare import SAMPLE

YEARS = {"2023/24": (date(2024, 3, 5), 14), "2024/25": (date(2024, 11, 5), 4),
         "2025/26": (date(2025, 10, 5), 16)}  # fmt: skip


@pytest.fixture(scope="module")
def sample():
    return load_file(SAMPLE)


def one_school_over_three_years(q) -> pd.DataFrame:
    """School A in three academic years, one session each; the middle year has 4 pupils."""
    parts = []
    for n, (label, (when, pupils)) in enumerate(YEARS.items()):
        part = synthetic_frame(q, {"A": pupils}, seed=n)
        part["session_id"], part["session_date"] = n + 1, when
        part["respondent_key"] = part["respondent_key"] + f"-{label}"
        part["response_id"] += 1000 * n
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def test_the_trend_shows_each_year_in_order_with_the_comparisons_numbers(sample):
    frame = one_school_over_three_years(sample)
    by_year = compare(frame, [sample], by="year", min_base=10)
    drawn = figures.trend(ReportData(frame, [sample], by_year, "year", 10))
    assert drawn is not None and drawn.table.columns[:2] == ("Scale", "Period")
    scales = list(sample.scales)
    shown = [r for r in drawn.table.rows if not r[2].startswith("Not shown")]
    assert [r[1] for r in shown] == ["2023/24", "2025/26"] * len(scales)
    # Each year's change is the change of that year's responses compared on their own.
    for period, (when, _) in YEARS.items():
        if period == "2024/25":
            continue
        alone = compare(frame[frame["session_date"] == when], [sample], by="organisation")
        for scale in scales:
            row = alone[(alone["measure"] == scale) & (alone["design"] == "matched")].iloc[0]
            cells = [r for r in shown if r[1] == period and r[0].startswith(sample.scales[scale].
                     title["en"])]  # fmt: skip
            assert cells and cells[0][4] == f"{row['mean_change']:+.2f}", (period, scale)


def test_a_year_too_small_is_named_with_its_reason_and_never_plotted(sample):
    frame = one_school_over_three_years(sample)
    by_year = compare(frame, [sample], by="year", min_base=10)
    drawn = figures.trend(ReportData(frame, [sample], by_year, "year", 10))
    small = [r for r in drawn.table.rows if r[1] == "2024/25"]
    assert small and all(r[2] == "Not shown: fewer than 10 matched pairs" for r in small)
    assert all(cell == "" for r in small for cell in r[3:])
    axes = drawn.figure.axes[0]
    assert [t.get_text() for t in axes.get_xticklabels()] == list(YEARS)
    for container in axes.containers:  # one error bar series per scale
        xs = container.lines[0].get_xdata()
        assert len(xs) == 2 and all(abs(x - 1) > 0.4 for x in xs)  # nothing at 2024/25
    words = " ".join(t.get_text() for t in drawn.figure.texts)
    assert "Not shown: 2024/25 (fewer than 10 matched pairs)" in words
    assert charts.to_png(drawn.figure)[:4] == b"\x89PNG"


def test_no_trend_unless_grouped_by_time_over_two_periods(sample):
    frame = one_school_over_three_years(sample)
    by_org = compare(frame, [sample], by="organisation", min_base=10)
    assert figures.trend(ReportData(frame, [sample], by_org, "organisation", 10)) is None
    first = frame[frame["session_date"] == YEARS["2023/24"][0]]
    one_year = compare(first, [sample], by="year", min_base=10)
    assert figures.trend(ReportData(first, [sample], one_year, "year", 10)) is None


def test_a_years_answer_counts_are_that_years_answers(sample):
    """Grouped by year, a year's "answers before and after" table counts that year's 16 pupils
    in each phase (it once looked them up in the programme column and counted none)."""
    frame = one_school_over_three_years(sample)
    by_year = compare(frame, [sample], by="year", min_base=10)
    data = ReportData(frame, [sample], by_year, "year", 10)
    answer_set = next(iter(figures.answer_sets(sample)))
    drawn = figures.answers(data, "2025/26", answer_set, draw=False)
    assert drawn is not None and drawn.table.columns[-1] == "Answers"
    assert drawn.table.rows and {row[-1] for row in drawn.table.rows} == {"16"}, drawn.table.rows
