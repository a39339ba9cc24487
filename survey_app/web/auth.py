"""Staff sign-in and sign-out (docs/security.md, "Sign-in")."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_limiter import RequestLimit
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired

from .. import audit
from ..auth import second_factor, signin_limits, staff_session
from ..auth.accounts import authenticate, known_email
from ..extensions import limiter
from ..health import redis_ready

bp = Blueprint("auth", __name__)


def init_limiter(app: Flask) -> None:
    """Bind the limiter whose limits this module declares. Counts go to Redis when there is
    one, so every instance counts the same failures; to memory otherwise."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"] or "memory://")
    # A Redis that stops answering must not hold a pupil's answer for long: the limiter gives
    # up within the health check's timeout and lets the answer through (errors swallowed).
    timeout = app.config["HEALTH_TIMEOUT_SECONDS"]
    options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", options)
    limiter.init_app(app)
    # Every limit in this app is a decorator, checked when its view runs (sign-in, /go). The
    # limiter's own hook before every request looks only for default, application and blueprint
    # limits, of which there are none, and cost about a tenth of a pupil's server time
    # (bench/throughput.py). A limit of those kinds would need this hook back (ADR 0032).
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks:
        hooks.remove(limiter._check_request_limit)


# One message for a wrong email, a wrong password and a deactivated account: the answer never
# tells an attacker which accounts exist.
NOT_RIGHT = "Email address or password is not right"
UNAVAILABLE = "Signing in is not possible for a few minutes. Try again shortly."


class LoginForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired("Enter your email address")])
    password = PasswordField("Password", validators=[DataRequired("Enter your password")])


def _refused(_limit: RequestLimit):
    """Too many failures: the sign-in page again, saying so, and the password is not checked."""
    audit.record("signin.refused", target=_audit_target(request.form.get("email") or ""))
    form = LoginForm()
    minutes = current_app.config["SIGNIN_WINDOW_MINUTES"]
    form.email.errors = [f"Too many failed sign-ins. Wait {minutes} minutes, then try again."]
    return make_response(render_template("auth/login.html", form=form), 429)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    signin_limits.failure_limit,
    key_func=signin_limits.address_key,
    methods=["POST"],
    deduct_when=signin_limits.was_failure,
    on_breach=_refused,
)
@limiter.limit(
    signin_limits.failure_limit,
    key_func=signin_limits.account_key,
    methods=["POST"],
    deduct_when=signin_limits.was_failure,
    on_breach=_refused,
)
def login():
    form = LoginForm()
    if request.method == "POST" and not redis_ready(current_app):
        # Without Redis each instance would count failures on its own, so an attacker spread
        # over instances would get more tries: sign-in fails closed (pupils are unaffected).
        form.email.errors = [UNAVAILABLE]
        return make_response(render_template("auth/login.html", form=form), 503)
    if form.validate_on_submit():
        email = form.email.data or ""
        user = authenticate(email, form.password.data or "")
        if user and (user.totp_secret or second_factor.required_for(user)):
            staff_session.hold(user)  # signed in only once the code is right too
            return redirect(url_for("mfa.enter", next=request.args.get("next")))
        if user:
            staff_session.start(user)
            audit.record("signin.success", target=user.email, user=user)
            return redirect(safe_next(request.args.get("next")))
        signin_limits.mark_failure()
        audit.record("signin.failure", target=_audit_target(email))
        form.email.errors.append(NOT_RIGHT)
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    user = current_user._get_current_object() if current_user.is_authenticated else None
    if user is not None:
        audit.record("signout", target=user.email, user=user, commit=False)
    staff_session.end(user)
    flash("You have signed out.")
    return redirect(url_for("auth.login"))


def _audit_target(email: str) -> str:
    """The account tried, when it exists; never what was typed otherwise (it may be a
    password typed into the wrong box)."""
    return email.strip().lower() if known_email(email) else "(no such account)"


def safe_next(target: str | None) -> str:
    """Only same-site paths, so a crafted link cannot send a user elsewhere after sign-in."""
    if target and not urlsplit(target).netloc and target.startswith("/") and "//" not in target:
        return target
    return url_for("home.index")
