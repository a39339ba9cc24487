"""The OpenAPI 3 document of the read-only API, served at /api/v1/openapi.json.

The comparison row's fields come from `scoring.disclosure.COLUMNS`, so the document cannot
drift from what `compare()` returns (a test also checks served rows against it).
"""

from __future__ import annotations

from typing import Any

from ..scoring.compare import BY_CHOICES
from ..scoring.disclosure import (
    COLUMNS,
    COUNT_FIELDS,
    INTERVAL_FIELDS,
    NUMBER_FIELDS,
)

NULLABLE_NUMBER = {"type": "number", "nullable": True}
TEXT = {"type": "string", "nullable": True}
# OpenAPI 3.0's `nullable` needs a `type` beside it, so null sits in one branch of a oneOf.
COUNT = {
    "oneOf": [{"type": "integer", "nullable": True}, {"type": "string"}],
    "description": 'A number, or words such as "<10" when the row is suppressed.',
}
COUNT_ROW = {
    "session_id": {"type": "integer"},
    "organisation": {"type": "string"},
    "session_date": {"type": "string", "format": "date", "nullable": True},
    "group_label": TEXT,
    "one_off": {"type": "boolean", "description": "A one-off feedback form (no before/after)."},
    "suppressed": {"type": "boolean"},
    "reason": {**TEXT, "description": "Why the counts are not shown (null when shown)."},
    "n_pre": {"type": "integer", "nullable": True},
    "n_post": {"type": "integer", "nullable": True},
    "n_pairs": {"type": "integer", "nullable": True},
    "match_rate": NULLABLE_NUMBER,
    "n_single": {"type": "integer", "nullable": True},
}


def _comparison_field(name: str) -> dict[str, Any]:
    if name in COUNT_FIELDS:
        return COUNT
    if name in NUMBER_FIELDS:
        return NULLABLE_NUMBER
    if name in INTERVAL_FIELDS:
        pair = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
        return {**pair, "nullable": True}
    if name in ("suppressed", "low_base"):
        return {"type": "boolean"}
    if name == "versions":
        return {"type": "array", "items": {"type": "integer"}}
    if name == "group":
        return {"oneOf": [{"type": "string", "nullable": True}, {"type": "integer"}]}
    return TEXT


def _parameters(max_per_page: int) -> list[dict[str, Any]]:
    def query(name: str, schema: dict, description: str, required: bool = False) -> dict:
        return {"name": name, "in": "query", "required": required, "schema": schema,
                "description": description}  # fmt: skip

    text = {"type": "string"}
    day = {"type": "string", "format": "date"}
    return [
        query("questionnaire", text, "A questionnaire id (questionnaires are never pooled).", True),
        query("organisation", text, "One school or group, by name."),
        query("programme", text, "One programme, by name."),
        query("priority", text, "One strategy priority: its measures only."),
        query("date_from", day, "Sessions on or after this date."),
        query("date_to", day, "Sessions on or before this date."),
        query(
            "by",
            {
                "anyOf": [
                    {"type": "string", "enum": list(BY_CHOICES)},
                    {"type": "string", "pattern": "^answer:[a-z][a-z0-9_]{0,62}$"},
                ],
                "default": "organisation",
            },
            "What each group is (comparison only; counts are per session); answer:ITEM_ID "
            "splits by the answer to a single-choice item of the questionnaire, a session "
            "counting in the answer groups only when each of its groups has MIN_BASE or more.",
        ),  # fmt: skip
        query("page", {"type": "integer", "minimum": 1, "default": 1}, "Page, from 1."),
        query(
            "per_page",
            {"type": "integer", "minimum": 1, "maximum": max_per_page, "default": 100},
            "Rows per page.",
        ),
    ]


def _envelope(row: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties = {
        "data": {"type": "array", "items": {"$ref": f"#/components/schemas/{row}"}},
        "page": {"type": "integer"},
        "per_page": {"type": "integer"},
        "total": {"type": "integer", "description": "Rows over all pages."},
        "next": {
            "type": "string",
            "format": "uri",
            "nullable": True,
            "description": "The next page's URL; null on the last page.",
        },  # fmt: skip
        "filters": {"type": "object", "additionalProperties": {"type": "string"}},
        "min_base": {"type": "integer", "description": "The suppression threshold."},
        **(extra or {}),
    }
    return {"type": "object", "required": ["data", "page", "per_page", "total", "next"],
            "properties": properties}  # fmt: skip


def _operation(summary: str, envelope: str, max_per_page: int) -> dict[str, Any]:
    def error(description: str) -> dict[str, Any]:
        schema = {"$ref": "#/components/schemas/Error"}
        return {"description": description, "content": {"application/json": {"schema": schema}}}

    ok = {"schema": {"$ref": f"#/components/schemas/{envelope}"}}
    return {
        "get": {
            "summary": summary,
            "operationId": envelope[0].lower() + envelope[1:],
            "parameters": _parameters(max_per_page),
            "responses": {
                "200": {"description": "One page of rows.", "content": {"application/json": ok}},
                "400": error("A parameter is unknown, repeated or not valid."),
                "401": error("No token, or a wrong or revoked one."),
                "429": error("Too many calls with this token."),
            },
        }
    }


def openapi_document(max_per_page: int) -> dict[str, Any]:
    """The whole document (OpenAPI 3.0.3)."""
    error = {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["status", "code", "message"],
                                 "properties": {"status": {"type": "integer"},
                                                "code": {"type": "string"},
                                                "message": {"type": "string"},
                                                "parameter": {"type": "string"}}}},
    }  # fmt: skip
    counts_extra = {
        "responses": {"type": "integer", "description": "Responses the filters select."},
        "sessions": {"type": "integer", "description": "Sessions the filters select."},
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Cohesion survey results API",
            "version": "1.0.0",
            "description": (
                "Read-only results for BI tools. The same filters and the same suppression as "
                "the officers' dashboard: a group or session below min_base carries no number."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/comparison": _operation(
                "Before against after, per group and measure", "ComparisonPage", max_per_page
            ),
            "/counts": _operation("Responses per session", "CountsPage", max_per_page),
        },
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token an admin made (shown once).",
                }  # fmt: skip
            },
            "schemas": {
                "ComparisonRow": {
                    "type": "object",
                    "properties": {name: _comparison_field(name) for name in COLUMNS},
                },
                "CountsRow": {"type": "object", "properties": COUNT_ROW},
                "ComparisonPage": _envelope("ComparisonRow"),
                "CountsPage": _envelope("CountsRow", counts_extra),
                "Error": error,
            },
        },
    }
