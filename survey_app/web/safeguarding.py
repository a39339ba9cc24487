"""The safeguarding review queue at /safeguarding/: a lead's list of concerns from their
organisations, each concern's page, and the decision form. Every view and decision is audited
(never the answer's text); another organisation's concern is a 404, so its existence is not
given away."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from ..auth.roles import SAFEGUARDING, SAFEGUARDING_LEADS, roles_required
from ..extensions import csrf, db
from ..questionnaire.startup import registry_of
from ..safeguarding import review
from ..safeguarding.masking import mask_personal_data
from ..safeguarding.scope import STATUS_WORDS, open_count, visible_concern, visible_concerns
from .safeguarding_forms import DECISION_HINTS, DecisionForm

bp = Blueprint("safeguarding", __name__, url_prefix="/safeguarding")
SHOWN = 500  # open concerns first; a queue longer than this is worked through, not read


@bp.app_context_processor
def _badge():
    """The header's count of open concerns, for safeguarding accounts only (one query)."""

    def open_concerns() -> int:
        if not current_user.is_authenticated or current_user.role != SAFEGUARDING:
            return 0
        return open_count(current_user)

    return {"open_concerns": open_concerns}


@bp.route("/")
@roles_required(*SAFEGUARDING_LEADS)
def index():
    query = visible_concerns(current_user).limit(SHOWN)
    found = list(db.session.scalars(query))
    found.sort(key=lambda c: c.status != "open")  # open first, newest first within each
    registry = registry_of(current_app)
    views = [review.view_of(concern, registry) for concern in found]
    opened = sum(1 for c in found if c.status == "open")
    review.record_list(len(found), opened)
    return render_template("safeguarding/index.html", views=views, open_count=opened,
                           status_words=STATUS_WORDS,
                           designated=not current_user.organisations)  # fmt: skip


@bp.route("/<int:concern_id>", methods=["GET", "POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to the login page
@roles_required(*SAFEGUARDING_LEADS)
def show(concern_id: int):
    concern = visible_concern(current_user, concern_id)
    if concern is None:
        abort(404)
    form = DecisionForm(data={"status": None if concern.status == "open" else concern.status})
    status = 200
    if form.is_submitted():
        if form.validate():
            try:
                review.decide(concern, form.status.data or "", form.note.data or "", current_user)
            except review.DecisionError as exc:
                form.note.errors = [_sentence(str(exc))]
            else:
                flash(f"Concern {concern.id}: {STATUS_WORDS[concern.status].lower()}.")
                return redirect(url_for("safeguarding.index"), code=303)
        elif "csrf_token" in form.errors:
            abort(400)
        if form.status.errors:
            form.status.errors = ["Choose what was done"]
        status = 400
    else:
        review.record_view(concern)
    view = review.view_of(concern, registry_of(current_app))
    return render_template("safeguarding/show.html", view=view, form=form, hints=DECISION_HINTS,
                           answer=mask_personal_data(concern.text),
                           status_words=STATUS_WORDS), status  # fmt: skip


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
