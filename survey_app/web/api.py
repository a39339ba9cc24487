"""The read-only JSON API for BI tools (ADR 0033, docs/api.md): `/api/v1/comparison` and
`/api/v1/counts`, with the dashboard's filters, from the dashboard's own report.

Only an API token in `Authorization: Bearer ...` is accepted: no cookie, so no CSRF either.
Every call, refused ones too, goes in the audit log; each token has a rate limit.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, g, jsonify, request
from flask_limiter import RequestLimit
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException

from .. import audit
from ..auth.api_tokens import find_token, label
from ..extensions import csrf, db, limit_key_digest, limiter
from ..models import ApiToken, utcnow
from ..questionnaire.startup import registry_of
from ..reports import api_rows
from ..reports.api_rows import MAX_PER_PAGE, Page
from ..reports.filtering import organisation_names, programme_names
from .api_spec import openapi_document
from .report_forms import FilterForm, filter_form
from .reports import report_for

API_PREFIX = "/api/"
bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
FILTERS = ("questionnaire", "organisation", "programme", "priority", "date_from", "date_to", "by")
PAGING = ("page", "per_page")
MAX_PAGE = 10**6


class BadParameter(Exception):
    """A parameter the API cannot use; answered 400 with the parameter named."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter, self.message = parameter, message


def error(status: int, code: str, message: str, **extra: Any) -> Response:
    response = jsonify({"error": {"status": status, "code": code, "message": message, **extra}})
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(BadParameter)
def _bad_parameter(exc: BadParameter):
    _audit_call(400, parameter=exc.parameter)
    return error(400, "bad_parameter", exc.message, parameter=exc.parameter)


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    code = exc.code or 500
    return error(code, str(exc.name).lower().replace(" ", "_"), exc.description or "")


def _token() -> ApiToken | None:
    """The request's active token (found once per request), or None."""
    if "api_token" not in g:
        g.api_token, g.api_refusal = None, "no bearer token"
        scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and secret.strip():
            token = find_token(secret.strip())
            g.api_refusal = "unknown token" if token is None else "revoked token"
            if token is not None and token.active:
                g.api_token, g.api_refusal = token, ""
    return g.api_token


def _limit_key() -> str:
    """Per token when the token is good; per address otherwise (never the secret itself)."""
    token = _token()
    who = f"token:{token.id}" if token else f"address:{get_remote_address() or ''}"
    return "api:" + limit_key_digest(who)


def _limit() -> str:
    return str(current_app.config["API_RATE_LIMIT"])


def _too_many(_breached: RequestLimit) -> Response:
    return error(429, "too_many_requests", f"At most {_limit_text()} calls; wait, then retry.")


def _limit_text() -> str:
    return _limit().replace(";", ",")


# One budget per token over every route of the API, however the calls are spread.
API_LIMIT = limiter.shared_limit(_limit, scope="api", key_func=_limit_key, on_breach=_too_many)


def token_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """A good bearer token, or 401 (the refusal in the audit log, never the secret)."""

    @wraps(view)
    @API_LIMIT
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        token = _token()
        if token is None:
            reason = g.get("api_refusal", "no bearer token")
            audit.record(
                "api.refused", target=request.path, actor_name="(no valid token)", reason=reason
            )
            response = error(401, "unauthorized", f"Send a valid API token ({reason}).")
            response.headers["WWW-Authenticate"] = 'Bearer realm="api", error="invalid_token"'
            return response
        token.last_used_at = utcnow()
        return view(*args, **kwargs)

    return wrapped


@bp.route("/comparison")
@token_required
def comparison():
    """Before against after, per group and measure: the dashboard's rows, suppression and all."""
    report, page = _report()
    return _page(api_rows.comparison_rows(report), page, report)


@bp.route("/counts")
@token_required
def counts():
    """Responses per session, as the dashboard's table shows them (small phases suppressed)."""
    report, page = _report()
    rows = api_rows.count_rows(report, _min_base())
    meta = {"responses": len(report.data.responses), "sessions": len(report.sessions)}
    return _page(rows, page, report, **meta)


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3 document; public, as it holds no data."""
    response = jsonify(openapi_document(MAX_PER_PAGE))
    response.headers["Cache-Control"] = "no-cache"
    return response


def _report():
    args = request.args
    for name in args:
        if name not in FILTERS + PAGING:
            allowed = ", ".join(FILTERS + PAGING)
            raise BadParameter(name, f"Unknown parameter '{name}'; use one of {allowed}.")
        if len(args.getlist(name)) > 1:
            raise BadParameter(name, f"Give '{name}' once.")
    if not args.get("questionnaire"):
        raise BadParameter("questionnaire", "Give the questionnaire id ('questionnaire=...').")
    page = Page(_whole("page", 1, MAX_PAGE, 1), _whole("per_page", 1, MAX_PER_PAGE, 100))
    form = filter_form(args, registry_of(current_app), organisation_names(), programme_names())
    if not form.validate():
        name, messages = next(iter(form.errors.items()))
        raise BadParameter(str(name), _form_message(form, str(name), messages))
    return report_for(form.filters()), page


def _form_message(form: FilterForm, name: str, messages: list[str]) -> str:
    """The form's message, said for an API: the values allowed, not a list to choose from."""
    allowed = sorted(v for v in form.allowed.get(name, set()) if v)
    if allowed and len(allowed) <= 20:
        return f"'{name}' must be one of: {', '.join(allowed)}."
    if allowed:
        return f"'{name}' is not one that exists."
    return f"'{name}': {messages[0]} (YYYY-MM-DD)."


def _whole(name: str, low: int, high: int, default: int) -> int:
    text = request.args.get(name)
    if text is None:
        return default
    if not (text.isascii() and text.isdigit() and len(text) <= 9 and low <= int(text) <= high):
        raise BadParameter(name, f"'{name}' must be a whole number from {low} to {high}.")
    return int(text)


def _page(rows: list[dict], page: Page, report, **meta: Any) -> Response:
    shown, more = page.slice(rows)
    filters = report.filters.as_log()
    body = {
        "data": shown,
        "page": page.page,
        "per_page": page.per_page,
        "total": len(rows),
        "next": _url(filters, page.page + 1, page.per_page) if more else None,
        "filters": filters,
        "min_base": _min_base(),
        **meta,
    }
    _audit_call(200, filters=filters, page=page.page, per_page=page.per_page, rows=len(shown))
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response


def _url(filters: dict[str, str], page: int, per_page: int) -> str:
    query = urlencode(filters | {"page": page, "per_page": per_page})
    return f"{current_app.config['PUBLIC_BASE_URL']}{request.path}?{query}"


def _audit_call(status: int, **details: Any) -> None:
    token = g.get("api_token")
    if token is None:  # a refusal is recorded where it is made
        return
    db.session.add(token)
    audit.record("api.call", target=request.path, actor_name=label(token), status=status, **details)


def _min_base() -> int:
    return int(current_app.config["MIN_BASE"])
