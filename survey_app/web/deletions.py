"""Officer and admin pages: list a session's responses (when, phase, source; never answers) and
delete a test response or a whole session, each after a confirmation page (GOV.UK pattern:
a page that says what will go and that it cannot be undone, a warning button, a way back)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from ..auth.roles import REPORT_READERS, roles_required
from ..extensions import csrf, db
from ..models import Response, SurveySession
from ..responses.deletion import (
    DeletionRefused,
    delete_response,
    delete_session,
    session_blocker,
)
from ..sessions.schedule import local_text
from ..sessions.service import can_see

bp = Blueprint("deletions", __name__, url_prefix="/sessions")
SHOWN = 500  # a session is a class or two; more than this is not a list anyone reads


@bp.route("/<int:session_id>/responses")
@roles_required(*REPORT_READERS)
def responses(session_id: int):
    session = _session_or_404(session_id)
    rows = db.session.scalars(
        sa.select(Response).filter_by(session_id=session.id)
        .order_by(Response.submitted_at.desc(), Response.id.desc()).limit(SHOWN)
    ).all()  # fmt: skip
    return render_template("sessions/responses.html", session=session, rows=rows,
                           when=_local, total=_total(session.id), shown=SHOWN)  # fmt: skip


@bp.route("/<int:session_id>/responses/<int:response_id>/delete", methods=["GET", "POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to the login page
@roles_required(*REPORT_READERS)
def delete_one(session_id: int, response_id: int):
    session = _session_or_404(session_id)
    response = db.session.get(Response, response_id)
    if response is None or response.session_id != session.id:
        abort(404)
    form = FlaskForm()
    if form.is_submitted():
        if not form.validate():
            abort(400)
        delete_response(response)
        flash("The response was deleted.")
        return redirect(url_for("deletions.responses", session_id=session.id), code=303)
    return render_template("sessions/delete_response.html", session=session, response=response,
                           when=_local(response))  # fmt: skip


@bp.route("/<int:session_id>/delete", methods=["GET", "POST"])
@csrf.exempt  # checked below, after sign-in, as above
@roles_required(*REPORT_READERS)
def delete_whole(session_id: int):
    session = _session_or_404(session_id)
    form = FlaskForm()
    blocker = session_blocker(session)
    if form.is_submitted():
        if not form.validate():
            abort(400)
        try:
            count = delete_session(session)
        except DeletionRefused as exc:
            blocker = str(exc)
        else:
            flash(f"Session {session_id} and its {count} response(s) were deleted.")
            return redirect(url_for("sessions.index"), code=303)
    page = render_template("sessions/delete_session.html", session=session, blocker=blocker,
                           total=_total(session.id))  # fmt: skip
    return page, (409 if blocker and form.is_submitted() else 200)


def _session_or_404(session_id: int) -> SurveySession:
    session = db.session.get(SurveySession, session_id)
    if session is None or not can_see(current_user, session):
        abort(404)
    return session


def _total(session_id: int) -> int:
    query = sa.select(sa.func.count(Response.id)).where(Response.session_id == session_id)
    return db.session.scalar(query) or 0


def _local(response: Response) -> str:
    """When it arrived, in the TIMEZONE setting, to the minute: enough to spot a test."""
    text = local_text(response.submitted_at, current_app.config["TIMEZONE"]) or ""
    return text[:16].replace("T", " ")
