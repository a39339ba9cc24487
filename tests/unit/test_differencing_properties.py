"""Disclosure control against differencing (ADR 0029), over the whole filter space.

On generated data (schools, programmes, sessions on dates in two academic years, pupils
answering in two languages, some only BEFORE or AFTER, some "don't know", a year group given or
not), every combination of the dashboard's filters (organisation, programme, from and to dates)
is applied, for every grouping (the split by an answer too, of an item asked BEFORE and AFTER
and of one asked only BEFORE), and the sets of responses behind every result are collected.
Results of one measure that can be set against each other (a mean before, of either design; a
"don't know" share...) form a family; the atoms of a family (responses in exactly the same
sets) must each hold `MIN_BASE` or more responses. Then any two results, or any sum and
difference of several, differ by nothing or by at least `MIN_BASE` responses. The sets are
checked against the counts `compare()` prints, so they are the sets the numbers rest on.
"""

from __future__ import annotations

import importlib
import itertools
from collections import defaultdict
from dataclasses import fields
from datetime import date
from pathlib import Path

import hypothesis.strategies as st
import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings

from survey_app.questionnaire.loader import load_file
from survey_app.reports.filtering import (
    GROUPING,
    MEASURE_FILTERS,
    SESSION_FILTERS,
    ReportFilters,
)
from survey_app.scoring.compare import BY_CHOICES, compare
from survey_app.scoring.contributions import contributions
from survey_app.scoring.countable import Countable
from survey_app.scoring.matching import match_pairs

# The module, not the function the package exports under the same name.
compare_module = importlib.import_module("survey_app.scoring.compare")
splits_module = importlib.import_module("survey_app.scoring.splits")
SAMPLE = load_file(Path(__file__).parent.parent / "data" / "questionnaires" / "sample" / "v1.yaml")
# The same questionnaire with the year group asked only BEFORE (as the adults' age band is).
PRE_ONLY = SAMPLE.model_copy(
    update={"items": tuple(i.model_copy(update={"phases": ("pre",)}) if i.id == "year_group"
                           else i for i in SAMPLE.items)}
)  # fmt: skip
SPLITS = ("answer:year_group",)
DATES = (date(2026, 10, 1), date(2027, 1, 20), date(2027, 10, 5))
ITEMS = ("belong_area", "belong_city", "nervous_mixing", "mix_often")
answer = st.one_of(st.none(), st.integers(1, 5), st.just(9))


@st.composite
def surveys(draw):
    """2-5 sessions of 0-24 people: each session one school, programme and date."""
    rows = []
    for s in range(draw(st.integers(2, 5))):
        where = {
            "session_id": s, "organisation": draw(st.sampled_from("AB")),
            "programme": draw(st.sampled_from(["P", "Q", None])),
            "session_date": draw(st.sampled_from(DATES)),
        }  # fmt: skip
        for person in range(draw(st.integers(0, 24))):
            language = draw(st.sampled_from(["en", "en", "pl"]))
            year = draw(st.sampled_from([7, 7, 8, None]))
            phases = draw(st.sampled_from([("pre", "post")] * 3 + [("pre",), ("post",)]))
            for phase in phases:
                if phase == "post" and draw(st.integers(0, 9)) == 0:
                    language = "en"  # now and then a pupil answers AFTER in another language
                rows.append(where | {
                    "response_id": len(rows) + 1, "phase": phase, "language": language,
                    "questionnaire_id": "sample", "questionnaire_version": 1,
                    "respondent_key": f"{s}-{person}", "match_code": None,
                    "belong_area": draw(answer), "belong_city": draw(answer),
                    "nervous_mixing": draw(answer),
                    "mix_often": draw(st.one_of(st.none(), st.integers(1, 4))),
                    # now and then a different year AFTER: a pair counts under its BEFORE answer
                    "year_group": draw(st.sampled_from([7, 8])) if draw(st.integers(0, 9)) == 0
                    else year,
                })  # fmt: skip
    return pd.DataFrame(rows)


