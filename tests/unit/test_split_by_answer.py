"""`compare(by="answer:ITEM")` (issue 14 item 4): groups named by the options' words and "No
answer", a pair under its BEFORE answer, an AFTER answer with no pair of an item asked only
BEFORE in no group, ADR 0036's count per session and phase, and the refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import numpy as np
import pandas as pd
import pytest

from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.registry import Registry
from survey_app.reports.compare_cli import split_questionnaire
from survey_app.reports.filtering import ReportFilters
from survey_app.scoring.compare import compare
from survey_app.scoring.splits import split_sessions
from tests.report_data import synthetic_frame

SAMPLE = load_file(Path(__file__).parent.parent / "data" / "questionnaires" / "sample" / "v1.yaml")
PRE_ONLY = SAMPLE.model_copy(
    update={"items": tuple(i.model_copy(update={"phases": ("pre",)}) if i.id == "year_group"
                           else i for i in SAMPLE.items)}
)  # fmt: skip
ITEMS = ("belong_area", "belong_city", "nervous_mixing", "mix_often", "mix_school")


def people(session, years, *, start=0, paired=True, phases=("pre", "post")):
    """One response per person and phase; `years` gives each person's (before, after) year."""
    rows = []
    for i, (before, after) in enumerate(years):
        for phase in phases:
            key = f"{session}-{i}" if paired else f"{session}-{i}-{phase}"
            rows.append({
                "response_id": start + 2 * i + (phase == "post") + 1, "session_id": session,
                "organisation": f"School {session}", "programme": None,
                "session_date": date(2026, 10, 1), "phase": phase, "language": "en",
                "questionnaire_id": "sample", "questionnaire_version": 1,
                "respondent_key": key, "match_code": None,
                "year_group": before if phase == "pre" else after,
                **{item: 1 + (i + (phase == "post")) % 4 for item in ITEMS},
            })  # fmt: skip
    return rows


def matched(frame, measure="belonging"):
    rows = frame.query(f"measure == '{measure}' and design == 'matched'")
    return dict(zip(rows.group, rows.n_pairs, strict=True))


def unmatched(frame, measure="belonging"):
    rows = frame.query(f"measure == '{measure}' and design == 'unmatched'")
    return {g: (a, b) for g, a, b in zip(rows.group, rows.n_pre, rows.n_post, strict=True)}


def test_groups_are_the_options_words_in_order_then_no_answer():
    data = pd.DataFrame(people(1, [(8, 8)] * 11 + [(7, 7)] * 12 + [(None, None)] * 10))
    shown = compare(data, SAMPLE, by="answer:year_group")
    assert list(dict.fromkeys(shown.group)) == ["Year 7", "Year 8", "No answer"]
    assert matched(shown) == {"Year 7": 12, "Year 8": 11, "No answer": 10}
    assert set(shown.group_by) == {"answer:year_group"}


def test_a_pair_counts_under_its_before_answer():
    # 12 said Year 7 BEFORE and Year 8 AFTER: one person, in the group of the BEFORE answer
    data = pd.DataFrame(people(1, [(7, 8)] * 12 + [(8, 8)] * 10))
    assert matched(compare(data, SAMPLE, by="answer:year_group")) == {"Year 7": 12, "Year 8": 10}


def test_an_item_asked_only_before_groups_pairs_by_the_before_answer():
    rows = people(1, [(7, None)] * 12 + [(8, None)] * 11)
    # 10 more answered only AFTER, unlinked: their year is not known, so they are in no group
    rows += people(1, [(None, None)] * 10, start=500, paired=False, phases=("post",))
    data = pd.DataFrame(rows)
    shown = compare(data, PRE_ONLY, by="answer:year_group")
    assert matched(shown) == {"Year 7": 12, "Year 8": 11}
    assert "No answer" not in set(shown.group)
    assert unmatched(shown) == {"Year 7": (12, 12), "Year 8": (11, 11)}
    # where nothing is split they count: "All" minus the groups is these 10, never fewer
    assert unmatched(compare(data, PRE_ONLY, by="organisation")) == {"School 1": (23, 33)}


def test_a_few_answers_in_no_group_left_over_keep_the_session_whole():
    rows = people(1, [(7, None)] * 22 + [(8, None)] * 11)
    rows += people(1, [(None, None)] * 10, start=500, paired=False, phases=("post",))
    data = pd.DataFrame(rows)
    # On belong_city: 10 of the Year 7 pairs left it blank BEFORE, and 3 of the 10 unlinked
    # AFTER. The unmatched AFTER answers outside the kept pairs are 10 of Year 7 and 7 of no
    # known year: 17, so they count unsplit; no group can hold the 7, too few to be a difference.
    year7_pre = data.index[(data.phase == "pre") & (data.year_group == 7)][:10]
    data.loc[year7_pre, "belong_city"] = None
    data.loc[data.index[data.response_id > 500][:3], "belong_city"] = None
    assert unmatched(compare(data, PRE_ONLY, by="organisation"), "belong_city") == {
        "School 1": (23, 40)
    }
    assert compare(data, PRE_ONLY, by="answer:year_group").empty


