"""Admin > API tokens: make a token for a BI tool (its secret shown once), see when each was
last used, revoke one at once (ADR 0033). Every change is audited (auth/api_tokens.py)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

from ..auth.api_tokens import NAME_LENGTH, TokenError, all_tokens, create_token, revoke_token
from ..auth.roles import ADMINS, roles_required
from ..extensions import csrf
from .account_forms import ActionForm

bp = Blueprint("api_tokens", __name__, url_prefix="/admin/api-tokens")


class NewTokenForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[DataRequired("Enter a name for the token, such as the report that uses it")],
        render_kw={"maxlength": NAME_LENGTH, "spellcheck": "false", "autocomplete": "off"},
    )


@bp.route("/")
@roles_required(*ADMINS)
def index(form: NewTokenForm | None = None, status: int = 200):
    page = render_template(
        "admin/api_tokens.html",
        tokens=all_tokens(),
        form=form or NewTokenForm(formdata=None),
        action_form=ActionForm(),
    )
    return page, status


@bp.route("/new", methods=["POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to sign-in, not a 400
@roles_required(*ADMINS)
def create():
    form = NewTokenForm()
    if not form.validate_on_submit():
        return index(form=form, status=400)
    try:
        token, secret = create_token(form.name.data or "", current_user._get_current_object())
    except TokenError as exc:
        form.name.errors = [_sentence(str(exc))]
        return index(form=form, status=400)
    return render_template("admin/api_token_made.html", token=token, secret=secret)


@bp.route("/<int:token_id>/revoke", methods=["POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to sign-in, not a 400
@roles_required(*ADMINS)
def revoke(token_id: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        token = revoke_token(token_id, current_user._get_current_object())
    except TokenError as exc:
        flash(_sentence(str(exc)))
        return redirect(url_for("api_tokens.index"))
    flash(f"API token {token.id} ({token.name}) is revoked: calls with it are refused.")
    return redirect(url_for("api_tokens.index"))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
