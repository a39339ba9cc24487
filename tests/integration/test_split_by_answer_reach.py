"""The split by an answer through the real command, the dashboard and the API, on data stored
through real sessions (issue 14 item 4): Oak has 15 in Year 7 and 12 in Year 8, so it is split;
Elm has 20 and 9, so its pupils are in no year group (ADR 0036), only in the unsplit results."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date

import numpy as np
import pytest
from openapi_schema_validator import OAS30Validator

from survey_app.auth.api_tokens import create_token
from survey_app.extensions import db
from survey_app.models import Response
from survey_app.questionnaire.startup import registry_of
from survey_app.reports import figures, service
from survey_app.reports.filtering import ReportFilters
from survey_app.sessions.service import create_session
from tests.html import one, parse, text_of
from tests.report_data import answers_for

SPLIT = "answer:year_group"


def store_years(registry, organisation: str, years: dict[int, int], seed: int = 0) -> None:
    """A session where {year: pupils} answer BEFORE and AFTER on their own device."""
    q = registry.latest("sample")
    rng = np.random.default_rng(seed)
    session = create_session(registry, organisation=organisation, questionnaire_id="sample",
                             session_date=date(2025, 3, 5), open_now=True)  # fmt: skip
    for year, pupils in years.items():
        for person in range(pupils):
            for phase in ("pre", "post"):
                answers = answers_for(q, phase, rng) | {"year_group": year}
                db.session.add(Response(
                    response_uuid=str(uuid.uuid4()), session_id=session.id, phase=phase,
                    questionnaire_id="sample", questionnaire_version=1,
                    respondent_key=f"{organisation}-{year}-{person}", answers=answers,
                ))  # fmt: skip
    db.session.commit()


@pytest.fixture
def schools(app):
    registry = registry_of(app)
    store_years(registry, "Oak School", {7: 15, 8: 12}, seed=1)
    store_years(registry, "Elm School", {7: 20, 8: 9}, seed=2)


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["report", "compare", *args])


def pairs_of(rows: list[dict], measure: str = "belonging") -> dict:
    return {r["group"]: r["n_pairs"] for r in rows
            if r["measure"] == measure and r["design"] == "matched"}  # fmt: skip


def test_the_command_splits_by_year_group_and_leaves_the_small_band_out(app, schools):
    result = run(app, "--by", SPLIT, "--questionnaire", "sample")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert pairs_of(rows) == {"Year 7": 15, "Year 8": 12}  # Elm's 20 and 9 in neither
    assert {r["group_by"] for r in rows} == {SPLIT}
    whole = json.loads(run(app, "--by", "organisation").output)
    assert pairs_of(whole) == {"Elm School": 29, "Oak School": 27}
    # the only questionnaire with the item needs no --questionnaire; CSV carries the same
    csv = run(app, "--by", SPLIT, "--format", "csv")
    assert csv.exit_code == 0 and csv.output.splitlines()[1].split(",")[:2] == [SPLIT, "Year 7"]


@pytest.mark.parametrize(
    ("by", "words"),
    [
        ("answer:belong_city", "'belong_city' is not a single-choice item of any questionnaire"),
        ("answer:nothing", "'nothing' is not a single-choice item"),
        ("answer:", "is not one of organisation"),
        ("colour", "is not one of organisation"),
    ],
)
def test_the_command_refuses_what_it_cannot_split_by_as_a_usage_error(app, by, words):
    result = run(app, "--by", by)
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output
    assert "Usage:" in result.output


def test_the_dashboard_offers_each_single_choice_item_and_shows_the_split(
    client, signed_in, schools
):
    signed_in("officer")
    page = parse(client.get("/reports/?questionnaire=sample"))
    choices = {o["value"]: " ".join(o.get_text().split()) for o in page.select("select#by option")}
    assert choices[SPLIT] == "Answer to: Which year are you in?"
    assert [v for v in choices if v.startswith("answer:")] == [SPLIT]  # the only single choice
    split = client.get(f"/reports/?questionnaire=sample&by={SPLIT}")
    assert split.status_code == 200
    chosen = one(split, "select#by option[selected]")
    assert chosen["value"] == SPLIT
    results = text_of(split, "h3")
    assert [h for h in results if h.startswith("Year")] == ["Year 7", "Year 8"]
    assert not [h for h in results if "School" in h]
    assert "Change per answer to “Which year are you in?”" in text_of(split, "h2")
    note = one(split, "p.split-note").get_text(" ")
    assert "54 of the 112 responses" in " ".join(note.split())  # Oak's 27 pairs, not Elm's


@pytest.mark.parametrize("by", ["answer:belong_city", "answer:nothing", "answer:<b>x</b>"])
def test_a_bad_split_on_the_dashboard_is_a_400_in_words(client, signed_in, schools, by):
    signed_in("officer")
    response = client.get(f"/reports/?questionnaire=sample&by={by}")
    assert response.status_code == 400
    assert "Choose what to compare by from the list" in " ".join(text_of(response, "main"))


def test_the_api_splits_by_an_answer_and_refuses_a_bad_one(app, client, schools):
    secret = create_token("split check")[1]
    headers = {"Authorization": f"Bearer {secret}"}
    url = "/api/v1/comparison?questionnaire=sample&per_page=1000&by="
    body = client.get(url + SPLIT, headers=headers).get_json()
    assert pairs_of(body["data"]) == {"Year 7": 15, "Year 8": 12}
    bad = client.get(url + "answer:belong_city", headers=headers)
    assert bad.status_code == 400 and bad.get_json()["error"]["parameter"] == "by"
    schema = next(
        p["schema"]
        for p in client.get("/api/v1/openapi.json").get_json()["paths"]["/comparison"]["get"][
            "parameters"
        ]
        if p["name"] == "by"
    )
    assert OAS30Validator(schema).is_valid(SPLIT)
    assert not OAS30Validator(schema).is_valid("answer:<b>")


def test_a_groups_answer_chart_counts_only_its_split_sessions(app, schools):
    """Year 8's chart of answers rests on Oak's 12, never on Elm's 9 (as its comparison)."""
    report = service.build_report(ReportFilters("sample", by=SPLIT), registry_of(app), 10)
    table = figures.answers(report.data, "Year 8", "agree5", draw=False).table
    assert table.columns[-1] == "Answers"
    assert {row[-1] for row in table.rows} == {"12"}


def test_the_comparison_download_carries_the_split(client, signed_in, schools):
    signed_in("officer")
    response = client.get(f"/reports/download/comparison.csv?questionnaire=sample&by={SPLIT}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert {r["Grouped by"] for r in rows} == {SPLIT}
    pairs = {r["Group"]: r["Matched pairs"] for r in rows
             if r["Measure id"] == "belonging" and r["Design"].startswith("matched")}  # fmt: skip
    assert pairs == {"Year 7": "15", "Year 8": "12"}
