"""/healthz (liveness) and /readyz (readiness) for the proxy and the service manager.

Public, like the pupil pages: a probe has no login. They say only "ok" or which part failed,
never a setting, a host or an error message."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from ..health import app_version, failing_parts

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is up and serving; says which version it runs."""
    return _no_store(jsonify(status="ok", version=app_version()))


@bp.get("/readyz")
def readyz():
    """200 when the database and Redis answer; 503 naming whichever does not."""
    failing = failing_parts(current_app)
    if failing:
        return _no_store(jsonify(status="unavailable", failing=failing)), 503
    return _no_store(jsonify(status="ok"))


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response
