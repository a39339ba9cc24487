"""The second step of sign-in for an account with a second factor (auth/second_factor.py):
/login/code asks for the authenticator app's code; /login/code/set-up shows a new secret (a
QR code and the key as text) to an admin who must have one (REQUIRE_MFA=1) and keeps it once a
code proves the app has it. Public: the person is not signed in yet, only on hold."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

from .. import audit
from ..auth import second_factor, signin_limits, staff_session
from ..extensions import limiter
from .auth import safe_next

bp = Blueprint("mfa", __name__, url_prefix="/login/code")
PENDING_SECRET = "pending_totp_secret"
NOT_RIGHT = "The code is not right. Type the 6 numbers your app shows now"


class CodeForm(FlaskForm):
    code = StringField(
        "Code from your authenticator app",
        validators=[DataRequired("Enter the code from your authenticator app")],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"},
    )


def _limited(view):
    """The same failure limits as the password: per held account and per address."""
    for key in (signin_limits.held_account_key, signin_limits.address_key):
        view = limiter.limit(
            signin_limits.failure_limit,
            key_func=key,
            methods=["POST"],
            deduct_when=signin_limits.was_failure,
        )(view)
    return view


@bp.route("/", methods=["GET", "POST"])
@_limited
def enter():
    user = staff_session.held_user()
    if user is None:
        return redirect(url_for("auth.login"))
    if not user.totp_secret:
        return redirect(url_for("mfa.set_up"))
    form = CodeForm()
    if form.validate_on_submit():
        if second_factor.check(user, form.code.data or ""):
            return _signed_in(user)
        signin_limits.mark_failure()
        audit.record("signin.failure", target=user.email, step="code")
        form.code.errors = [NOT_RIGHT]
    return render_template("auth/code.html", form=form)


@bp.route("/set-up", methods=["GET", "POST"])
@_limited
def set_up():
    user = staff_session.held_user()
    if user is None:
        return redirect(url_for("auth.login"))
    if user.totp_secret:
        return redirect(url_for("mfa.enter"))
    secret = session.get(PENDING_SECRET) or second_factor.new_secret()
    session[PENDING_SECRET] = secret
    form = CodeForm()
    if form.validate_on_submit():
        if second_factor.enrol(user, secret, form.code.data or ""):
            response = _signed_in(user)
            flash("Your second factor is set up. You will need a code each time you sign in.")
            return response
        signin_limits.mark_failure()
        form.code.errors = [NOT_RIGHT]
    uri = second_factor.setup_uri(user, secret)
    return render_template(
        "auth/code_set_up.html", form=form, secret=secret, qr=second_factor.qr_data_uri(uri)
    )


def _signed_in(user):
    target = request.args.get("next")
    staff_session.start(user)
    audit.record("signin.success", target=user.email, user=user)
    return redirect(safe_next(target))
