"""Which way is better (issue 14 item 2, ADR 0035): a rise in worry is a change for the worse in
the comparison (`better`, `change_is`, improved/worse), the chart, its table and the words.

Hand-worked data, 10 pupils of School A, all matched by device key:
- nervous_mixing ("I feel nervous around people...", reverse-coded, so better lower as worded):
    pre  raw = 1 2 2 2 3 1 2 2 2 2   (mean 1.9; agreeing, 4 or 5: 0 of 10)
    post raw = 4 4 5 2 3 1 2 4 2 2   (mean 2.9; agreeing: 4 of 10)
  turned round (6 - x) the score falls by 1.0: 4 pupils worse, 6 the same, none better.
- belong_city with the tests' usual answers (mean 3.0 -> 3.7, 6 up, 4 the same): declared
  `better: lower` in a variant file, the same rise is for the worse and its 6 "improved" are worse.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from matplotlib.text import Text

from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.problems import QuestionnaireError
from survey_app.reports import figures, tables, wording
from survey_app.reports.selection import readout_subjects
from survey_app.scoring.compare import compare

SAMPLE = Path(__file__).parent.parent / "data" / "questionnaires" / "sample" / "v1.yaml"
NERVOUS_PRE = [1, 2, 2, 2, 3, 1, 2, 2, 2, 2]
NERVOUS_POST = [4, 4, 5, 2, 3, 1, 2, 4, 2, 2]
CITY_PRE = [2, 3, 3, 4, 2, 1, 3, 4, 5, 3]
CITY_POST = [3, 4, 3, 5, 4, 2, 3, 4, 5, 4]


def frame(answers: dict[str, tuple[list, list]]) -> pd.DataFrame:
    rows = []
    for phase, k in (("pre", 0), ("post", 1)):
        for i in range(10):
            rows.append({
                "response_id": len(rows) + 1, "session_id": 1, "organisation": "School A",
                "programme": None, "session_date": None, "phase": phase,
                "questionnaire_id": "sample", "questionnaire_version": 1,
                "respondent_key": f"a-{i}", "match_code": None,
                **{item: values[k][i] for item, values in answers.items()},
            })  # fmt: skip
    return pd.DataFrame(rows)


def variant(tmp_path: Path, old: str, new: str):
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "sample" / "v1.yaml"
    path.parent.mkdir()
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_file(path)


def one(result: pd.DataFrame, measure: str, design: str = "matched") -> pd.Series:
    found = result[(result.measure == measure) & (result.design == design)]
    assert len(found) == 1
    return found.iloc[0]


@pytest.fixture(scope="module")
def sample():
    return load_file(SAMPLE)


@pytest.fixture(scope="module")
def nervous(sample):
    responses = frame({"nervous_mixing": (NERVOUS_PRE, NERVOUS_POST)})
    return responses, compare(responses, sample)


def test_a_reverse_coded_item_is_better_lower_and_a_plain_one_higher(sample):
    assert sample.better_of(sample.item("nervous_mixing")) == "lower"
    assert sample.score_better(sample.item("nervous_mixing")) == "higher"  # turned round
    assert sample.better_of(sample.item("belong_city")) == "higher"
    assert sample.scales["belonging"].better == "higher"


def test_a_rise_in_worry_is_marked_worse_in_the_comparison(nervous):
    _, result = nervous
    for design in ("matched", "unmatched"):
        row = one(result, "nervous_mixing", design)
        assert row.better == "lower"
        assert row.agree_pre == 0 and row.agree_post == pytest.approx(0.4)
        assert row.mean_change == pytest.approx(-1.0)  # the turned-round score fell
        assert row.change_is == "worse"
    matched = one(result, "nervous_mixing")
    assert (matched.improved, matched.same, matched.worse) == (0, 6, 4)


def test_the_agreement_chart_and_its_table_mark_the_rise_worse(sample, nervous):
    responses, result = nervous
    drawn = figures.agreement(figures.ReportData(responses, [sample], result, "organisation", 10),
                              "School A")  # fmt: skip
    assert drawn is not None and drawn.figure is not None
    table = dict(zip(drawn.table.columns, drawn.table.rows[0], strict=True))
    assert table["Better or worse"] == "Worse (fewer agreeing is better)"
    texts = [t.get_text() for t in drawn.figure.findobj(Text)]
    assert "worse" in texts
    assert any("(fewer agreeing is better)" in t for t in texts)


def test_the_words_say_the_rise_in_worry_is_for_the_worse(sample, nervous):
    _, result = nervous
    row = one(result, "nervous_mixing")
    subject = readout_subjects(sample)["nervous_mixing"]
    words = wording.readout(row, subject)
    assert "fell from 4.1 to 3.1" in words and "change for the worse." in words, words
    assert "so higher is better" in subject
    agreeing = wording.agreement_readout(row, "I feel nervous")
    assert agreeing.endswith("fewer agreeing is better, so a change for the worse."), agreeing
    shown = tables.display_rows(result, {}, {"nervous_mixing": subject}, "pupils")
    assert [r["judged"] for r in shown if r["label"] == "nervous_mixing"] == ["Worse", "Worse"]


def test_a_declared_better_lower_turns_a_rise_into_worse(tmp_path):
    q = variant(tmp_path, "    scale: belonging\n    phases: [pre, post]\n  - id: belong_city",
                "    scale: belonging\n    phases: [pre, post]\n  - id: belong_city\n"
                "    better: lower")  # fmt: skip
    assert q.better_of(q.item("belong_city")) == "lower"
    result = compare(frame({"belong_city": (CITY_PRE, CITY_POST)}), q)
    row = one(result, "belong_city")
    assert row.mean_change == pytest.approx(0.7) and row.change_is == "worse"
    assert (row.improved, row.same, row.worse) == (0, 4, 6)
    assert "(lower is better)" in readout_subjects(q)["belong_city"]


def test_a_scale_better_lower_gives_its_items_that_default(tmp_path):
    q = variant(tmp_path, "    priority: mixing\n", "    priority: mixing\n    better: lower\n")
    assert q.better_of(q.item("mix_often")) == "lower"
    result = compare(
        frame({"mix_often": ([1] * 10, [2] * 10), "mix_school": ([1] * 10, [2] * 10)}), q
    )
    assert one(result, "mixing").better == "lower"
    assert one(result, "mixing").change_is == "worse"
    drawn = figures.scale_means(
        figures.ReportData(pd.DataFrame(), [q], result, "organisation", 10), "School A", False
    )
    assert drawn is not None
    cells = dict(zip(drawn.table.columns, drawn.table.rows[0], strict=True))
    assert cells["Scale"].endswith("(lower is better)")
    assert cells["Better or worse"] == "Worse (lower is better)"


def test_a_text_item_cannot_declare_a_better_direction(tmp_path):
    with pytest.raises(QuestionnaireError, match="a text item has no better direction"):
        variant(tmp_path, "    type: text\n", "    type: text\n    better: lower\n")


def test_a_suppressed_row_says_nothing_of_its_direction(sample):
    small = frame({"nervous_mixing": (NERVOUS_PRE, NERVOUS_POST)}).head(
        18
    )  # 10 before, 8 after: 8 pairs
    result = compare(small, sample)
    row = one(result, "nervous_mixing")
    assert row.suppressed and row.change_is is None and row.better == "lower"
