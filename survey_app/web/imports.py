"""Officer page: upload paper responses typed into a CSV, and download the empty template."""

from __future__ import annotations

from collections import Counter

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField

from .. import audit
from ..auth.roles import REPORT_READERS, roles_required
from ..questionnaire.startup import registry_of
from ..responses.import_csv import (
    ImportRejected,
    configured_limits,
    find_session,
    import_file,
    template_csv,
)

bp = Blueprint("imports", __name__, url_prefix="/reports/import")
SHOWN_PROBLEMS = 100  # a long list helps nobody; the first hundred show the pattern


class UploadForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired("Choose the CSV file to import")])


class TemplateForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    session = StringField("Session number or code")


@bp.route("/", methods=["GET", "POST"])
@roles_required(*REPORT_READERS)
def upload():
    form = UploadForm()
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            rows = import_file(form.file.data.stream, registry_of(current_app))
        except ImportRejected as exc:
            problems = exc.problems
        else:
            counts = Counter((row.session.id, row.phase) for row in rows)
            parts = ", ".join(f"session {s} {p}: {n}" for (s, p), n in sorted(counts.items()))
            flash(f"Imported {len(rows)} paper responses ({parts}).")
            return redirect(url_for("imports.upload"))
    return _page(form, TemplateForm(formdata=None), problems)


@bp.route("/template")
@roles_required(*REPORT_READERS)
def template():
    form = TemplateForm(request.args)
    typed = (form.session.data or "").strip()
    session = find_session(typed) if typed else None
    if session is None:
        message = f"There is no session '{typed}'" if typed else "Enter a session number or code"
        form.session.errors = [message]
        return _page(UploadForm(formdata=None), form, []), 404 if typed else 400
    try:
        text = template_csv(session, registry_of(current_app))
    except KeyError:
        form.session.errors = [f"Session {session.id} uses a questionnaire that is not loaded"]
        return _page(UploadForm(formdata=None), form, []), 409
    audit.record("download", target=f"template:session {session.id}")
    return Response(
        text.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="session-{session.id}-paper.csv"'},
    )


def _page(upload_form: UploadForm, template_form: TemplateForm, problems: list[str]) -> str:
    return render_template(
        "imports/upload.html",
        form=upload_form,
        template_form=template_form,
        problems=problems[:SHOWN_PROBLEMS],
        hidden_problems=max(0, len(problems) - SHOWN_PROBLEMS),
        limits=configured_limits(),
    )
