"""One-time links with which a person sets their password: an invitation to a new account, or
a reset an admin hands over. Signed and timed by itsdangerous (no table): the link names the
account and a fingerprint of its password hash and session epoch, so it stops working once a
password is set through it (one use), when the account is deactivated, reactivated or its role
changes, and after RESET_LINK_MAX_AGE seconds (a day)."""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadData, TimestampSigner, URLSafeTimedSerializer

from .. import audit
from ..extensions import db
from ..models import User
from .clock import now_seconds

SALT = "staff-password-link"


class _ClockSigner(TimestampSigner):
    """Timestamps from the app's clock, so a test can move a day on."""

    def get_timestamp(self) -> int:
        return now_seconds()


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key or "", salt=SALT, signer=_ClockSigner)


def _fingerprint(user: User) -> str:
    state = f"{user.password_hash}|{user.session_epoch or 0}"
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def issue(user: User, purpose: str = "reset") -> str:
    """A new link's token for `user`, audited; the caller builds the URL (`link_url`)."""
    audit.record("user.reset_link", target=user.email, purpose=purpose)
    return str(_serializer().dumps([user.id, _fingerprint(user)]))


def link_url(token: str) -> str:
    return f"{current_app.config['PUBLIC_BASE_URL']}/reset/{token}"


def user_for(token: str) -> User | None:
    """The account this token is still good for, or None (bad, used, stale or expired)."""
    try:
        user_id, fingerprint = _serializer().loads(
            token, max_age=current_app.config["RESET_LINK_MAX_AGE"]
        )
    except (BadData, TypeError, ValueError):
        return None
    if not isinstance(user_id, int):
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or _fingerprint(user) != fingerprint:
        return None
    return user
