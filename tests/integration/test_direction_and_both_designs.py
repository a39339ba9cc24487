"""Issue 14 items 2 and 3 on data stored through real sessions: a rise in worry is marked worse
in `report compare --format json`, the chart's table and the words on the dashboard and in the
pack; matched and unmatched results side by side, each labelled, with the match rate.

Big School: 30 pupils whose AFTER answer to nervous_mixing ("I feel nervous around people from
other backgrounds", reverse-coded) is "Strongly agree": the share agreeing rises to 100%.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from survey_app.questionnaire.startup import registry_of
from tests.integration.test_packs import pdf_pages
from tests.report_data import store_groups, store_shared_tablets

WORRY = {"Big School": {"nervous_mixing": 5}}
MEANING = "when the rate is low they may not be typical of the group"


@pytest.fixture
def stored(app):
    groups = {"Big School": 30, "Small School": 9}
    return store_groups(registry_of(app), groups, extra_answers=WORRY)


def page(client, query: str) -> str:
    response = client.get(f"/reports/?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rows_naming(html: str, name: str) -> list[str]:
    return [text_of(r) for r in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S) if name in r]


def test_report_compare_json_marks_the_rise_in_worry_worse(app, stored):
    result = app.test_cli_runner().invoke(args=["report", "compare", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [
        r for r in json.loads(result.output)
        if r["measure"] == "nervous_mixing" and r["group"] == "Big School"
    ]  # fmt: skip
    assert {r["design"] for r in rows} == {"matched", "unmatched"}
    for row in rows:
        assert row["agree_post"] == 1.0 and row["agree_post"] > row["agree_pre"]
        assert row["better"] == "lower" and row["change_is"] == "worse", row
    small = [r for r in json.loads(result.output) if r["group"] == "Small School"]
    assert small and all(r["change_is"] is None for r in small)


def test_dashboard_table_and_words_mark_the_rise_in_worry_worse(client, signed_in, stored):
    signed_in("officer")
    html = page(client, "questionnaire=sample&organisation=Big+School")
    nervous = rows_naming(html, "I feel nervous around people")
    agreement = [r for r in nervous if "Worse (fewer agreeing is better)" in r]
    assert agreement, nervous  # the agreement chart's table
    readouts = [r for r in nervous if "change for the worse" in r]
    assert len(readouts) == 2, nervous  # matched and unmatched, each in words
    assert all("Worse" in r for r in readouts)


def test_dashboard_shows_both_designs_labelled_with_the_match_rate(client, signed_in, stored):
    signed_in("officer")
    html = page(client, "questionnaire=sample")
    belonging = rows_naming(html, "Sense of belonging")
    big = [r for r in belonging if "among 30 pupils" in r or "30 answers before" in r]
    assert any(r.startswith("Sense of belonging Matched pairs") for r in big), big
    assert any(r.startswith("Sense of belonging Everyone, not matched") for r in big), big
    text = text_of(html)
    assert "Match rate 100%: 30 matched pairs of a possible 30" in text
    assert MEANING in text
    # The group of 9 is named with its reasons in both designs, and no rate or number.
    small = text[text.index("Small School") :]
    assert "Match rate not shown: fewer than 10 matched pairs" in small
    for row in rows_naming(html, "Sense of belonging"):
        if "Not shown" in row:
            assert not re.search(r"\d\.\d|\d+%", row), row


def test_a_low_match_rate_is_flagged_and_explained(app, client, signed_in):
    """12 pupils keep their device, 13 more answer each phase on a new one: 12 of 25 linked."""
    store_shared_tablets(registry_of(app), "Shared Tablets", date(2024, 3, 5), lambda phase: {
        "belong_area": 2 + (phase == "post"), "belong_city": 3, "year_group": 7})  # fmt: skip
    signed_in("officer")
    text = text_of(page(client, "questionnaire=sample"))
    assert "Low match rate Match rate 48%: 12 matched pairs of a possible 25" in text, text
    assert "Fewer than half could be linked" in text


def test_the_pack_marks_the_worry_worse_and_shows_both_designs(app, stored, tmp_path):
    args = ["report", "pack", "--org", "Big School", "-o", str(tmp_path)]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    text = " ".join(" ".join(pdf_pages(tmp_path / "organisation-big-school.pdf")).split())
    assert "Match rate 100%: 30 matched pairs of a possible 30" in text
    assert MEANING in text
    assert "Sense of belonging matched" in text and "Sense of belonging not matched" in text
    assert "Worse (fewer agreeing is better)" in text or "Worse (fewer agreeing is" in text
    assert "Small School" not in text
