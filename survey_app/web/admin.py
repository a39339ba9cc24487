"""Admin pages: questionnaire versions and staff accounts, read-only."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, current_app, render_template

from ..auth.roles import ADMINS, roles_required
from ..extensions import db
from ..models import QuestionnaireVersion, User
from ..questionnaire.startup import registry_of

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@roles_required(*ADMINS)
def index():
    recorded = {
        (r.questionnaire_id, r.version): r
        for r in db.session.scalars(sa.select(QuestionnaireVersion))
    }
    users = db.session.scalars(sa.select(User).order_by(User.email)).all()
    return render_template(
        "admin/index.html",
        questionnaires=list(registry_of(current_app)),
        recorded=recorded,
        users=users,
    )
