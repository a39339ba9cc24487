"""Officer pages (filled in by the reports work)."""

from flask import Blueprint

from ..auth.roles import REPORT_READERS, roles_required

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.route("/")
@roles_required(*REPORT_READERS)
def dashboard():
    return "reports"
