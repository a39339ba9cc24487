"""Facilitator pages for sessions (filled in by the sessions work)."""

from flask import Blueprint

from ..auth.roles import ANY_STAFF, roles_required

bp = Blueprint("sessions", __name__, url_prefix="/sessions")


@bp.route("/")
@roles_required(*ANY_STAFF)
def index():
    return "sessions"