def every_filter(data: pd.DataFrame):
    """Each combination of the dashboard's response-selecting filters, as values occur."""
    orgs = [None, *sorted(set(data["organisation"]))]
    progs = [None, *sorted(set(data["programme"].dropna()))]
    days = [None, *sorted(set(data["session_date"]))]
    for org, prog, start, end in itertools.product(orgs, progs, days, days):
        if start and end and end < start:
            continue  # the form refuses it
        yield ReportFilters("sample", org, prog, None, start, end)


def selections(data: pd.DataFrame) -> set[frozenset]:
    """The distinct sets of sessions the filters can select (equal sets give equal results)."""
    sessions = data.drop_duplicates("session_id")
    return {
        frozenset(
            s.session_id for s in sessions.itertuples()
            if f.selects_session(s.organisation, s.programme, s.session_date)
        )
        for f in every_filter(data)
    } - {frozenset()}  # fmt: skip


def obtainable_sets(
    data: pd.DataFrame, min_base: int, check_counts: bool = True, questionnaire=SAMPLE
) -> dict[tuple, set[frozenset]]:
    """(measure, kind of set) -> every non-empty set of responses some result rests on."""
    pairs = match_pairs(data)
    families: dict[tuple, set[frozenset]] = defaultdict(set)
    for chosen in selections(data):
        frame = data[data["session_id"].isin(chosen)]
        for by in BY_CHOICES + SPLITS:
            sets = contributions(frame, questionnaire, by=by, min_base=min_base, pairs=pairs)
            shown = compare(frame, questionnaire, by=by, min_base=min_base, pairs=pairs)
            if check_counts:
                assert_sets_are_the_counts(shown, sets)
            for row in sets.itertuples():
                if row.ids:
                    families[(row.measure, row.kind)].add(row.ids)
    return families


def assert_sets_are_the_counts(shown: pd.DataFrame, sets: pd.DataFrame) -> None:
    """Each shown row's counts are the sizes of its sets; a suppressed row rests on nothing."""
    sizes = {(r.group, r.measure, r.design, r.kind): len(r.ids) for r in sets.itertuples()}
    for r in shown.itertuples():
        size = {k: sizes[(r.group, r.measure, r.design, k)] for k in ("pre_scored", "post_scored")}
        if r.suppressed:
            assert size == {"pre_scored": 0, "post_scored": 0}, (r.group, r.measure, r.design)
        elif r.design == "matched":
            assert r.n_pairs == size["pre_scored"] == size["post_scored"]
        else:
            assert (r.n_pre, r.n_post) == (size["pre_scored"], size["post_scored"])


def small_atoms(family: set[frozenset], min_base: int) -> list[int]:
    """Sizes of the atoms below min_base: responses in exactly the same sets of the family."""
    signature: dict[int, list[int]] = defaultdict(list)
    for i, ids in enumerate(sorted(family, key=sorted)):
        for response in ids:
            signature[response].append(i)
    atoms = pd.Series([tuple(v) for v in signature.values()]).value_counts()
    return sorted(int(n) for n in atoms if n < min_base)


def leaks(
    data: pd.DataFrame, min_base: int, check_counts: bool = True, questionnaire=SAMPLE
) -> dict[tuple, list[int]]:
    families = obtainable_sets(data, min_base, check_counts, questionnaire)
    return {key: small for key, fam in families.items() if (small := small_atoms(fam, min_base))}


# Why set kinds are families: a mean BEFORE is a sum over "pre_scored" in either design, so
# the matched and the unmatched mean before can be set against each other; so with the rest.
@settings(max_examples=12, deadline=None)
@given(surveys(), st.integers(3, 10))
def test_no_two_obtainable_results_differ_by_fewer_than_min_base(data, min_base):
    assume(not data.empty)
    assert leaks(data, min_base) == {}


