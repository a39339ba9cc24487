"""The read-only BI API (issue 14 item 11, ADR 0033): bearer tokens only, the dashboard's
filters and suppression, pagination, 400s that name the parameter, and every call audited."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from survey_app.auth.api_tokens import create_token, revoke_token
from survey_app.extensions import db
from survey_app.models import ApiToken, AuditEntry
from survey_app.questionnaire.startup import registry_of
from survey_app.scoring.disclosure import NUMBER_FIELDS, is_number
from tests.report_data import store_groups

GROUPS = {"Ten School": 10, "Small School": 9, "Big School": 30}


@pytest.fixture
def stored(app):
    return store_groups(registry_of(app), GROUPS)


@pytest.fixture
def secret(app):
    return create_token("Power BI: test")[1]


def call(client, path: str, secret: str | None, **query):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return client.get(path, headers=headers, query_string=query)


def entries(action: str) -> list[AuditEntry]:
    query = sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
    return list(db.session.scalars(query))


@pytest.mark.parametrize("path", ["/api/v1/comparison", "/api/v1/counts"])
def test_a_missing_wrong_or_revoked_token_is_refused(client, stored, path):
    token, good = create_token("to revoke")
    assert call(client, path, good, questionnaire="sample").status_code == 200
    revoke_token(token.id)
    for secret, reason in [(None, "no bearer token"), ("cohesion_api_nope", "unknown token"),
                           (good, "revoked token")]:  # fmt: skip
        response = call(client, path, secret, questionnaire="sample")
        assert response.status_code == 401, secret
        assert response.is_json and "error" in response.get_json()
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert "data" not in response.get_json()
        assert entries("api.refused")[-1].details["reason"] == reason
    wrong_scheme = client.get(path, headers={"Authorization": f"Basic {good}"})
    assert wrong_scheme.status_code == 401
    # The secret is never written anywhere: the audit log holds none of it.
    logged = " ".join(f"{e.actor} {e.target} {e.details}" for e in db.session.scalars(
        sa.select(AuditEntry)))  # fmt: skip
    assert good not in logged and good[-20:] not in logged


def test_a_staff_cookie_is_not_enough(client, signed_in, stored):
    signed_in("officer")
    assert client.get("/reports/?questionnaire=sample").status_code == 200
    response = client.get("/api/v1/comparison?questionnaire=sample")
    assert response.status_code == 401


def test_only_the_hash_is_stored(app, secret):
    stored_hashes = list(db.session.scalars(sa.select(ApiToken.token_hash)))
    assert secret not in stored_hashes and len(stored_hashes[0]) == 64
    assert secret.startswith("cohesion_api_") and len(secret) > 40


def dashboard_rows(client, signed_in, query: str) -> str:
    signed_in("officer")
    response = client.get(f"/reports/?{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_group_of_nine_carries_no_number_as_on_the_dashboard(client, signed_in, stored,
                                                                 secret):  # fmt: skip
    body = call(client, "/api/v1/comparison", secret, questionnaire="sample", per_page=1000)
    rows = body.get_json()["data"]
    assert {r["group"] for r in rows} == set(GROUPS)
    small = [r for r in rows if r["group"] == "Small School"]
    assert small and all(r["suppressed"] for r in small)
    for row in small:
        assert row["reason"], row
        assert not any(is_number(row[f]) for f in NUMBER_FIELDS), row
        assert not any(
            isinstance(row[f], int | float) and not isinstance(row[f], bool)
            for f in ("n_pre", "n_post", "n_pairs", "improved", "same", "worse")
        ), row
    shown = [r for r in rows if r["group"] == "Big School" and r["design"] == "matched"]
    assert shown and not any(r["suppressed"] for r in shown)
    assert any(is_number(r["mean_change"]) for r in shown)
    # The dashboard suppresses the same group, from the same report.
    html = dashboard_rows(client, signed_in, "questionnaire=sample")
    for tr in re.findall(r"<tr>.*?</tr>", html, re.S):
        if "Small School" in tr:
            assert "fewer than 10" in tr and not re.search(r"\d\.\d|\b\d+%", tr)


def test_rows_are_the_dashboard_report_and_report_compare_rows(app, client, stored, secret):
    from survey_app.reports.compare_cli import records
    from survey_app.reports.filtering import ReportFilters
    from survey_app.web.reports import report_for

    with app.test_request_context():
        expected = records(report_for(ReportFilters(questionnaire="sample")).data.comparison)
    body = call(client, "/api/v1/comparison", secret, questionnaire="sample", per_page=1000)
    got = body.get_json()["data"]
    assert len(got) == len(expected)
    assert [r["measure"] for r in got] == [r["measure"] for r in expected]
    for mine, theirs in zip(got, expected, strict=True):
        for key, value in theirs.items():
            same = list(value) if isinstance(value, tuple) else value
            assert mine[key] == pytest.approx(same) if is_number(value) else mine[key] == same


def test_session_counts_are_suppressed_below_min_base(client, signed_in, stored, secret):
    body = call(client, "/api/v1/counts", secret, questionnaire="sample").get_json()
    rows = {r["organisation"]: r for r in body["data"]}
    assert rows["Small School"]["suppressed"] is True
    assert rows["Small School"]["reason"] == "fewer than 10 responses in a phase"
    for field in ("n_pre", "n_post", "n_pairs", "match_rate"):
        assert rows["Small School"][field] is None
    assert rows["Ten School"]["n_pre"] == 10 and rows["Big School"]["n_pairs"] == 30
    assert rows["Big School"]["match_rate"] == 1.0
    assert body["responses"] == 2 * sum(GROUPS.values()) and body["sessions"] == 3
    html = dashboard_rows(client, signed_in, "questionnaire=sample")
    small = [tr for tr in re.findall(r"<tr>.*?</tr>", html, re.S) if "Small School" in tr]
    assert any("fewer than 10 responses in a phase" in tr for tr in small)


def test_filters_are_the_dashboard_s(client, stored, secret):
    body = call(client, "/api/v1/comparison", secret, questionnaire="sample",
                organisation="Big School", by="programme", per_page=1000).get_json()  # fmt: skip
    assert body["filters"] == {"questionnaire": "sample", "organisation": "Big School",
                               "by": "programme"}  # fmt: skip
    assert {r["group_by"] for r in body["data"]} == {"programme"}
    assert all(r["n_pairs"] == 30 for r in body["data"] if r["design"] == "matched"
               and r["measure_kind"] == "scale")  # fmt: skip
    counts = call(client, "/api/v1/counts", secret, questionnaire="sample",
                  date_to="2000-01-01").get_json()  # fmt: skip
    assert counts["data"] == [] and counts["total"] == 0


def test_pages_follow_their_next_links_to_every_row(client, stored, secret):
    whole = call(client, "/api/v1/comparison", secret, questionnaire="sample", per_page=1000)
    everything = whole.get_json()["data"]
    assert whole.get_json()["next"] is None and len(everything) > 7
    seen, query, pages = [], {"questionnaire": "sample", "per_page": "7"}, 0
    while query is not None:
        body = call(client, "/api/v1/comparison", secret, **query).get_json()
        assert len(body["data"]) <= 7 and body["total"] == len(everything)
        seen += body["data"]
        pages += 1
        nxt = body["next"]
        query = {k: v[0] for k, v in parse_qs(urlsplit(nxt).query).items()} if nxt else None
        if nxt:
            assert nxt.startswith("http://localhost/api/v1/comparison?")
    assert seen == everything
    assert pages == -(-len(everything) // 7)
    beyond = call(client, "/api/v1/comparison", secret, questionnaire="sample", page=999)
    assert beyond.status_code == 200 and beyond.get_json()["data"] == []


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({}, "questionnaire"),
        ({"questionnaire": "nope"}, "questionnaire"),
        ({"questionnaire": "sample", "by": "shoe size"}, "by"),
        ({"questionnaire": "sample", "organisation": "No Such School"}, "organisation"),
        ({"questionnaire": "sample", "date_from": "2025-02-30"}, "date_from"),
        (
            {"questionnaire": "sample", "date_from": "2025-03-01", "date_to": "2025-01-01"},
            "date_to",
        ),
        ({"questionnaire": "sample", "page": "0"}, "page"),
        ({"questionnaire": "sample", "page": "-1"}, "page"),
        ({"questionnaire": "sample", "page": "1e3"}, "page"),
        ({"questionnaire": "sample", "per_page": "1001"}, "per_page"),
        ({"questionnaire": "sample", "per_page": "9" * 5000}, "per_page"),
        ({"questionnaire": "sample", "organization": "x"}, "organization"),
        ({"questionnaire": ["sample", "sample"]}, "questionnaire"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/comparison", "/api/v1/counts"])
def test_each_bad_parameter_is_a_400_that_names_it(client, stored, secret, path, query,
                                                   parameter):  # fmt: skip
    response = call(client, path, secret, **query)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    problem = response.get_json()["error"]
    assert problem["parameter"] == parameter and problem["code"] == "bad_parameter"
    assert parameter in problem["message"] or "questionnaire" in problem["message"]
    assert entries("api.call")[-1].details["status"] == 400


def test_every_call_is_audited_with_its_token_and_filters(client, stored):
    token, secret = create_token("Board dashboard")
    assert token.last_used_at is None
    call(client, "/api/v1/counts", secret, questionnaire="sample", page=1, per_page=2)
    call(client, "/api/v1/comparison", secret, questionnaire="sample", by="session")
    calls = entries("api.call")
    assert [c.target for c in calls] == ["/api/v1/counts", "/api/v1/comparison"]
    assert all(c.actor == f"api token {token.id}: Board dashboard" for c in calls)
    assert calls[0].user_id is None and calls[0].details["rows"] == 2
    assert calls[1].details["filters"] == {"questionnaire": "sample", "by": "session"}
    db.session.refresh(token)
    assert token.last_used_at is not None


def test_the_token_limit_answers_429_in_json(app, client, stored, secret):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    codes = [call(client, "/api/v1/counts", secret, questionnaire="sample").status_code
             for _ in range(5)]  # fmt: skip
    assert codes == [200, 200, 200, 429, 429]
    other = create_token("another")[1]  # per token: another one is not held up
    assert call(client, "/api/v1/counts", other, questionnaire="sample").status_code == 200
    too_many = call(client, "/api/v1/comparison", secret, questionnaire="sample")
    assert too_many.is_json and too_many.get_json()["error"]["status"] == 429  # one budget
