"""Sign-in limits: failures counted per account and per client address (Flask-Limiter).

Only failed attempts count (the view marks them with `mark_failure`), so staff who type their
password right are never slowed. Once an account or an address has SIGNIN_MAX_FAILURES failures
within SIGNIN_WINDOW_MINUTES, further attempts are refused before the password is even checked,
the right password included. The account key is the email as typed, existing or not, so the
answer never tells whether an account exists. Keys are hashed: the limiter's store (memory, or
Redis when REDIS_URL is set) holds no email or address in the clear.
"""

from __future__ import annotations

from flask import Response, current_app, g, request
from flask_limiter.util import get_remote_address

from ..extensions import limit_key_digest

_FAILED = "signin_failed"


def failure_limit() -> str:
    """The limit as Flask-Limiter reads it, from the settings."""
    config = current_app.config
    return f"{config['SIGNIN_MAX_FAILURES']} per {config['SIGNIN_WINDOW_MINUTES']} minutes"


def account_key() -> str:
    email = (request.form.get("email") or "").strip().lower()
    return "signin-account:" + limit_key_digest(email)


def held_account_key() -> str:
    """The account whose second-factor code is being typed: its failures and its password
    failures are counted together."""
    from .staff_session import held_user

    user = held_user()
    return "signin-account:" + limit_key_digest(user.email if user else "")


def address_key() -> str:
    return "signin-address:" + limit_key_digest(get_remote_address() or "")


def mark_failure() -> None:
    """Count this request against the limits (called by the view on a failed sign-in)."""
    g.setdefault(_FAILED, True)


def was_failure(_response: Response) -> bool:
    return bool(g.get(_FAILED))