@settings(max_examples=8, deadline=None)
@given(surveys(), st.integers(3, 6))
def test_nor_split_by_an_item_asked_only_before(data, min_base):
    """A pair counts under its BEFORE answer; an AFTER answer with no pair is in no group."""
    assume(not data.empty)
    data = data.assign(year_group=data["year_group"].where(data["phase"] == "pre"))
    assert leaks(data, min_base, questionnaire=PRE_ONLY) == {}


def session(s, org, prog, day, people, start=0):
    """`people` pupils answering every item 1..5 BEFORE and AFTER, all paired by device."""
    rows = []
    for i in range(people):
        for phase in ("pre", "post"):
            rows.append({
                "session_id": s, "organisation": org, "programme": prog, "session_date": day,
                "response_id": start + 2 * i + (phase == "post") + 1, "phase": phase,
                "language": "en", "questionnaire_id": "sample", "questionnaire_version": 1,
                "respondent_key": f"{s}-{i}", "match_code": None,
                **{item: 1 + (i + (phase == "post")) % 4 for item in ITEMS},
            })  # fmt: skip
    return rows


# The attack: a school of a 20-pupil and a 3-pupil session; the 3 would be the school
# minus the school up to the day before, and programme P (both) minus organisation A.
ATTACK = pd.DataFrame(
    session(1, "A", "P", DATES[0], 20) + session(2, "A", "P", DATES[1], 3, start=100)
    + session(3, "B", "P", DATES[1], 12, start=200)
)  # fmt: skip


def test_the_small_session_is_in_no_result():
    whole = compare(ATTACK, SAMPLE, by="organisation")
    before = compare(ATTACK[ATTACK.session_date <= DATES[0]], SAMPLE, by="organisation")
    a = (whole.group == "A") & (whole.measure == "belong_city") & (whole.design == "matched")
    b = (before.group == "A") & (before.measure == "belong_city") & (before.design == "matched")
    assert whole.loc[a, "n_pairs"].item() == before.loc[b, "n_pairs"].item() == 20
    assert whole.loc[a, "mean_change"].item() == before.loc[b, "mean_change"].item()
    assert leaks(ATTACK, 10) == {}


def test_a_group_made_only_of_small_sessions_says_so():
    small = pd.DataFrame(session(1, "C", None, DATES[0], 6) + session(2, "C", None, DATES[0], 7,
                                                                      start=100))  # fmt: skip
    row = compare(small, SAMPLE).query("measure == 'belong_city' and design == 'matched'").iloc[0]
    assert row.suppressed and row.n_pairs == ">=10"
    assert row.reason.startswith("each session in it has fewer than 10 matched pairs")


def test_a_few_unpaired_answers_count_in_neither_design():
    # 12 pairs and 3 pupils who answered only BEFORE: the unmatched mean before of 15 minus
    # the matched one of 12 would give the 3 away, so the unmatched row rests on the 12 too.
    rows = session(1, "A", None, DATES[0], 15)
    data = pd.DataFrame(rows)
    data = data[~((data.phase == "post") & data.respondent_key.isin(["1-12", "1-13", "1-14"]))]
    shown = compare(data, SAMPLE).query("measure == 'belong_city'").set_index("design")
    assert shown.at["matched", "n_pairs"] == 12
    assert (shown.at["unmatched", "n_pre"], shown.at["unmatched", "n_post"]) == (12, 12)


def test_the_check_finds_the_leak_when_small_parts_are_let_through(monkeypatch):
    """The property above can fail: without `countable` the issue's attack is found."""
    monkeypatch.setattr(compare_module, "countable", lambda coded, *a: Countable(coded, coded))
    with pytest.raises(AssertionError):  # a suppressed row of the 3 would rest on them
        leaks(ATTACK, 10)
    found = leaks(ATTACK, 10, check_counts=False)
    assert found and all(sizes == [3] for sizes in found.values())


def test_every_filter_selects_whole_sessions():
    """A new filter must be a session's attribute, or choose measures, or the grouping; one on
    what responses of one session differ in (language, an answer) would break ADR 0029."""
    declared = set(SESSION_FILTERS) | set(MEASURE_FILTERS) | set(GROUPING)
    assert {f.name for f in fields(ReportFilters)} == declared


