"""Admin page: the audit log, with filters, and the same rows as a CSV download."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template, request
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional

from .. import audit
from ..audit.query import as_dict, entries, to_csv
from ..auth.roles import ADMINS, roles_required
from .report_forms import SelectChoice

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")
SHOWN = 500  # the page shows the newest; the CSV has every matching entry
GROUPS = sorted({action.split(".")[0] for action in audit.ACTIONS} | set(audit.ACTIONS))


def _choices(pairs: list[tuple[str, str]]) -> list:
    return [SelectChoice(v, label) if SelectChoice else (v, label) for v, label in pairs]


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    since = DateField("From", validators=[Optional()])
    until = DateField("To", validators=[Optional()])
    action = SelectField(
        "Action", choices=_choices([("", "any")] + [(g, g) for g in GROUPS]), default=""
    )
    actor = StringField("Email contains", validators=[Optional()])


@bp.route("/")
@roles_required(*ADMINS)
def index():
    form = AuditFilterForm(request.args)
    rows = entries(**_filters(form), limit=SHOWN) if form.validate() else []
    return render_template(
        "admin/audit.html", form=form, rows=[as_dict(r) for r in rows], shown=SHOWN
    )


@bp.route("/audit.csv")
@roles_required(*ADMINS)
def download():
    form = AuditFilterForm(request.args)
    if not form.validate():
        return index(), 400
    text = to_csv(entries(**_filters(form)))
    audit.record("download", target="audit.csv", filters=request.args.to_dict())
    return Response(
        text.encode("utf-8-sig"),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="audit-{date.today()}.csv"',
            "Cache-Control": "no-store",
        },
    )


def _filters(form: AuditFilterForm) -> dict:
    return {
        "since": form.since.data,
        "until": form.until.data,
        "action": form.action.data or "",
        "actor": form.actor.data or "",
    }
