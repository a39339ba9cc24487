"""/reset/<token>: where a person sets their password from a one-time link (auth/reset_links.py).
Public, because the person is not signed in; the token is the proof."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from ..auth import reset_links
from ..auth.accounts import AccountError, set_password
from ..auth.passwords import MIN_LENGTH
from .account_forms import NewPasswordForm

bp = Blueprint("password", __name__)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def set_new(token: str):
    user = reset_links.user_for(token)
    if user is None:
        return render_template("auth/link_expired.html"), 410
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            set_password(user, form.password.data or "")
        except AccountError as exc:
            form.password.errors = [str(exc)]
        else:
            flash("Your password is set. Sign in with it now.")
            return redirect(url_for("auth.login"))
    return render_template("auth/set_password.html", form=form, user=user, min_length=MIN_LENGTH)
