"""Facilitator pages: create sessions, list them with live counts, open and close phases,
show a phase's QR code large for the class, download the printable sheet and the paper forms.
A facilitator sees only their own sessions (another's is a 404, so its existence is not given
away); admins and officers see and manage all of them."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm

from .. import audit
from ..auth.roles import ANY_STAFF, REPORT_READERS, roles_required
from ..extensions import csrf, db
from ..models import Organisation, Programme, SurveySession
from ..qr.svg import qr_svg
from ..questionnaire.startup import registry_of
from ..reports.data import load_session
from ..reports.service import log_download
from ..reports.summary import Summary, summarise, summary_pdf
from ..responses.paper_form import paper_filename, paper_pdf
from ..safeguarding.scope import STATUS_WORDS, counts_by_status, has_lead
from ..sessions.codes import display_code
from ..sessions.counts import session_counts
from ..sessions.final import final_from, is_final
from ..sessions.schedule import ScheduleError, local_text, parse_when, zone
from ..sessions.service import (
    SessionError,
    can_see,
    create_session,
    go_url,
    link_for,
    public_url,
    set_phase_state,
    set_schedule,
    state_of,
    visible_sessions,
)
from ..sessions.sheets import COPIES, make_sheet, sheet_filename
from .session_forms import NewSessionForm

bp = Blueprint("sessions", __name__, url_prefix="/sessions")
PER_PAGE = 50
MAX_PAGE = 100_000  # far beyond any real list; a larger number would overflow the OFFSET
ACTIONS = {"open": "open", "close": "closed"}
PHASE_NAMES = {"pre": "Before (PRE)", "post": "After (POST)", "single": "Feedback"}
# The open session page asks for its counts this often (static/live-counts.js): one small
# query a page every few seconds, paused while the tab is hidden.
COUNTS_EVERY_SECONDS = 5


@bp.route("/")
@roles_required(*ANY_STAFF)
def index():
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    rows = db.paginate(visible_sessions(current_user), page=page, per_page=PER_PAGE)
    counts = session_counts(s.id for s in rows.items)  # one query for the whole page
    return render_template(
        "sessions/index.html",
        pagination=rows,
        counts=counts,
        phase_names=PHASE_NAMES,
        state_of=state_of,
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*ANY_STAFF)
def new():
    registry = registry_of(current_app)
    form = NewSessionForm()
    organisations = db.session.execute(
        sa.select(Organisation.id, Organisation.name).order_by(Organisation.name)
    ).all()
    form.fill_choices([(o.id, o.name) for o in organisations], registry)
    if form.validate_on_submit():
        try:
            session = create_session(registry, **_creation_args(form))
        except SessionError as exc:
            form.new_organisation.errors.append(str(exc)[:1].upper() + str(exc)[1:])
        else:
            flash("Session created. Print its sheet, then open the links when you are ready.")
            return redirect(url_for("sessions.show", session_id=session.id), code=303)
    programmes = db.session.scalars(sa.select(Programme.name).order_by(Programme.name)).all()
    return render_template("sessions/new.html", form=form, programmes=programmes)


@bp.route("/<int:session_id>")
@roles_required(*ANY_STAFF)
def show(session_id: int):
    session = _visible_or_404(session_id)
    timezone = current_app.config["TIMEZONE"]
    links = [
        {
            "link": link,
            "name": PHASE_NAMES.get(link.phase, link.phase),
            "url": public_url(link),
            "code": display_code(link.code),
            "state": state_of(link),
            # datetime-local inputs: local time without an offset, to the minute
            "opens": (local_text(link.opens_at, timezone) or "")[:16],
            "closes": (local_text(link.closes_at, timezone) or "")[:16],
        }
        for link in session.links
    ]
    return render_template(
        "sessions/show.html",
        session=session,
        links=links,
        counts=session_counts([session.id])[session.id],
        go_url=go_url(),
        copies=COPIES,
        timezone=timezone,
        counts_every_ms=COUNTS_EVERY_SECONDS * 1000,
        can_delete=current_user.role in REPORT_READERS,
        # Officers and admins see that concerns exist, by status; their text is the lead's only.
        concerns=counts_by_status([session.id]) if current_user.role in REPORT_READERS else {},
        status_words=STATUS_WORDS,
        has_lead=has_lead(session.organisation_id),
        results=_results(session),
        final=is_final(session.links, _grace()),
        final_from=_friendly(final_from(session.links, _grace()), timezone),
        grace_days=round(_grace().total_seconds() / 86400),
    )


@bp.route("/<int:session_id>/summary.pdf")
@roles_required(*ANY_STAFF)
def summary(session_id: int):
    """The session's results on one page, for the school; only once they are final."""
    session = _visible_or_404(session_id)
    found = _results(session)
    if found is None:
        abort(404)
    log_download("summary:session", {"session": str(session.id)}, current_user.id)
    return Response(
        summary_pdf(found, date.today()),
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="session-{session.id}-summary.pdf"',
            "Cache-Control": "no-store",
        },
    )


def _results(session: SurveySession) -> Summary | None:
    """The session's own results once no answer can arrive (sessions/final.py), else None."""
    if not is_final(session.links, _grace()):
        return None
    qid = session.questionnaire_version.questionnaire_id
    versions = [q for q in registry_of(current_app) if q.id == qid]
    label = f" ({session.group_label})" if session.group_label else ""
    return summarise(
        load_session(session.id), versions, by="session", group=session.id,
        title=f"{session.organisation.name}: session {session.id}{label}, results",
        min_base=int(current_app.config["MIN_BASE"]),
    )  # fmt: skip


