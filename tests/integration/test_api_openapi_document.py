"""The OpenAPI document at /api/v1/openapi.json is valid OpenAPI 3, and says what is served:
both routes with the filters the dashboard's form takes, the bearer scheme, and row schemas
whose fields are those of the rows the API returns."""

from __future__ import annotations

from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from survey_app.auth.api_tokens import create_token
from survey_app.questionnaire.startup import registry_of
from survey_app.web.api import FILTERS, PAGING
from survey_app.web.report_forms import FilterForm
from tests.report_data import store_groups


def test_the_document_is_valid_openapi_and_public(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.is_json
    document = response.get_json()
    validate(document)
    assert document["openapi"].startswith("3.")
    assert document["components"]["securitySchemes"]["bearer"] == {
        **document["components"]["securitySchemes"]["bearer"],
        "type": "http",
        "scheme": "bearer",
    }
    assert document["security"] == [{"bearer": []}]


def test_it_describes_both_routes_and_every_parameter(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert set(document["paths"]) == {"/comparison", "/counts"}
    form_fields = {name for name, _ in FilterForm.__dict__.items() if not name.startswith("_")}
    assert set(FILTERS) <= form_fields
    for path in document["paths"].values():
        operation = path["get"]
        assert {p["name"] for p in operation["parameters"]} == set(FILTERS + PAGING)
        assert {"200", "400", "401", "429"} <= set(operation["responses"])
        per_page = next(p for p in operation["parameters"] if p["name"] == "per_page")
        assert per_page["schema"]["maximum"] == 1000


def test_row_schemas_name_exactly_the_fields_served(app, client):
    store_groups(registry_of(app), {"Big School": 12, "Small School": 3})
    secret = create_token("schema check")[1]
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    headers = {"Authorization": f"Bearer {secret}"}
    calls = [
        ("comparison?by=session", "ComparisonRow"),
        ("comparison?by=term", "ComparisonRow"),
        ("comparison?by=organisation", "ComparisonRow"),
        ("counts?by=session", "CountsRow"),
    ]
    for path, schema in calls:
        url = f"/api/v1/{path}&questionnaire=sample"
        body = client.get(url, headers=headers).get_json()
        assert body["data"]
        validator = OAS30Validator(schemas[schema])
        for row in body["data"]:
            assert set(row) == set(schemas[schema]["properties"]), path
            validator.validate(row)  # the types too: numbers, nulls, "<10" counts
        page = schemas[f"{schema[:-3]}Page"]
        assert set(body) <= set(page["properties"]), path
