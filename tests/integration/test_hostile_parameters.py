"""No parameter, however hostile, makes a 5xx (issue 12 item 9).

Every rule in the app's url_map is requested, anonymously and as each staff role, with hostile
values in its path (huge, zero and overflowing ids; unicode, empty, very long and path-like text)
and in its query string and form body: every field name any form of the app reads, plus the
names views read directly, missing, repeated and with hostile values. First a fixed sweep of
every rule with each hostile value, then hypothesis mixes them at random. It runs on SQLite and,
in .ci/run, again on PostgreSQL (where ids beyond 2**31 once overflowed).
"""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.routing import IntegerConverter
from wtforms import Form
from wtforms.fields.core import UnboundField

from survey_app.auth.api_tokens import create_token
from survey_app.extensions import db
from survey_app.models import Concern, Response

# "api token": no staff cookie, a good bearer token (ADR 0033), walking the API's rules only.
ROLES = ["anonymous", "admin", "officer", "facilitator", "safeguarding", "api token"]
# Names views read from request.args or request.form directly, not through a form class.
READ_DIRECTLY = ["next", "lang", "page", "measure", "layout", "keep_pre_open", "group",
                 "download", "copies", "answers", "response_id", "csrf_token", "email",
                 "per_page"]  # fmt: skip
HOSTILE_INTS = [0, 1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 10**30]
HOSTILE_TEXT = ["", " ", "-1", "-9223372036854775809", "9" * 5000, "1e309", "NaN", "inf",
                "2025-02-30", "0000-00-00", "9999-99-99", "../../etc/passwd", "%00", "\x00",
                "Łódź żółć", "اردو", "<script>alert(1)</script>", "' OR 1=1 --", "\u202e",
                "x" * 3000, "true", "[]", "{}"]  # fmt: skip
# Signing out ends the walk's own sign-in; it has its own tests.
SKIPPED_ENDPOINTS = {"static", "auth.logout"}


def field_names() -> list[str]:
    """Every field name of every form class the app defines (the names it reads)."""
    names, seen, todo = set(READ_DIRECTLY), set(), [Form]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
        if cls.__module__.startswith("survey_app"):
            names |= {name for name, v in vars(cls).items() if isinstance(v, UnboundField)}
    return sorted(names)


def rules_of(app, role: str = "") -> list:
    """Every rule to walk; the API's only for a bearer token (every other answers it alike)."""
    return sorted(
        (r for r in app.url_map.iter_rules() if r.endpoint not in SKIPPED_ENDPOINTS
         and (role != "api token" or r.endpoint.startswith("api."))),
        key=lambda r: r.rule,
    )  # fmt: skip


def url_for_rule(rule, value) -> str | None:
    """The rule's URL with `value` in every argument (an int where the converter takes ints)."""
    values = {}
    for arg in rule.arguments:
        numeric = isinstance(rule._converters[arg], IntegerConverter)
        if numeric and not isinstance(value, int):
            return None
        values[arg] = value if numeric else str(value)
    try:
        return rule.build(values)[1]
    except ValueError:  # e.g. a converter refuses to build this value at all
        return None