def _friendly(when: datetime | None, timezone: str) -> str | None:
    """ "11 December 2026 at 15:00" in local time; None when unknown or long past."""
    if when is None or when.year < 2000:  # a phase closed with no time kept
        return None
    return f"{when.replace(tzinfo=UTC).astimezone(zone(timezone)):%d %B %Y at %H:%M}"


def _grace() -> timedelta:
    return timedelta(seconds=current_app.config["LATE_ANSWER_GRACE"])


@bp.route("/<int:session_id>/counts.json")
@roles_required(*ANY_STAFF)
def counts(session_id: int):
    """The session page's counts, for its script to refresh them without a reload."""
    session = _visible_or_404(session_id)
    return asdict(session_counts([session.id])[session.id])


@bp.route("/<int:session_id>/phases/<phase>/screen")
@roles_required(*ANY_STAFF)
def screen(session_id: int, phase: str):
    """A phase's QR code and short code filling the screen, to project for the class."""
    session = _visible_or_404(session_id)
    link = _link_or_404(session, phase)
    return render_template(
        "sessions/screen.html",
        session=session,
        link=link,
        name=PHASE_NAMES.get(link.phase, link.phase),
        code=display_code(link.code),
        state=state_of(link),
        go_url=go_url(),
    )


@bp.route("/<int:session_id>/phases/<phase>/qr.svg")
@roles_required(*ANY_STAFF)
def qr(session_id: int, phase: str):
    link = _link_or_404(_visible_or_404(session_id), phase)
    return current_app.response_class(qr_svg(public_url(link)), mimetype="image/svg+xml")


@bp.route("/<int:session_id>/phases/<phase>/<action>", methods=["POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to the login page, not a 400
@roles_required(*ANY_STAFF)
def change_phase(session_id: int, phase: str, action: str):
    if not FlaskForm().validate_on_submit():
        abort(400)
    session = _visible_or_404(session_id)
    if action not in ACTIONS:
        abort(404)
    state = ACTIONS[action]
    try:
        changed = set_phase_state(session, phase, state, bool(request.form.get("keep_pre_open")))
    except SessionError:
        abort(404)
    said = " ".join(
        f"{PHASE_NAMES.get(link.phase, link.phase)} is now {link.state}." for link in changed
    )
    flash(said)
    return redirect(url_for("sessions.show", session_id=session.id), code=303)


@bp.route("/<int:session_id>/phases/<phase>/schedule", methods=["POST"])
@csrf.exempt  # checked below, after sign-in, as for opening and closing
@roles_required(*ANY_STAFF)
def schedule_phase(session_id: int, phase: str):
    if not FlaskForm().validate_on_submit():
        abort(400)
    session = _visible_or_404(session_id)
    if phase not in {link.phase for link in session.links}:
        abort(404)
    try:
        opens_at, closes_at = (_typed_time(request.form.get(name)) for name in ("opens", "closes"))
        set_schedule(session, phase, opens_at, closes_at)
    except (ScheduleError, SessionError) as exc:
        flash(f"Nothing changed: {exc}.")
    else:
        flash(f"{PHASE_NAMES.get(phase, phase)}: times saved.")
    return redirect(url_for("sessions.show", session_id=session.id), code=303)


def _typed_time(text: str | None):
    """A datetime-local value in the TIMEZONE setting as naive UTC; empty for none."""
    text = (text or "").strip()[:40]
    return parse_when(text, current_app.config["TIMEZONE"]) if text else None


@bp.route("/<int:session_id>/sheet.pdf")
@roles_required(*ANY_STAFF)
def sheet(session_id: int):
    session = _visible_or_404(session_id)
    copies = request.args.get("copies", 1, type=int)
    if copies not in COPIES:
        abort(404)
    pdf = make_sheet(session, copies=copies)
    filename = sheet_filename(session, copies)
    audit.record("download", target=f"sheet:session {session.id}", copies=copies)
    return current_app.response_class(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/<int:session_id>/paper/<phase>.pdf")
@roles_required(*ANY_STAFF)
def paper(session_id: int, phase: str):
    """One respondent's paper form of a phase, for when the tablets fail."""
    session = _visible_or_404(session_id)
    try:
        pdf = paper_pdf(session, registry_of(current_app), phase)
    except SessionError:
        abort(404)
    audit.record("download", target=f"paper:session {session.id}", phase=phase)
    return current_app.response_class(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{paper_filename(session, phase)}"'},
    )


def _visible_or_404(session_id: int) -> SurveySession:
    session = db.session.get(SurveySession, session_id)
    if session is None or not can_see(current_user, session):
        abort(404)
    return session


def _link_or_404(session: SurveySession, phase: str):
    try:
        return link_for(session, phase)
    except SessionError:
        abort(404)


def _creation_args(form: NewSessionForm) -> dict:
    typed = (form.new_organisation.data or "").strip()
    picked = dict(form.organisation_id.choices).get(form.organisation_id.data, "")
    return {
        "organisation": typed or picked,
        "questionnaire_id": form.questionnaire.data,
        "session_date": form.session_date,
        "programme": (form.programme.data or "").strip() or None,
        "group_label": form.group_label.data or "",
        "shared_devices": bool(form.shared_devices.data),
        "facilitator": current_user._get_current_object(),
    }
