"""Every route but the public respondent routes, static files and sign-in refuses anonymous
requests, and each role reaches only its own pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from werkzeug.routing import IntegerConverter

PUBLIC_FILE = Path(__file__).parent.parent / "public_routes.txt"
PUBLIC = {
    line.strip()
    for line in PUBLIC_FILE.read_text().splitlines()
    if line.strip() and not line.startswith("#")
}
# Which roles may use the pages under each blueprint.
ALLOWED = {
    "home": {"admin", "officer", "facilitator", "safeguarding"},
    "sessions": {"admin", "officer", "facilitator"},
    "deletions": {"admin", "officer"},
    "reports": {"admin", "officer"},
    "imports": {"admin", "officer"},
    "admin": {"admin"},
    "staff": {"admin"},
    "audit": {"admin"},
    "auth": {"admin", "officer", "facilitator", "safeguarding"},
    "safeguarding": {"safeguarding"},
    "api_tokens": {"admin"},
}
# Blueprints that take an API token only (ADR 0033): a staff cookie gets 401, whatever the role.
TOKEN_ONLY = {"api"}


def staff_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule in PUBLIC:
            continue
        yield rule


def concrete(rule) -> str:
    """A URL for a rule, with a harmless value for each argument."""
    values = {
        arg: 1 if isinstance(rule._converters[arg], IntegerConverter) else "x"
        for arg in rule.arguments
    }
    return rule.build(values)[1]


def method_of(rule) -> str:
    return "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]


def test_public_routes_still_exist(app):
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    missing = PUBLIC - rules
    assert not missing, f"public URLs vanished: {sorted(missing)}"


def test_anonymous_requests_are_refused(app):
    client = app.test_client()
    checked = 0
    for rule in staff_rules(app):
        if rule.endpoint == "auth.logout":
            continue
        response = client.open(concrete(rule), method=method_of(rule))
        assert response.status_code in (302, 401, 403), (rule.rule, response.status_code)
        if response.status_code == 302:
            assert "/login" in response.headers["Location"], rule.rule
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("role", ["admin", "officer", "facilitator", "safeguarding"])
def test_each_role_reaches_only_its_pages(app, client, signed_in, role):
    signed_in(role)
    app.config["WTF_CSRF_ENABLED"] = False
    for rule in staff_rules(app):
        if rule.endpoint == "auth.logout" or method_of(rule) != "GET":
            continue
        blueprint = rule.endpoint.split(".")[0]
        response = client.get(concrete(rule))
        if blueprint in TOKEN_ONLY:
            assert response.status_code == 401, (role, rule.rule, response.status_code)
        elif role in ALLOWED[blueprint]:
            assert response.status_code != 403, (role, rule.rule)
            assert "/login" not in response.headers.get("Location", ""), (role, rule.rule)
        else:
            assert response.status_code == 403, (role, rule.rule, response.status_code)
