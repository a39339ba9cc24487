"""Issue 14 item 1: a school with 15 answers BEFORE and 15 AFTER but no matched pair says so,
with the same words, on the page, the chart, the pack and in the JSON; never "fewer than 10
responses"."""

from __future__ import annotations

import json
import re

import pytest

from survey_app.questionnaire.startup import registry_of
from tests.integration.test_packs import pdf_pages
from tests.report_unlinked import NO_PAIRS, UNLINKED, store_unlinked

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def stored(app):
    return store_unlinked(registry_of(app))


def test_the_json_carries_the_reason_and_true_counts(app, stored):
    result = app.test_cli_runner().invoke(args=["report", "compare", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    mine = [r for r in rows if r["group"] == UNLINKED]
    matched = [r for r in mine if r["design"] == "matched"]
    unmatched = [r for r in mine if r["design"] == "unmatched"]
    assert matched and all(r["reason"] == NO_PAIRS and r["suppressed"] for r in matched)
    assert all(r["mean_change"] is None and r["p_value"] is None for r in matched)
    assert all(not r["suppressed"] and r["reason"] is None for r in unmatched)
    assert {r["n_pre"] for r in unmatched} == {15}
    shown = [r for r in rows if r["group"] == "Ten School" and not r["suppressed"]]
    assert shown and all(r["reason"] is None for r in shown)


def test_the_page_says_no_matched_pairs(client, signed_in, stored):
    signed_in("officer")
    html = client.get("/reports/?questionnaire=sample").get_data(as_text=True)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert f"Matched results not shown: {NO_PAIRS}." in text


def test_the_chart_names_the_school_with_its_reason(client, signed_in, stored):
    signed_in("officer")
    svg = client.get("/reports/chart/across-groups.svg?questionnaire=sample&measure=belonging")
    assert svg.status_code == 200
    body = " ".join(re.sub(r"<[^>]+>", " ", svg.get_data(as_text=True)).split())
    assert UNLINKED in body and "no matched pairs" in body


def test_the_pack_says_no_matched_pairs(app, stored, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["report", "pack", "--org", UNLINKED, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(pdf_pages(tmp_path / "organisation-unlinked-school.pdf")).split())
    assert "Matched results not shown: no matched pairs" in text
