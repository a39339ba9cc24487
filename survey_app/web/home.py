"""The staff start page: where each role goes first."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for
from flask_login import current_user

from ..auth.roles import REPORT_READERS, ROLES, SAFEGUARDING, roles_required

bp = Blueprint("home", __name__)


@bp.route("/")
@roles_required(*ROLES)
def index():
    if current_user.role == SAFEGUARDING:
        return redirect(url_for("safeguarding.index"))
    if current_user.role in REPORT_READERS:
        return redirect(url_for("reports.dashboard"))
    return redirect(url_for("sessions.index"))
