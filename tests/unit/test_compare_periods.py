"""compare(by=year|term|language): academic periods from session dates, and the language a
response was answered in (issue 11 item 10, issue 14 items 4-5). Numbers are those of the hand-
worked school A of test_compare.py; suppression as everywhere (MIN_BASE 10)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from survey_app.questionnaire.loader import load_file
from survey_app.scoring.compare import compare
from survey_app.scoring.periods import academic_periods, parse_year_start
from tests.unit.test_compare import POST, PRE, SAMPLE, row


@pytest.fixture(scope="module")
def sample():
    return load_file(SAMPLE)


def rows(groups: list[tuple[date, str, list, list]]) -> pd.DataFrame:
    """One session per entry (its date and language); respondent i answers PRE and POST."""
    out = []
    for s, (when, language, pre, post) in enumerate(groups, start=1):
        for phase, answers in (("pre", pre), ("post", post)):
            for i, value in enumerate(answers):
                out.append({
                    "response_id": len(out) + 1, "session_id": s, "organisation": "A",
                    "programme": None, "session_date": when, "phase": phase,
                    "questionnaire_id": "sample", "questionnaire_version": 1,
                    "language": language, "respondent_key": f"{s}-{i}", "match_code": None,
                    "belong_city": value,
                })  # fmt: skip
    return pd.DataFrame(out)


@pytest.mark.parametrize(
    ("when", "start", "year", "term"),
    [
        (date(2026, 8, 31), (9, 1), "2025/26", "2025/26 summer"),
        (date(2026, 9, 1), (9, 1), "2026/27", "2026/27 autumn"),
        (date(2026, 12, 31), (9, 1), "2026/27", "2026/27 autumn"),
        (date(2027, 1, 4), (9, 1), "2026/27", "2026/27 spring"),
        (date(2027, 3, 31), (9, 1), "2026/27", "2026/27 spring"),
        (date(2027, 4, 1), (9, 1), "2026/27", "2026/27 summer"),
        (date(1999, 9, 1), (9, 1), "1999/00", "1999/00 autumn"),
        (date(2026, 8, 20), (8, 15), "2026/27", "2026/27 autumn"),
        (date(2026, 8, 14), (8, 15), "2025/26", "2025/26 summer"),
    ],
)
def test_a_date_falls_in_its_academic_year_and_term(when, start, year, term):
    assert academic_periods(pd.Series([when]), start, "year")[1] == [year]
    assert academic_periods(pd.Series([when]), start, "term")[1] == [term]


@pytest.mark.parametrize("bad", ["9-1", "13-01", "09-32", "", "0901", "09/01"])
def test_a_badly_written_year_start_is_refused_with_the_form_expected(bad):
    with pytest.raises(ValueError, match="MM-DD"):
        parse_year_start(bad)


def test_by_year_gives_a_trend_across_two_academic_years_in_time_order(sample):
    later = [v + 1 if v < 5 else v for v in POST]  # the second year's AFTER answers, higher
    frame = rows([(date(2026, 10, 1), "en", PRE, POST), (date(2025, 10, 1), "en", PRE, later)])
    result = compare(frame, sample, by="year")
    matched = result[(result.measure == "belong_city") & (result.design == "matched")]
    assert list(matched.group) == ["2025/26", "2026/27"]  # time order, not the sessions' order
    assert row(result, "2026/27", "belong_city", "matched").mean_post == pytest.approx(3.7)
    assert row(result, "2025/26", "belong_city", "matched").mean_post == pytest.approx(
        sum(later) / 10
    )


def test_by_term_suppresses_a_term_of_nine(sample):
    frame = rows(
        [(date(2026, 10, 1), "en", PRE, POST), (date(2027, 2, 1), "en", PRE[:9], POST[:9])]
    )
    result = compare(frame, sample, by="term")
    autumn = row(result, "2026/27 autumn", "belong_city", "matched")
    spring = row(result, "2026/27 spring", "belong_city", "matched")
    assert autumn.n_pairs == 10 and autumn.mean_change == pytest.approx(0.7)
    assert spring.suppressed and pd.isna(spring.mean_pre) and pd.isna(spring.mean_change)


def test_by_language_shows_each_language_and_suppresses_one_of_nine(sample):
    frame = rows(
        [(date(2026, 10, 1), "en", PRE, POST), (date(2026, 10, 1), "pl", PRE[:9], POST[:9])]
    )
    result = compare(frame, sample, by="language")
    english, polish = (row(result, lang, "belong_city", "matched") for lang in ("en", "pl"))
    assert english.n_pairs == 10 and english.mean_post == pytest.approx(3.7)
    assert polish.suppressed and pd.isna(polish.mean_post)


def test_a_pair_answered_in_two_languages_counts_in_its_before_language(sample):
    frame = rows([(date(2026, 10, 1), "pl", PRE, POST)])
    frame.loc[frame.phase == "post", "language"] = "en"
    result = compare(frame, sample, by="language")
    assert row(result, "pl", "belong_city", "matched").n_pairs == 10
    # In both designs: the AFTER answers count in Polish too, so that every group is a union
    # of whole (session, language) cells (ADR 0029) and no English group appears.
    assert row(result, "pl", "belong_city", "unmatched").n_post == 10
    assert set(result["group"]) == {"pl"}


def test_by_language_needs_the_language_column(sample):
    frame = rows([(date(2026, 10, 1), "en", PRE, POST)]).drop(columns="language")
    with pytest.raises(ValueError, match="language"):
        compare(frame, sample, by="language")