def test_all_or_nothing_per_session():
    """A band of 9 keeps its whole session out of every band (ADR 0036); the other session
    is split, and the 9 are in no result of the split."""
    data = pd.DataFrame(
        people(1, [(7, 7)] * 15 + [(8, 8)] * 12)
        + people(2, [(7, 7)] * 20 + [(8, 8)] * 9, start=100)
    )
    shown = compare(data, SAMPLE, by="answer:year_group")
    assert matched(shown) == {"Year 7": 15, "Year 8": 12}
    assert matched(compare(data, SAMPLE, by="organisation")) == {"School 1": 27, "School 2": 29}


def test_no_answer_is_a_group_that_must_reach_min_base_too():
    data = pd.DataFrame(people(1, [(7, 7)] * 15 + [(8, 8)] * 12 + [(None, None)] * 3))
    assert compare(data, SAMPLE, by="answer:year_group").empty


def test_a_small_group_that_counts_nowhere_still_keeps_its_session_whole():
    """ADR 0036 as written: 3 who gave no answer at all are a group of 3, so the session is
    not split, though splitting would lose no number (the count decides, not the numbers)."""
    rows = people(1, [(7, 7)] * 15 + [(8, 8)] * 12)
    blank = people(1, [(None, None)] * 3, start=500)
    rows += [{**r, **dict.fromkeys(ITEMS)} for r in blank]
    assert compare(pd.DataFrame(rows), SAMPLE, by="answer:year_group").empty


def test_the_session_rule_counts_each_phase():
    """The helper the feedback summary shares: every group of a session, in each phase."""
    sessions = [1] * 20 + [2] * 20
    groups = ["a"] * 10 + ["b"] * 10 + ["a"] * 10 + ["b"] * 10
    phases = (["pre"] * 5 + ["post"] * 5) * 2 + ["pre"] * 10 + ["post"] * 10
    assert split_sessions(sessions, groups, 10) == {1, 2}
    assert split_sessions(sessions, groups, 5, phases) == {1}  # in 2, a is only BEFORE
    assert split_sessions(sessions, groups, 6, phases) == set()


@pytest.mark.parametrize(
    ("by", "words"),
    [
        ("answer:belong_area", "is a agreement item; split by a single-choice item (year_group)"),
        ("answer:nothing", "'nothing' is not an item of sample"),
        ("answer:", "by must be one of"),
        ("answer:Year Group", "by must be one of"),
    ],
)
def test_what_cannot_be_split_by_is_refused_in_words(by, words):
    data = pd.DataFrame(people(1, [(7, 7)] * 10))
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        compare(data, SAMPLE, by=by)


def test_filters_take_an_answer_split_and_refuse_nonsense():
    assert ReportFilters("sample", by="answer:year_group").by == "answer:year_group"
    with pytest.raises(ValueError):
        ReportFilters("sample", by="answer:<script>")


def test_the_command_finds_the_one_questionnaire_with_the_item_or_says_choose():
    other = SAMPLE.model_copy(update={"id": "sample-two"})
    one, two = Registry([SAMPLE]), Registry([SAMPLE, other])
    assert split_questionnaire(one, "answer:year_group", None) == "sample"
    assert split_questionnaire(two, "answer:year_group", "sample-two") == "sample-two"
    with pytest.raises(click.BadParameter, match="is in sample, sample-two: choose one"):
        split_questionnaire(two, "answer:year_group", None)
    with pytest.raises(click.BadParameter, match="not a single-choice item of sample"):
        split_questionnaire(one, "answer:belong_city", "sample")
    assert split_questionnaire(two, "organisation", None) is None


def test_the_adults_age_band_suppresses_a_band_of_nine():
    """The issue's case, on the shipped adults' form (age band asked only BEFORE): a session
    of 15 aged 25-34 and 12 aged 35-49 is split; one of 20 and 9 adds to no band."""
    adults = load_file(Path(__file__).parents[2] / "questionnaires/adult-participants/v1.yaml")
    rs = adults.response_set_of(next(i for i in adults.items if i.id == "age_band"))
    first, second = rs.values[1], rs.values[2]
    data = synthetic_frame(adults, {"Hall A": 27, "Hall B": 29}, seed=4)
    person = data["respondent_key"].str.rsplit("-", n=1).str[-1].astype(int)
    small = data["organisation"].map({"Hall A": 15, "Hall B": 20})
    band = np.where(person < small, first, second)
    data["age_band"] = np.where(data["phase"] == "pre", band, None)
    shown = compare(data, adults, by="answer:age_band")
    scale = next(iter(adults.scales))
    assert matched(shown, scale) == {rs.label(first, "en"): 15, rs.label(second, "en"): 12}
    assert matched(compare(data, adults, by="organisation"), scale) == {"Hall A": 27, "Hall B": 29}