def methods_of(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


@pytest.fixture
def walker(app, client, signed_in, make_user, session, role):
    """A client as `role` (signed in unless anonymous), with CSRF off so hostile bodies reach
    the views, and its own user id (None when anonymous). `session` gives the ids something to
    find."""
    user_id = None if role in ("anonymous", "api token") else signed_in(role).id
    if role == "api token":
        bearer_client(app, client)
    app.config["WTF_CSRF_ENABLED"] = False
    # Real ids where a page only shows its form for one: the safeguarding walker's own concern,
    # and for the admin a lead's account, whose organisations page and form then meet hostile
    # bodies too (the other roles keep the fixed values: a real session id would let them
    # delete it).
    real_ids = {
        "safeguarding": lambda: [planted_concern(session)],
        "admin": lambda: [make_user("safeguarding", "lead@school.example").id],
    }.get(role, list)()
    return client, user_id, real_ids


def bearer_client(app, client) -> None:
    """Every request of `client` carries a good API token, and the walk is not rate limited."""
    app.config["API_RATE_LIMIT"] = "1000000 per minute"
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {create_token('hostile walk')[1]}"


def planted_concern(session) -> int:
    """A concern at the session's school, which has no lead: the safeguarding walker (the
    designated officer) reaches its page and decision form with hostile bodies."""
    response = Response(response_uuid=str(uuid.uuid4()), session_id=session.id, phase="pre",
                        questionnaire_id="sample", questionnaire_version=1, answers={})  # fmt: skip
    db.session.add(response)
    db.session.flush()
    concern = Concern(response_id=response.id, session_id=session.id, phase="pre",
                      item_id="do_differently", text="they hit me", terms=["hit me"],
                      categories=["harm_by_others"])  # fmt: skip
    db.session.add(concern)
    db.session.commit()
    return concern.id


def request_is_sound(client, method: str, url: str, pairs: list[tuple[str, str]]) -> None:
    pairs = MultiDict(pairs)  # repeated names stay repeated
    if method == "GET":
        response = client.open(url, method="GET", query_string=pairs)
    else:
        response = client.open(url, method=method, data=pairs)
    body = response.get_data(as_text=True) if response.mimetype.startswith("text/") else ""
    shown = list(pairs.items(multi=True))[:5]
    assert response.status_code < 500, (method, url, shown, response.status_code)
    assert "Traceback" not in body, (method, url)


def own_account(rule, value, user_id) -> bool:
    """A hostile POST must not deactivate, demote or reset the walker's own account mid-walk."""
    return rule.endpoint.startswith("staff.") and value == user_id


@pytest.mark.parametrize("role", ROLES)
def test_every_rule_with_each_hostile_value_is_never_a_server_error(app, walker, role):
    client, user_id, real_ids = walker
    names = field_names()
    checked = 0
    for rule in rules_of(app, role):
        for value in HOSTILE_INTS + real_ids + HOSTILE_TEXT:
            url = url_for_rule(rule, value)
            if url is None or own_account(rule, value, user_id):
                continue
            # At a real id the page's form is there to meet every hostile body, not only its own
            # id as the body.
            bodies = HOSTILE_INTS + HOSTILE_TEXT if value in real_ids else [value]
            for body in bodies:
                pairs = [(name, str(body)) for name in names]
                for method in methods_of(rule):
                    request_is_sound(client, method, url, pairs)
                    checked += 1
    assert checked > (50 if role == "api token" else 500), checked  # it covered the routes


values = st.one_of(
    st.sampled_from(HOSTILE_INTS),
    st.integers(min_value=0, max_value=10**40),
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=60),
)


@pytest.mark.parametrize("role", ROLES)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_hostile_mixtures_are_never_a_server_error(app, walker, role, data):
    client, user_id, _ = walker  # one sign-in for all the examples of a role
    rule = data.draw(st.sampled_from(rules_of(app, role)))
    value = data.draw(values)
    url = url_for_rule(rule, value)
    if url is None or own_account(rule, value, user_id):
        url = url_for_rule(rule, 1)
    pairs = data.draw(
        st.lists(st.tuples(st.sampled_from(field_names()), values.map(str)), max_size=8)
    )
    request_is_sound(client, data.draw(st.sampled_from(methods_of(rule))), url, pairs)


API_PARAMETERS = ["questionnaire", "organisation", "programme", "priority", "date_from", "date_to",
                  "by", "page", "per_page"]  # fmt: skip


@pytest.mark.parametrize("path", ["/api/v1/comparison", "/api/v1/counts"])
def test_each_api_parameter_alone_hostile_is_a_json_200_or_400(app, client, session, path):
    """One parameter hostile at a time, the others good, so each reaches its own check."""
    bearer_client(app, client)
    for name in API_PARAMETERS:
        for value in [*map(str, HOSTILE_INTS), *HOSTILE_TEXT]:
            query = {"questionnaire": "sample", name: value}
            response = client.get(path, query_string=query)
            assert response.status_code in (200, 400), (name, value[:20], response.status_code)
            assert response.is_json, (name, value[:20])
            problem = response.get_json().get("error") or {}
            if "\x00" in value:  # refused before any view (web/nul_bytes.py), in words
                assert "NUL character" in problem["message"], name
            elif response.status_code == 400:
                assert problem["parameter"] == name, (name, value[:20], problem)