def split_session(s, sizes, start, dont_know=0):
    """A session of pairs in year groups ({year: pairs}); `dont_know` of the year 8 pupils say
    "don't know" to belong_city BEFORE."""
    rows, i = [], 0
    for year, people in sizes.items():
        for person in session(s, "A", "P", DATES[0], people, start=start + 2 * i):
            person["year_group"] = year
            person["respondent_key"] = f"{s}-{year}-{person['respondent_key']}"
            rows.append(person)
        i += people
    data = pd.DataFrame(rows)
    eights = data[(data.year_group == 8) & (data.phase == "pre")].index[:dont_know]
    data.loc[eights, "belong_city"] = 9
    return data


def test_a_split_that_would_lose_a_few_answers_is_not_made(monkeypatch):
    """12 and 12 in each year pass ADR 0036's count, but only 9 of the year 8 pairs have a
    score on belong_city: splitting would leave them out, and "A" minus "Year 7" would be
    those 9. So the session is not split; without that check the property finds the 9."""
    data = split_session(1, {7: 12, 8: 12}, 0, dont_know=3)
    assert leaks(data, 10) == {}
    assert compare(data, SAMPLE, by="answer:year_group").empty
    monkeypatch.setattr(
        splits_module, "lossless_sessions", lambda sessions, *a: np.ones(len(sessions), bool)
    )
    found = leaks(data, 10, check_counts=False)
    assert found[("belong_city", "pre_scored")] == [9]


def test_a_few_answers_of_no_known_group_keep_their_session_whole(monkeypatch):
    """Year group asked only BEFORE: 10 unlinked AFTER answers are in no group. On belong_city
    7 of them count unsplit beside 10 Year 7 pairs' lone AFTER answers; splitting would leave
    the 7 as "All" minus the groups, so the session is not split (the check, switched off,
    lets the property find them)."""
    data = split_session(1, {7: 22, 8: 11}, 0)
    data["year_group"] = data["year_group"].where(data["phase"] == "pre")
    data.loc[data.index[(data.phase == "pre") & (data.year_group == 7)][:10], "belong_city"] = 9
    after = data[data.phase == "post"].head(10).to_dict("records")
    lone = [{**row, "response_id": 900 + i, "respondent_key": f"lone-{i}",
             "year_group": None, "belong_city": None if i < 3 else 2}
            for i, row in enumerate(after)]  # fmt: skip
    data = pd.concat([data, pd.DataFrame(lone)], ignore_index=True)
    assert leaks(data, 10, questionnaire=PRE_ONLY) == {}
    assert compare(data, PRE_ONLY, by="answer:year_group").empty
    monkeypatch.setattr(
        splits_module, "few_left_over", lambda cells, *a: np.zeros(len(cells), bool)
    )
    assert leaks(data, 10, check_counts=False, questionnaire=PRE_ONLY) == {
        ("belong_city", "post_scored"): [7]
    }


def test_a_session_with_a_small_group_is_split_nowhere():
    """ADR 0036: 20 and 9 in one session, so it adds to no year group; 15 and 12 in another."""
    data = pd.concat([split_session(1, {7: 15, 8: 12}, 0), split_session(2, {7: 20, 8: 9}, 100)])
    shown = compare(data, SAMPLE, by="answer:year_group").query(
        "measure == 'belonging' and design == 'matched'"
    )
    assert dict(zip(shown.group, shown.n_pairs, strict=True)) == {"Year 7": 15, "Year 8": 12}
    assert leaks(data, 10) == {}


@pytest.mark.parametrize("by", BY_CHOICES + SPLITS)
def test_every_grouping_is_covered(by):
    """Each grouping the dashboard offers is in the enumeration above (a new one joins it)."""
    sets = contributions(ATTACK, SAMPLE, by=by, min_base=10)
    assert not sets.empty and np.all(sets["kind"].notna())
